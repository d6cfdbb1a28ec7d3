"""Remove the personal data of coaching trajectories that ended more than
COACHING_RETENTION_MONTHS ago (afgerond or stopgezet).

Why: participants' and requesters' names, e-mail addresses and phone numbers are needed while
a trajectory runs, not afterwards. The agreements, the dates and the counts (sessions,
attendance, evaluation scores) stay, so the report keeps its value. Run it daily; it is
idempotent (anonymised trajectories are skipped).
"""

from django.core.management.base import BaseCommand

from baz.coaching.services.agreements import retention_run


class Command(BaseCommand):
    help = "Verwijdert persoonsgegevens uit afgesloten coachingtrajecten na de bewaartermijn."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon welke trajecten het zou aanpassen, zonder iets te veranderen.",
        )

    def handle(self, *args, dry_run: bool = False, verbosity: int = 1, **options):
        ids = retention_run(dry_run=dry_run)
        if verbosity >= 1:
            prefix = "[proefdraai] " if dry_run else ""
            listed = f" ({', '.join(str(pk) for pk in ids)})" if ids else ""
            self.stdout.write(f"{prefix}{len(ids)} trajecten zonder persoonsgegevens{listed}.")
