"""Benchmark of the atlas: page, htmx partial, map API, GeoJSON export and API page.

Runs in-process with Django's test Client against whatever database DATABASE_URL points at
(SQLite by default), so it measures server time without network or a web server. Prints the
median and p95 in milliseconds and the number of SQL queries per request. Seed data first:

    .venv/bin/python manage.py seed_bench_data --initiatives 20000
    .venv/bin/python bench/atlas.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baz.settings")
# Measure rendering, not the anonymous page cache (bench/pages.py measures that one).
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from baz.atlas import api  # noqa: E402
from baz.atlas.models import Entry, EntryFeature  # noqa: E402

CASES = [
    ("atlas page", "/inspireer-elkaar/", {}),
    ("atlas page, filtered", "/inspireer-elkaar/?theme=armoede&province=oost-vlaanderen", {}),
    ("htmx partial", "/inspireer-elkaar/?kind=burgerinitiatief&q=buurt", {"hx-request": "true"}),
    ("htmx partial, near", "/inspireer-elkaar/?near=9000&page=3", {"hx-request": "true"}),
    ("map: Belgium z8", "/api/v1/map?bbox=2.5,49.45,6.45,51.55&zoom=8", {}),
    ("map: Flanders z9", "/api/v1/map?bbox=2.5,50.6,6.0,51.5&zoom=9", {}),
    ("map: Gent z12", "/api/v1/map?bbox=3.6,51.0,3.8,51.1&zoom=12", {}),
    ("map: street z16", "/api/v1/map?bbox=3.72,51.05,3.73,51.06&zoom=16", {}),
    ("map: world z2", "/api/v1/map?bbox=-180,-90,180,90&zoom=2", {}),
    ("map: filtered z8", "/api/v1/map?bbox=2.5,49.45,6.45,51.55&zoom=8&theme=armoede", {}),
    ("API page", "/api/v1/initiatives?page=5&page_size=50", {}),
    ("API page, filtered", "/api/v1/initiatives?theme=armoede&sort=newest", {}),
]


def measure(
    client: Client,
    path: str,
    headers: dict[str, str],
    runs: int,
    *,
    cold: bool = False,
    before: Callable[[], None] | None = None,
):
    timings = []
    cpu = []
    queries = 0
    status = 0
    for _ in range(runs):
        if before is not None:
            before()
        if cold:
            cache.clear()
            api._LOCAL.clear()  # the in-process copy of large answers, too
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            started_cpu = time.process_time()
            response = client.get(path, headers=headers)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        queries = len(captured.captured_queries)
        status = response.status_code
    CPU[0] = statistics.median(cpu)
    return timings, queries, status, response


# Median CPU time of this process (Python only, not the database) for the last case measured:
# on a shared, loaded machine it varies less than wall-clock time.
CPU = [0.0]


def report(label: str, timings: list[float], queries: int, status: int) -> None:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"{label:<28} median {statistics.median(ordered):8.1f} ms   p95 {p95:8.1f} ms   "
        f"python cpu {CPU[0]:7.1f} ms   queries {queries:3d}   status {status}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    published = Entry.objects.published().count()
    engine = connection.vendor
    print(f"Database: {engine}; published entries: {published}; runs per case: {args.runs}")
    if published < 1000:
        print("Few entries: run `manage.py seed_bench_data --initiatives 20000` first.")
    client = Client()
    client.get("/inspireer-elkaar/")  # warm up templates and connections

    for label, path, headers in CASES:
        timings, queries, status, _ = measure(client, path, headers, args.runs)
        report(label, timings, queries, status)

    # The API caches its answers by data version; these runs empty the cache before every
    # request, so they measure a bounding box or page nobody asked for before.
    for label, path, headers in CASES:
        if path.startswith("/api/"):
            timings, queries, status, _ = measure(client, path, headers, args.runs, cold=True)
            report(f"{label} (no cache)", timings, queries, status)

    geojson = "/api/v1/initiatives.geojson"
    timings, queries, status, response = measure(
        client, geojson, {}, max(3, args.runs // 5), cold=True
    )
    report("GeoJSON cold", timings, queries, status)
    size = len(response.content) / 1_000_000
    if engine == "postgresql":
        # The worst case: the stored feature text of every entry forgotten (as after a bulk
        # change or a new export recipe), so the export builds all of it again.
        def forget() -> None:
            EntryFeature.objects.all().delete()

        timings, queries, status, _ = measure(
            client, geojson, {}, max(3, args.runs // 5), cold=True, before=forget
        )
        report("GeoJSON cold, text rebuilt", timings, queries, status)
    etag = response["ETag"]
    timings, queries, status, _ = measure(client, geojson, {"if-none-match": etag}, args.runs)
    report("GeoJSON conditional (304)", timings, queries, status)
    timings, queries, status, _ = measure(client, geojson, {}, args.runs)
    report("GeoJSON unchanged (cache)", timings, queries, status)
    print(f"GeoJSON size: {size:.1f} MB")


if __name__ == "__main__":
    main()
