"""Send each municipality user one mail about new atlas proposals and publications.

Why: municipality users should hear about initiatives in their municipality without checking
the site. Run it once a day; each user's receipt remembers up to when they were told, so a
second run sends nothing twice and a missed day is caught up by the next run.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from baz.atlas.selectors.reminders import digest_recipients
from baz.atlas.services.digest import digest_send


class Command(BaseCommand):
    help = "Stuur het dagoverzicht van Inspireer elkaar naar de medewerkers van gemeenten."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Toon wat er zou gebeuren, verstuur niets."
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        verbosity = int(options.get("verbosity", 1))
        now = timezone.now()
        mails = 0
        for user in digest_recipients():
            count = digest_send(user=user, now=now, dry_run=dry_run)
            if count:
                mails += 1
                if verbosity >= 2:
                    self.stdout.write(f"{user.email}: {count} fiche(s)")
        prefix = "Zou mailen naar" if dry_run else "Gemaild naar"
        if verbosity >= 1:
            self.stdout.write(f"{prefix}: {mails} gebruiker(s).")
