"""Delete reflections whose private link expired or was revoked.

Why: such a reflection can no longer be opened by anyone, so its answers should not be kept.
Run it daily (cron or a scheduler); it is safe to run at any time.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from baz.learning.services import reflections_purge_expired


class Command(BaseCommand):
    help = "Verwijdert reflecties waarvan de link verlopen of ingetrokken is."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Tel wat er zou worden verwijderd, zonder iets te verwijderen.",
        )

    def handle(self, *args, dry_run: bool = False, verbosity: int = 1, **options):
        with transaction.atomic():
            count = reflections_purge_expired(dry_run=dry_run)
        if verbosity >= 1:
            prefix = "[proefdraai] " if dry_run else ""
            self.stdout.write(f"{prefix}Reflecties verwijderd: {count}")
