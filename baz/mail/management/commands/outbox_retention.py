"""Clear the text of e-mail that left the outbox more than OUTBOX_BODY_RETENTION_DAYS ago.

Why: the outbox stores every message the platform sends, and many quote what people wrote
(contact and relay messages, replies, coaching messages). Staff need to see that mail went
out, and to whom; the text is only useful for a little while (a failed message can be sent
again). Run it daily; it is idempotent. Mail with a secret link is cleared at delivery.
"""

from django.core.management.base import BaseCommand

from baz.mail.services import outbox_body_retention_apply


class Command(BaseCommand):
    help = "Wist de inhoud van verstuurde e-mails na de bewaartermijn."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon hoeveel e-mails het zou wissen, zonder iets te veranderen.",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Bewaartermijn in dagen (standaard OUTBOX_BODY_RETENTION_DAYS).",
        )

    def handle(self, *args, dry_run: bool = False, days=None, verbosity: int = 1, **options):
        result = outbox_body_retention_apply(days=days, dry_run=dry_run)
        if verbosity >= 1:
            prefix = "[proefdraai] " if dry_run else ""
            self.stdout.write(
                f"{prefix}{result.messages} e-mails van voor {result.cutoff:%d-%m-%Y} "
                "zonder inhoud."
            )
