"""Benchmark of the staff screens used daily: median server time and queries per admin page.

Runs in-process with Django's test Client against whatever database DATABASE_URL points at,
logged in as a superuser with a verified second factor (as staff work), so it measures server
time without network or a web server. Prints the median and p95 in milliseconds, the median
CPU time of this process, the number of SQL queries and the size of the HTML for each page.
Target (issue "The municipality at work, part 2"): a median under 300 ms with the demo data and
under 500 ms with 20,000 seeded entries, on PostgreSQL, with DEBUG off as in production. The
machine's load average is printed: on a busy machine the medians rise, the CPU time less so.
Beside each page, the time of a fixed workload ("reference") shows how fast the CPU ran then.
Figures, not a test:

    .venv/bin/python manage.py load_reference_data && .venv/bin/python manage.py load_demo_data
    .venv/bin/python bench/admin.py [--runs 15]
    .venv/bin/python manage.py seed_bench_data --initiatives 20000
    .venv/bin/python bench/admin.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baz.settings")
# Production runs with DEBUG off: with it on, Django keeps every SQL query in memory and the
# templates carry debug data, which adds 15-30 % here. `DEBUG=1 bench/admin.py` measures that.
os.environ.setdefault("DEBUG", "0")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from wagtail.models import Page  # noqa: E402

from baz.accounts.models import User  # noqa: E402
from baz.atlas.models import Entry  # noqa: E402
from baz.coaching.models import Trajectory  # noqa: E402
from baz.contact.models import ContactMessage  # noqa: E402
from baz.stories.models import StoryIndexPage, StoryPage  # noqa: E402

BENCH_EMAIL = "bench.redactie@example.org"


def staff_client() -> Client:
    user, _created = User.objects.get_or_create(
        email=BENCH_EMAIL,
        defaults={"is_superuser": True, "is_staff": True, "first_name": "Bench"},
    )
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def cases() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = [("dashboard", "/beheer/")]
    entry = Entry.objects.order_by("pk").first()
    found.append(("entry list", reverse("wagtailsnippets_atlas_entry:list")))
    found.append(("entry add", reverse("wagtailsnippets_atlas_entry:add")))
    if entry is not None:
        found.append(("entry edit", reverse("wagtailsnippets_atlas_entry:edit", args=[entry.pk])))
    found.append(("moderation queue", reverse("atlas_moderation")))
    index = StoryIndexPage.objects.first()
    if index is not None:
        found.append(
            (
                "story add",
                reverse("wagtailadmin_pages:add", args=["stories", "storypage", index.pk]),
            )
        )
        found.append(("story list", reverse("wagtailadmin_explore", args=[index.pk])))
    story = StoryPage.objects.order_by("pk").first()
    if story is not None:
        found.append(("story edit", reverse("wagtailadmin_pages:edit", args=[story.pk])))
    home = Page.objects.filter(depth=2).first()
    if home is not None:
        found.append(("page tree", reverse("wagtailadmin_explore", args=[home.pk])))
    found.append(("coaching overview", reverse("coaching_admin_dashboard")))
    found.append(("trajectories", reverse("coaching_admin_index")))
    trajectory = Trajectory.objects.order_by("pk").first()
    if trajectory is not None:
        found.append(("trajectory", reverse("coaching_admin_detail", args=[trajectory.pk])))
        found.append(
            ("trajectory phases", reverse("coaching_phases_overview", args=[trajectory.pk]))
        )
    found.append(("contact inbox", reverse("contact_inbox")))
    message = ContactMessage.objects.order_by("pk").first()
    if message is not None:
        found.append(("contact message", reverse("contact_inbox_detail", args=[message.pk])))
    found.append(("outbox", reverse("outbox:index")))
    found.append(("users", reverse("wagtailusers_users:index")))
    return found


def reference_ms() -> float:
    """The time of a fixed pure-Python workload (best of three), measured beside each page.

    The CPU of a shared virtual machine runs at different speeds from minute to minute; the
    same code then takes longer. This figure shows that: when it rises, every page rises with
    it, and two runs compare only at a similar reference time.
    """
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        sum(i * i for i in range(300_000))
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def measure(client: Client, path: str, runs: int) -> tuple[list[float], list[float], int, int, int]:
    timings: list[float] = []
    cpu: list[float] = []
    queries = status = size = 0
    client.get(path)  # warm up templates and caches once
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            started_cpu = time.process_time()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        queries = len(captured.captured_queries)
        status = response.status_code
        size = len(response.content)
    return timings, cpu, queries, status, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    print(
        f"Database: {connection.vendor}; entries: {Entry.objects.count()}; "
        f"runs per page: {args.runs}; DEBUG {'on' if settings.DEBUG else 'off'}; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    client = staff_client()
    references = []
    for label, path in cases():
        before = reference_ms()
        timings, cpu, queries, status, size = measure(client, path, args.runs)
        reference = (before + reference_ms()) / 2
        references.append(reference)
        ordered = sorted(timings)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(
            f"{label:<20} median {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms   "
            f"python cpu {statistics.median(cpu):7.1f} ms   queries {queries:3d}   "
            f"{size / 1000:6.0f} kB   status {status}   reference {reference:5.1f} ms"
        )
    print(
        f"Reference workload: {min(references):.1f}-{max(references):.1f} ms during this run "
        "(the lower, the faster the machine was running)."
    )


if __name__ == "__main__":
    main()
