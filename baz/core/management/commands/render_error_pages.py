"""Render the Dutch 413, 502, 503 and 504 pages to static files for nginx (at deploy time)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from baz.core.resilience import render_error_pages


class Command(BaseCommand):
    help = "Render the site's error pages for the web server (413, 502, 503, 504) as HTML files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            default=settings.ERROR_PAGES_DIR,
            help="Folder to write into (default: ERROR_PAGES_DIR).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["output"]:
            self.stderr.write("Give --output or set ERROR_PAGES_DIR.")
            raise SystemExit(2)
        for path in render_error_pages(Path(options["output"])):
            self.stdout.write(f"{path}")
