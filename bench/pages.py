"""Page speed through the production stack: nginx -> gunicorn -> Django (+ PostgreSQL, Redis).

Needs the stack `make prodcheck` starts (it runs this script), with BAZ_BENCH_CEILING=1 so the
app adds X-Bench-Queries / X-Bench-CPU-Ms headers and mounts the ceiling view. For each case
it drives load with `wrk` (Debian) for a few seconds and prints requests per second, the
gunicorn workers' CPU time per request (from /proc, so gunicorn's own work counts too), the
in-app CPU time and the SQL queries of one request:

- an atlas entry page and a story page (or, before stories exist, the partners page),
  uncached (a unique query string per request: the page cache misses, the shared fragments
  of the current content generation are used, as for every visitor between two changes) and
  from the anonymous page cache;
- the same pages cold, one request at a time right after a content change (nothing cached:
  what the first visitor after a publish costs), from the app's own CPU and query headers;
- the ceiling: the smallest Django view returning as many bytes, through the same middleware,
  gunicorn and nginx.

Targets: uncached <= 10 ms CPU and <= 10 queries; cached >= 50 % of the ceiling's throughput.
Figures are printed, never gating. Without a stack (no --base-url / PRODCHECK_BASE_URL) it
says so and exits 0, so `make bench` stays usable on a laptop.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LUA_UNIQUE = """
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", wrk.path .. "?b=" .. n .. "-" .. math.random(1, 1000000000))
end
"""


def worker_cpu_ticks(master_pid: int) -> int:
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == master_pid:
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


def run_wrk(url: str, *, seconds: int, connections: int, unique: bool) -> tuple[float, int]:
    args = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency"]
    script = None
    if unique:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
        script.write(LUA_UNIQUE)
        script.close()
        args += ["-s", script.name]
    try:
        output = subprocess.run(
            [*args, url], capture_output=True, text=True, check=True, timeout=seconds + 30
        ).stdout
    finally:
        if script:
            os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        print(f"    ({errors.group(1)} non-2xx answers)")
    return rps, total


def targets() -> list[tuple[str, str]]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baz.settings")
    import django

    django.setup()
    from django.apps import apps
    from wagtail.models import Page

    from baz.atlas.models import Entry

    cases = []
    entry = Entry.objects.filter(live=True).order_by("pk").first()
    if entry:
        cases.append(("entry page", entry.get_absolute_url()))
    story = None
    if apps.is_installed("baz.stories"):
        # The deepest live page of the stories app: a story itself, not the index above it.
        story = (
            Page.objects.live()
            .filter(content_type__app_label="stories")
            .order_by("-depth", "pk")
            .first()
        )
        if story is not None and not story.url:
            story = None
    if story is not None:
        cases.append(("story page", story.url))
    else:
        cases.append(("partners page (no stories yet)", "/partners/"))
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default=os.environ.get("PRODCHECK_BASE_URL", ""))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "6")))
    parser.add_argument("--connections", type=int, default=6)
    options = parser.parse_args()
    if not options.base_url:
        print("bench/pages.py needs the production stack: run `make prodcheck` (it runs this).")
        return 0
    if not shutil.which("wrk"):
        print("bench/pages.py needs wrk (apt-get install wrk).")
        return 0
    work = Path(os.environ.get("PRODCHECK_WORK", ""))
    master = int((work / "gunicorn.pid").read_text()) if (work / "gunicorn.pid").exists() else 0
    base = options.base_url.rstrip("/")
    rows = []

    def measure(label: str, path: str, *, unique: bool) -> float:
        # The second of two probes: the first may have rebuilt the shared fragments after the
        # last change (the "cold" rows below measure exactly that case).
        for attempt in range(2):
            probe = requests.get(
                base + path + (f"?b=probe-{attempt}-{time.time()}" if unique else ""), timeout=30
            )
        queries = probe.headers.get("X-Bench-Queries", "?")
        app_cpu = probe.headers.get("X-Bench-CPU-Ms", "?")
        before = worker_cpu_ticks(master) if master else 0
        rps, total = run_wrk(
            base + path, seconds=options.seconds, connections=options.connections, unique=unique
        )
        ticks = (worker_cpu_ticks(master) - before) if master else 0
        cpu_ms = ticks * 1000 / os.sysconf("SC_CLK_TCK") / max(total, 1)
        rows.append(
            (
                label,
                rps,
                cpu_ms,
                app_cpu,
                queries,
                len(probe.content),
                probe.headers.get("X-Page-Cache", "-"),
            )
        )
        return rps

    def measure_cold(label: str, path: str, runs: int = 15) -> None:
        """One request at a time right after a content change (the generation bumped), so
        neither the page nor any shared fragment is in the cache: the first visitor after a
        publish. Only the app's own figures (headers) exist per request."""
        from baz.core.generation import bump_content_generation

        cpu, queries = [], []
        for run in range(runs):
            bump_content_generation()
            answer = requests.get(f"{base}{path}?cold={run}-{time.time()}", timeout=30)
            cpu.append(float(answer.headers.get("X-Bench-CPU-Ms", "nan")))
            queries.append(int(answer.headers.get("X-Bench-Queries", "-1")))
        cold_rows.append((label, statistics.median(cpu), max(cpu), statistics.median(queries)))

    cases = targets()
    cold_rows: list[tuple[str, float, float, float]] = []
    for label, path in cases:
        measure(f"{label}, uncached", path, unique=True)
    for label, path in cases:
        measure_cold(f"{label}, cold (right after a change)", path)
    cached_rps = []
    for label, path in cases:
        requests.get(base + path, timeout=30)  # fill the cache
        cached_rps.append((label, path, measure(f"{label}, from cache", path, unique=False)))
    ratios = []
    for label, path, rps in cached_rps:
        size = len(requests.get(base + path, timeout=30).content)
        ceiling = measure(
            f"ceiling, {size} bytes", f"/__bench__/ceiling/?bytes={size}", unique=False
        )
        ratios.append((label, rps / ceiling if ceiling else 0.0))

    print(
        f"\nThrough nginx, {options.connections} connections, {options.seconds} s per case, "
        f"{os.cpu_count()} cores"
    )
    print(
        f"{'case':44} {'req/s':>8} {'worker CPU ms/req':>18} {'app CPU ms':>10} "
        f"{'queries':>8} {'bytes':>7} cache"
    )
    for label, rps, cpu_ms, app_cpu, queries, size, cache_state in rows:
        print(
            f"{label:44} {rps:8.1f} {cpu_ms:18.2f} {app_cpu:>10} "
            f"{queries:>8} {size:7d} {cache_state}"
        )
    print(f"\n{'case':44} {'app CPU ms median':>18} {'max':>8} {'queries':>8}")
    for label, cpu_median, cpu_max, query_median in cold_rows:
        print(f"{label:44} {cpu_median:18.2f} {cpu_max:8.2f} {query_median:8.0f}")
    for label, ratio in ratios:
        print(f"cached/ceiling throughput, {label}: {ratio * 100:.0f} % (target >= 50 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
