"""Load through nginx at a fixed arrival rate with Locust (headless, loopback only, bounded).

Realistic anonymous traffic on the atlas with many entries (`manage.py seed_bench_data
--initiatives 20000` first): the atlas page with filters and its htmx partial, /api/v1/map for
bounding boxes and zooms, entry pages, the API list, the GeoJSON export, /zoeken/ and story
pages when they exist, and 5 % form posts (the contact form, which refuses them as too fast:
the whole request path, CSRF and validation included, without storing spam). There is no
think time: each user sends at `constant_throughput`, so users x rate = the arrival rate.

    bench/load.py --base-url http://127.0.0.1:8460 --rate 50 --seconds 60

First `--warmup` seconds (20) of the same traffic fill the caches a running site has (its
figures are printed on their own line), then the measured period starts from zero.
Prints achieved requests per second, median and p95 latency, and errors (target: 50 req/s
for 60 s, zero errors, p95 <= 500 ms), and per request name how the page cache answered.
Figures are reported, not gating; exits 0 unless Locust itself could not run. Without a
base URL it explains and exits 0.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BBOXES = [
    ("2.5,49.45,6.45,51.55", 8),
    ("2.5,50.6,6.0,51.5", 9),
    ("3.6,51.0,3.8,51.1", 12),
    ("4.3,50.8,4.5,50.9", 13),
    ("3.72,51.05,3.73,51.06", 16),
]


def discover(base_url: str) -> dict[str, list[str]]:
    """Entry pages, search and story URLs from what the running site offers."""
    import requests

    headers = {"Host": "127.0.0.1"}
    found: dict[str, list[str]] = {"entries": [], "stories": [], "search": []}
    listing = requests.get(
        f"{base_url}/api/v1/initiatives?page_size=100", headers=headers, timeout=30
    ).json()
    items = listing.get("items") or listing.get("results") or []
    for item in items:
        url = item.get("url") or item.get("detail_url") or ""
        if url:
            found["entries"].append("/" + url.split("://", 1)[-1].split("/", 1)[-1])
    if not found["entries"]:
        page = requests.get(f"{base_url}/inspireer-elkaar/", headers=headers, timeout=30).text
        found["entries"] = sorted(set(re.findall(r'href="(/inspireer-elkaar/\d+-[^"/]+/)"', page)))
    if requests.get(f"{base_url}/zoeken/?q=buurt", headers=headers, timeout=30).status_code == 200:
        found["search"] = ["/zoeken/?q=buurt", "/zoeken/?q=soep", "/zoeken/?q=armoede"]
    atlas = requests.get(f"{base_url}/inspireer-elkaar/", headers=headers, timeout=30).text
    for name in ("theme", "province"):
        # The filter values the atlas offers (checkboxes or a select), so the API accepts them.
        found[name] = sorted(set(re.findall(rf'name="{name}"[^>]*value="([^"]+)"', atlas)))
        select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', atlas, re.S)
        if select:
            found[name] += [v for v in re.findall(r'value="([^"]+)"', select.group(1)) if v]
    stories = requests.get(f"{base_url}/verhalen/", headers=headers, timeout=30)
    if stories.status_code == 200:
        found["stories"] = sorted(set(re.findall(r'href="(/verhalen/[^"#?]+/)"', stories.text)))[
            :20
        ]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default=os.environ.get("PRODCHECK_BASE_URL", ""))
    parser.add_argument("--rate", type=float, default=50.0, help="requests per second in total")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument(
        "--warmup", type=int, default=20, help="seconds of the same load before measuring"
    )
    options = parser.parse_args()
    if not options.base_url:
        print("bench/load.py needs the production stack: run `make prodcheck` (it runs this).")
        return 0
    host = options.base_url.split("://", 1)[-1].split("/", 1)[0].split(":")[0]
    if host not in {"127.0.0.1", "localhost", "::1"}:
        print("bench/load.py only ever targets loopback.")
        return 2

    import gevent
    from locust import HttpUser, constant_throughput, task
    from locust.env import Environment
    from locust.stats import stats_printer  # noqa: F401 - keeps locust's stats module loaded

    targets = discover(options.base_url)
    themes = targets.get("theme") or ["armoede"]
    provinces = targets.get("province") or ["oost-vlaanderen"]
    entries = targets["entries"] or ["/inspireer-elkaar/"]
    per_user = options.rate / options.users

    class Visitor(HttpUser):
        host = options.base_url
        wait_time = constant_throughput(per_user)

        @task(20)
        def atlas(self) -> None:
            query = random.choice(
                [
                    "",
                    f"?theme={random.choice(themes)}",
                    f"?province={random.choice(provinces)}&kind=burgerinitiatief",
                    f"?q=buurt&page={random.randint(1, 5)}",
                ]
            )
            self.client.get(f"/inspireer-elkaar/{query}", name="/inspireer-elkaar/?filters")

        @task(10)
        def atlas_partial(self) -> None:
            self.client.get(
                f"/inspireer-elkaar/?theme={random.choice(themes)}&page={random.randint(1, 3)}",
                headers={"HX-Request": "true"},
                name="/inspireer-elkaar/ (htmx)",
            )

        @task(20)
        def map(self) -> None:
            bbox, zoom = random.choice(BBOXES)
            extra = random.choice(["", f"&theme={random.choice(themes)}"])
            self.client.get(f"/api/v1/map?bbox={bbox}&zoom={zoom}{extra}", name="/api/v1/map")

        @task(25)
        def entry(self) -> None:
            self.client.get(random.choice(entries), name="entry page")

        @task(8)
        def api(self) -> None:
            self.client.get(
                f"/api/v1/initiatives?page={random.randint(1, 20)}&page_size=20",
                name="/api/v1/initiatives",
            )

        @task(2)
        def geojson(self) -> None:
            self.client.get(
                f"/api/v1/initiatives.geojson?theme={random.choice(themes)}",
                name="/api/v1/initiatives.geojson",
            )

        @task(5)
        def search_or_story(self) -> None:
            if targets["search"] and random.random() < 0.5:
                self.client.get(random.choice(targets["search"]), name="/zoeken/")
            elif targets["stories"]:
                self.client.get(random.choice(targets["stories"]), name="story page")
            else:
                self.client.get("/", name="home")

        @task(5)
        def form_post(self) -> None:
            # 5 % form posts: a fresh form (CSRF cookie + token), then the post.
            page = self.client.get("/contact/", name="/contact/ (form)")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            cookie = page.headers.get("Set-Cookie", "")
            csrf = re.search(r"csrftoken=([^;]+)", cookie)
            if not token or not csrf:
                return
            with self.client.post(
                "/contact/",
                data={
                    "csrfmiddlewaretoken": token.group(1),
                    "name": "Load Test",
                    "email": "load@example.org",
                    "body": "Een bericht van de belastingstest.",
                },
                headers={
                    "Cookie": f"csrftoken={csrf.group(1)}",
                    "Origin": "https://127.0.0.1",
                    "Referer": "https://127.0.0.1/contact/",
                    "X-Forwarded-For": f"198.18.{random.randint(0, 255)}.{random.randint(1, 254)}",
                },
                name="/contact/ (post)",
                catch_response=True,
            ) as response:
                # Refused as too fast (400) is the expected answer; CSRF or server errors are not.
                if response.status_code in {200, 302, 400, 429}:
                    response.success()
                else:
                    response.failure(f"status {response.status_code}")

    env = Environment(user_classes=[Visitor])
    # How the anonymous page cache answered (X-Page-Cache: hit / miss / absent), per name.
    cache_answers: dict[str, Counter[str]] = defaultdict(Counter)

    def count_cache(name: str, response: Any = None, **_kwargs: Any) -> None:
        header = response.headers.get("X-Page-Cache", "-") if response is not None else "-"
        cache_answers[name][header] += 1

    env.events.request.add_listener(count_cache)
    runner = env.create_local_runner()
    runner.start(options.users, spawn_rate=options.users)
    if options.warmup > 0:
        # The same traffic first, to fill the caches a running site has; measured apart and
        # printed, then the figures start from zero for the measured period.
        gevent.sleep(options.warmup)
        warm = env.stats.total
        print(
            f"\nWarm-up: {options.warmup} s at {options.rate:.0f} req/s offered: "
            f"{warm.num_requests} requests, median {warm.median_response_time or 0:.0f} ms, "
            f"p95 {warm.get_response_time_percentile(0.95) or 0:.0f} ms, "
            f"errors {warm.num_failures}"
        )
        env.stats.reset_all()
        cache_answers.clear()
    gevent.spawn_later(options.seconds, runner.quit)
    runner.greenlet.join()

    total = env.stats.total
    print(
        f"\nLoad through nginx: {options.rate:.0f} req/s offered by {options.users} users for "
        f"{options.seconds} s, {len(entries)} entry URLs, "
        f"search={'yes' if targets['search'] else 'no'}, "
        f"stories={'yes' if targets['stories'] else 'no'}"
    )
    print(
        f"{'name':34} {'requests':>8} {'fails':>6} {'median ms':>10} {'p95 ms':>8} "
        f"{'page cache hit/miss':>20}"
    )
    for key in sorted(env.stats.entries):
        entry = env.stats.entries[key]
        answers = cache_answers[entry.name]
        print(
            f"{entry.name[:34]:34} {entry.num_requests:8d} {entry.num_failures:6d} "
            f"{entry.median_response_time or 0:10.0f} "
            f"{entry.get_response_time_percentile(0.95) or 0:8.0f} "
            f"{answers['hit']:>10}/{answers['miss']:<9}"
        )
    achieved = total.num_requests / options.seconds
    print(
        f"TOTAL: {total.num_requests} requests, achieved {achieved:.1f} req/s, "
        f"median {total.median_response_time or 0:.0f} ms, "
        f"p95 {total.get_response_time_percentile(0.95) or 0:.0f} ms, errors {total.num_failures}"
    )
    for error in list(env.stats.errors.values())[:5]:
        print(f"  error: {error.method} {error.name}: {error.error} x{error.occurrences}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
