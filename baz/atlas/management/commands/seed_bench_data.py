"""Create N synthetic, published atlas entries for benchmarks and load tests.

Why: the speed goals (20,000 entries on PostgreSQL) need a realistic volume that no demo file
provides. Rows are bulk-inserted, spread over every Flemish and Brussels municipality with a
random theme and werkvorm each. Every synthetic row is recognisable: its slug starts with
`bench-` and its submitter is `seed-bench@example.org`. A new run first deletes the previous
synthetic rows (and only those), so `--initiatives N` always leaves exactly N of them.
"""

from __future__ import annotations

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from baz.atlas.models import (
    Entry,
    EntryFeature,
    EntryKind,
    EntryStatus,
    Theme,
    Werkvorm,
    entry_search_text,
)
from baz.atlas.richtext import rich_text_stored
from baz.atlas.versioning import data_version_bump
from baz.core.models import BRUSSELS_REGION, FLEMISH_REGION, Municipality

BENCH_EMAIL = "seed-bench@example.org"
BENCH_SLUG_PREFIX = "bench-"
WORDS = [
    "Buurt",
    "Samen",
    "Zorg",
    "Duo",
    "Praat",
    "Moestuin",
    "Repair",
    "Soep",
    "Wandel",
    "Huiswerk",
    "Mantelzorg",
    "Ontmoeting",
]

DESCRIPTION = (
    "<p>Elke <b>dinsdag</b> koken buren samen soep en delen ze die met wie alleen woont.</p>"
    "<ul><li>Iedereen is welkom</li><li>Gratis, een vrije bijdrage mag</li></ul>"
    '<p>Meer weten? Kijk op <a href="https://example.org/soep">onze pagina</a>.</p>'
)


def bench_entries():  # type: ignore[no-untyped-def]
    return Entry.objects.filter(submitter_email=BENCH_EMAIL, slug__startswith=BENCH_SLUG_PREFIX)


class Command(BaseCommand):
    help = "Maakt N synthetische atlasfiches voor benchmarks (vervangt vorige synthetische)."

    def add_arguments(self, parser):
        parser.add_argument("--initiatives", type=int, required=True, help="Aantal fiches.")
        parser.add_argument("--seed", type=int, default=20, help="Startwaarde van het toeval.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Toon wat er zou gebeuren, zonder op te slaan."
        )

    def handle(self, *args, initiatives: int, seed: int, dry_run: bool, verbosity: int, **options):
        if initiatives < 0 or initiatives > 1_000_000:
            raise CommandError("--initiatives moet tussen 0 en 1.000.000 liggen.")
        municipalities = list(
            Municipality.objects.filter(
                region__refnis__in=[FLEMISH_REGION, BRUSSELS_REGION], latitude__isnull=False
            ).values_list("pk", "latitude", "longitude")
        )
        if not municipalities:
            raise CommandError("Geen gemeenten: voer eerst `manage.py load_reference_data` uit.")
        existing = bench_entries().count()
        if dry_run:
            self.stdout.write(
                f"[proefdraai] Zou {existing} synthetische fiches verwijderen en "
                f"{initiatives} nieuwe maken."
            )
            return
        started = time.monotonic()
        rng = random.Random(seed)  # noqa: S311 - synthetic data
        theme_ids = list(Theme.objects.values_list("pk", flat=True))
        werkvorm_ids = list(Werkvorm.objects.values_list("pk", flat=True))
        now = timezone.now()
        # Rich text like a real entry's; `bulk_create` skips `Entry.save()`, so the cleaned
        # copy the API reads is computed here (once: every synthetic row has the same text).
        description_html = rich_text_stored(DESCRIPTION)
        with transaction.atomic():
            bench_entries().delete()
            # At most one published profile per municipality (a database constraint): a
            # profile drawn for a municipality that has one becomes an organisation.
            profiled = set(
                Entry.objects.filter(
                    kind=EntryKind.LOCAL_GOVERNMENT, status=EntryStatus.PUBLISHED
                ).values_list("municipality_id", flat=True)
            )
            for start in range(0, initiatives, 5000):
                batch = []
                for number in range(start, min(start + 5000, initiatives)):
                    pk, lat, lon = rng.choice(municipalities)
                    name = f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {number}"
                    summary = "Synthetische fiche voor metingen: buren helpen elkaar."
                    kind = rng.choices(EntryKind.values, weights=[8, 1, 2])[0]
                    if kind == EntryKind.LOCAL_GOVERNMENT:
                        if pk in profiled:
                            kind = EntryKind.ORGANISATION.value
                        profiled.add(pk)
                    batch.append(
                        Entry(
                            kind=kind,
                            name=name,
                            slug=f"{BENCH_SLUG_PREFIX}{number}",
                            summary=summary,
                            description=DESCRIPTION,
                            description_html=description_html,
                            search_text=entry_search_text(name, summary),
                            municipality_id=pk,
                            latitude=lat + rng.uniform(-0.04, 0.04),
                            longitude=lon + rng.uniform(-0.06, 0.06),
                            location_is_exact=True,
                            status=EntryStatus.PUBLISHED,
                            live=True,
                            published_at=now,
                            submitter_email=BENCH_EMAIL,
                        )
                    )
                created = Entry.objects.bulk_create(batch)
                if theme_ids:
                    Entry.themes.through.objects.bulk_create(
                        [
                            Entry.themes.through(entry_id=e.pk, theme_id=rng.choice(theme_ids))
                            for e in created
                        ]
                    )
                if werkvorm_ids:
                    Entry.werkvormen.through.objects.bulk_create(
                        [
                            Entry.werkvormen.through(
                                entry_id=e.pk, werkvorm_id=rng.choice(werkvorm_ids)
                            )
                            for e in created
                        ]
                    )
        data_version_bump()  # bulk writes skip the signals that version the API's caches
        # Fresh statistics at once, as after any bulk load: until autovacuum gets round to it
        # PostgreSQL plans for the few rows it saw before (a filtered GeoJSON fill then took
        # 5 s instead of 0.5 s, and under load held every worker past nginx's timeout).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (
                    Entry,
                    Entry.themes.through,
                    Entry.werkvormen.through,
                    EntryFeature,
                ):
                    cursor.execute(f'ANALYZE "{model._meta.db_table}"')
        if verbosity >= 1:
            self.stdout.write(
                f"Synthetische fiches: {existing} verwijderd, {initiatives} gemaakt "
                f"in {time.monotonic() - started:.1f} s."
            )
