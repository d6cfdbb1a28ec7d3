"""Remove the personal data of handled contact messages older than CONTACT_RETENTION_MONTHS.

Why: the privacy page promises that name, e-mail address and message text of a handled
question do not stay longer than needed. Run it daily (cron or systemd timer); it is
idempotent, so a missed or doubled run does no harm. Topic, municipality and dates stay for
the statistics.
"""

from django.core.management.base import BaseCommand

from baz.contact.services import contact_retention_apply


class Command(BaseCommand):
    help = "Verwijdert persoonsgegevens uit afgehandelde contactberichten na de bewaartermijn."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon hoeveel berichten het zou aanpassen, zonder iets te veranderen.",
        )
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Bewaartermijn in maanden (standaard CONTACT_RETENTION_MONTHS).",
        )

    def handle(self, *args, dry_run: bool = False, months=None, verbosity: int = 1, **options):
        result = contact_retention_apply(months=months, dry_run=dry_run)
        if verbosity >= 1:
            prefix = "[proefdraai] " if dry_run else ""
            self.stdout.write(
                f"{prefix}{result.messages} afgehandelde berichten van voor "
                f"{result.cutoff:%d-%m-%Y} zonder persoonsgegevens."
            )
