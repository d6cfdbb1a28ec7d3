"""Back up the database and the media files into a new folder (see docs/deployment.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from baz.core.backups import backup_create


class Command(BaseCommand):
    help = "Write a backup (database dump + media archive + manifest) into a new folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            default=settings.BACKUP_DIR or "backups",
            help="Folder that receives the new baz-YYYYmmdd-HHMMSS folder (default BACKUP_DIR).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = backup_create(Path(options["output"]))
        self.stdout.write(str(folder))
