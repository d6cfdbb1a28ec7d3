"""Who and what the daily commands remind: entries not confirmed for a year
(`atlas_freshness`) and the municipality users who get the digest (`atlas_digest`).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from baz.accounts.models import User
from baz.atlas.models import Entry, EntryEvent, EntryEventKind, EntryStatus
from baz.core.dates import months_before


def freshness_cutoff(*, today: date | None = None) -> date:
    """The day before which a confirmation is old: ATLAS_FRESHNESS_MONTHS calendar months ago."""
    return months_before(today or timezone.localdate(), settings.ATLAS_FRESHNESS_MONTHS)


def entry_is_fresh(entry: Entry, *, today: date | None = None) -> bool:
    """False means "niet recent bevestigd": nobody confirmed it within the last 12 months."""
    return entry.last_confirmed_at >= freshness_cutoff(today=today)


def freshness_reminder_due(*, today: date | None = None) -> list[Entry]:
    """Published entries nobody confirmed for 12 months and not reminded in the interval."""
    interval = int(settings.ATLAS_FRESHNESS_REMINDER_INTERVAL_DAYS)
    reminded_since = timezone.now() - timedelta(days=interval)
    recently_reminded = EntryEvent.objects.filter(
        kind=EntryEventKind.FRESHNESS_REMINDER, created_at__gte=reminded_since
    ).values("entry_id")
    return list(
        Entry.objects.filter(
            status=EntryStatus.PUBLISHED, last_confirmed_at__lt=freshness_cutoff(today=today)
        )
        .exclude(pk__in=recently_reminded)
        .select_related("owner")
        .order_by("last_confirmed_at", "pk")
    )


def digest_recipients() -> Any:
    """Active municipality users: everyone with at least one membership."""
    return User.objects.filter(is_active=True, memberships__isnull=False).distinct().order_by("pk")
