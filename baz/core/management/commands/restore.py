"""Restore a backup written by `manage.py backup`: replaces the database and the media files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from baz.core.backups import backup_restore


class Command(BaseCommand):
    help = "Replace the database and the media folder with a backup folder, then verify them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="A baz-YYYYmmdd-HHMMSS folder made by `backup`.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask: this overwrites all current data."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"])
        if not (folder / "manifest.json").exists():
            raise CommandError(f"{folder} is not a backup folder (no manifest.json).")
        if not options["yes"]:
            answer = input("This replaces the whole database and every media file. Type 'ja': ")
            if answer.strip().lower() != "ja":
                raise CommandError("Nothing restored.")
        try:
            manifest = backup_restore(folder)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        total = sum(manifest["tables"].values())
        self.stdout.write(
            f"Restored {total} rows in {len(manifest['tables'])} tables and "
            f"{len(manifest['media'])} media files from {manifest['created_at']}."
        )
