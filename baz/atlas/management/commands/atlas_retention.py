"""Clear what visitors wrote through the atlas after ATLAS_MESSAGE_RETENTION_MONTHS.

Why: relayed messages (name, addresses, text) and error reports (text, address) are personal
data that BAZ needs only for a while. Run it daily; it is idempotent. Relays are cleared that
long after they were written, reports that long after they were handled (open reports stay).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from baz.atlas.retention import atlas_retention_apply


class Command(BaseCommand):
    help = "Wist naam, adressen en tekst van doorgestuurde berichten en foutmeldingen."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon hoeveel berichten het zou wissen, zonder iets te veranderen.",
        )
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Bewaartermijn in maanden (standaard ATLAS_MESSAGE_RETENTION_MONTHS).",
        )

    def handle(self, *args: Any, dry_run: bool = False, months: Any = None, **options: Any) -> None:
        result = atlas_retention_apply(months=months, dry_run=dry_run)
        if int(options.get("verbosity", 1)) >= 1:
            prefix = "[proefdraai] " if dry_run else ""
            self.stdout.write(
                f"{prefix}Van voor {result.cutoff:%d-%m-%Y} gewist: "
                f"{result.relays} doorgestuurde berichten, "
                f"{result.corrections} afgehandelde foutmeldingen."
            )
