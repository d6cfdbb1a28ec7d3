"""Remind owners of atlas entries nobody confirmed for 12 months.

Why: an atlas with stale initiatives sends people to groups that stopped long ago. The owner
gets a mail with a link to a page with one button ("de fiche klopt nog"); the entry counts as
"niet recent bevestigd" until someone confirms. Run it daily: an entry gets no second reminder
within ATLAS_FRESHNESS_REMINDER_INTERVAL_DAYS (30 by default).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from baz.atlas.selectors.reminders import freshness_reminder_due
from baz.atlas.services.freshness import freshness_reminder_send


class Command(BaseCommand):
    help = "Stuur een herinnering voor atlasfiches die 12 maanden niet bevestigd zijn."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Toon wat er zou gebeuren, verstuur niets."
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        verbosity = int(options.get("verbosity", 1))
        due = freshness_reminder_due()
        for entry in due:
            if verbosity >= 2:
                self.stdout.write(f"{entry.pk} {entry.name} ({entry.last_confirmed_at})")
            if not dry_run:
                with transaction.atomic():
                    freshness_reminder_send(entry=entry)
        prefix = "Zou herinneren" if dry_run else "Herinnerd"
        if verbosity >= 1:
            self.stdout.write(f"{prefix}: {len(due)} fiche(s).")
