"""Benchmark of the site search /zoeken/: full page and htmx partial for typical queries.

Runs in-process with Django's test Client against whatever database DATABASE_URL points at
(the target is PostgreSQL), so it measures server time without network or a web server. Prints
the median and p95 in milliseconds, the median CPU time of this process per request (Django
and Python, without the database server) and the number of SQL queries per request.

Volume: the atlas entries of `seed_bench_data` (20,000) are indexed with `index_rebuild` when
the index does not hold them yet; 2,000 story-like documents (kinds verhaal and
praktijkvoorbeeld, 150-400 words of Dutch text each) are written straight into the search
index, not as Wagtail pages: creating 2,000 pages through Wagtail's tree takes minutes and
measures page creation, not search. They are recognisable by their URL (`/bench-verhalen/…`)
and replaced on every run; `--pages 0` removes them.

    .venv/bin/python manage.py seed_bench_data --initiatives 20000
    .venv/bin/python bench/search.py [--runs 30] [--pages 2000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baz.settings")
# Measure rendering, not the anonymous page cache (bench/pages.py measures that one).
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402

from baz.atlas.models import Entry  # noqa: E402
from baz.search import services  # noqa: E402
from baz.search.models import SearchDocument  # noqa: E402

BENCH_URL_PREFIX = "/bench-verhalen/"
BENCH_OBJECT_ID_START = 900_000_000
_VOCABULARY_TEXT = """
vrijwilligers buurt buurthuis ouderen mantelzorgers gezinnen kinderen jongeren eenzaamheid
armoede huisbezoeken ontmoeting moestuin soep repaircafé wandeling praatgroep taalcafé
gemeente lokaal bestuur initiatief buurtinitiatieven samenwerking netwerk versterken
krachtgericht vertrouwen huiswerkbegeleiding vervoer boodschappen dienstencentrum wijk straat
dorp stad zorg welzijn armoedebestrijding nieuwkomers vluchtelingen sport cultuur bibliotheek
school koffie babbel luisteren helpen organiseren subsidie reglement aanspreekpunt coaching
"""
VOCABULARY = _VOCABULARY_TEXT.split()
CASES = [
    ("one common word", {"q": "vrijwilligers"}),
    ("word in all entries", {"q": "buren"}),
    ("two words", {"q": "mantelzorgers buurthuis"}),
    ("rare word", {"q": "taalcafé"}),
    ("type filter: verhalen", {"q": "ouderen", "type": "verhaal"}),
    ("type filter: atlas", {"q": "moestuin", "type": "inspireer-elkaar"}),
    ("page 5", {"q": "buurt", "page": "5"}),
    ("misspelled (fallback)", {"q": "vrijwiligers"}),
    ("no result", {"q": "xylofoonorkest"}),
]


def seed_story_documents(count: int, seed: int = 5) -> int:
    """Replace the synthetic story documents with `count` new ones."""
    rng = random.Random(seed)
    content_type = ContentType.objects.get_for_model(Page)
    now = timezone.now()
    with transaction.atomic():
        SearchDocument.objects.filter(url__startswith=BENCH_URL_PREFIX).delete()
        batch = []
        for number in range(count):
            kind = "verhaal" if number % 2 else "praktijkvoorbeeld"
            title = " ".join(rng.choice(VOCABULARY) for _ in range(4)).capitalize()
            body = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(150, 400)))
            data = services.DocumentData(
                kind=kind,
                title=f"{title} {number}",
                url=f"{BENCH_URL_PREFIX}{number}/",
                body=body,
                published_at=now,
            )
            batch.append(
                SearchDocument(
                    content_type=content_type,
                    object_id=BENCH_OBJECT_ID_START + number,
                    **services._document_fields(data),
                )
            )
        SearchDocument.objects.bulk_create(batch, batch_size=500)
    return count


def measure(client: Client, params: dict[str, str], headers: dict[str, str], runs: int):
    timings = []
    cpu = []
    queries = status = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get("/zoeken/", params, headers=headers)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        queries = len(captured.captured_queries)
        status = response.status_code
    return timings, cpu, queries, status


def report(label: str, timings: list[float], cpu: list[float], queries: int, status: int) -> None:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"{label:<24} median {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms   "
        f"Python CPU {statistics.median(cpu):6.1f} ms   queries {queries:2d}   status {status}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    entry_type = ContentType.objects.get_for_model(Entry)
    published = Entry.objects.published().count()
    if SearchDocument.objects.filter(content_type=entry_type).count() != published:
        started = time.monotonic()
        counts = services.index_rebuild()
        print(f"Index rebuilt in {time.monotonic() - started:.1f} s: {counts}")
    started = time.monotonic()
    seed_story_documents(args.pages)
    print(f"{args.pages} story documents written in {time.monotonic() - started:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")

    print(
        f"Database: {connection.vendor}; published entries: {published}; "
        f"documents in the index: {SearchDocument.objects.count()}; runs per case: {args.runs}"
    )
    if published < 1000:
        print("Few entries: run `manage.py seed_bench_data --initiatives 20000` first.")
    client = Client()
    client.get("/zoeken/", {"q": "buurt"})  # warm up templates and connections

    all_medians = []
    for label, params in CASES:
        timings, cpu, queries, status = measure(client, params, {}, args.runs)
        report(label, timings, cpu, queries, status)
        all_medians.append(statistics.median(timings))
        timings, cpu, queries, status = measure(client, params, {"hx-request": "true"}, args.runs)
        report("  htmx partial", timings, cpu, queries, status)
    print(f"Median of the case medians (full page): {statistics.median(all_medians):.1f} ms")
    print(f"Load average (1, 5, 15 min): {os.getloadavg()}; CPU cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
