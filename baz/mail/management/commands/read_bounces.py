"""Record the bounce reports that arrived later by mail.

Why: a receiving server may accept a message and only later report that it could not deliver
it (the mailbox does not exist, it stayed full). That report goes to the envelope sender,
OUTBOX_BOUNCE_ADDRESS, whose mail the server delivers into a Maildir (OUTBOX_BOUNCE_MAILDIR).
This command reads the new mail there and marks the message in the outbox as bounced for the
recipients concerned, so staff see it in *Beheer → E-mail*. Run it every few minutes; it is
idempotent (read mail is marked as read) and deletes read mail after --keep-days.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from baz.mail.services import outbox_bounces_read


class Command(BaseCommand):
    help = "Leest bouncemeldingen uit de bounce-mailbox (Maildir) en legt ze vast in de outbox."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--maildir",
            default="",
            help="De Maildir met de bouncemeldingen (standaard OUTBOX_BOUNCE_MAILDIR).",
        )
        parser.add_argument(
            "--keep-days",
            type=int,
            default=30,
            help="Gelezen meldingen zoveel dagen bewaren, daarna verwijderen (standaard 30).",
        )

    def handle(self, *args: object, maildir: str = "", keep_days: int = 30, **options: object):
        maildir = maildir or settings.OUTBOX_BOUNCE_MAILDIR
        if not maildir:
            raise CommandError(
                "Geen bounce-mailbox ingesteld: zet OUTBOX_BOUNCE_MAILDIR of geef --maildir."
            )
        if keep_days < 0:
            raise CommandError("--keep-days kan niet negatief zijn.")
        try:
            stats = outbox_bounces_read(maildir=maildir, keep_days=keep_days)
        except FileNotFoundError as error:
            raise CommandError(f"{maildir} is geen Maildir (new/ en cur/ ontbreken).") from error
        if int(str(options.get("verbosity", 1))) >= 1:
            self.stdout.write(stats.summary)
