"""Mail reminders for agreements: COACHING_REMINDER_DAYS_BEFORE days before the deadline, and
once when it has passed.

Why: agreements of a coaching trajectory only matter if someone follows them up; a reminder
to the person who owns the agreement (or, without an address, to the municipality's users or
the trajectory's coaches) keeps that from living in someone's head. Run it daily; it is
idempotent (each agreement remembers the deadline it was reminded for), so a doubled run
sends nothing twice and a moved deadline earns a new reminder. Done or dropped agreements are
never reminded.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from baz.coaching.services.agreements import agreement_reminders_send


class Command(BaseCommand):
    help = "Stuurt herinneringen voor afspraken van coachingtrajecten (voor en na de deadline)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon welke herinneringen zouden vertrekken, zonder iets te versturen.",
        )
        parser.add_argument(
            "--today", default=None, help="Doe alsof het vandaag deze datum is (JJJJ-MM-DD)."
        )

    def handle(self, *args, dry_run: bool = False, today=None, verbosity: int = 1, **options):
        day = None
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError as error:
                raise CommandError("Gebruik --today JJJJ-MM-DD.") from error
        result = agreement_reminders_send(today=day, dry_run=dry_run)
        if verbosity >= 1:
            prefix = "[proefdraai] " if dry_run else ""
            self.stdout.write(
                f"{prefix}{len(result.before)} herinneringen voor de deadline, "
                f"{len(result.overdue)} voor een voorbije deadline, {result.mails} e-mails."
            )
            if result.skipped_without_recipient:
                ids = ", ".join(str(pk) for pk in result.skipped_without_recipient)
                self.stdout.write(f"Geen ontvanger voor afspraak {ids}.")
