"""Rebuild the site-search index from the database.

Why: signals keep the index in step with every publish, unpublish, move and delete, but bulk
writes (data imports, `seed_bench_data`, restores) bypass signals. This command recomputes
every document in one transaction: it is idempotent, and the result is the same as if every
page and entry had been published one by one. `--dry-run` only counts.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from baz.search import services


class Command(BaseCommand):
    help = "Bouw de zoekindex van de website opnieuw op."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Tel wat er zou komen, wijzig niets."
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        verbosity = int(options.get("verbosity", 1))
        with transaction.atomic():
            counts = services.index_rebuild()
            if dry_run:
                transaction.set_rollback(True)
        if verbosity >= 1:
            prefix = "Zou indexeren" if dry_run else "Geïndexeerd"
            self.stdout.write(
                f"{prefix}: {counts['pages']} pagina('s), {counts['entries']} atlasfiche(s)."
            )
