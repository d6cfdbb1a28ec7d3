"""The moderators' lists: entries waiting for review, relayed messages, correction requests."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.db.models.query import QuerySet

from baz.atlas.models import (
    ContactRelay,
    CorrectionRequest,
    CorrectionRequestStatus,
    Entry,
    EntryStatus,
)


def moderation_queue() -> Any:
    """Entries that wait for a moderator: new proposals and edits to published entries."""
    return (
        Entry.objects.filter(
            Q(status=EntryStatus.SUBMITTED)
            | Q(status=EntryStatus.PUBLISHED, has_unpublished_changes=True)
        )
        .select_related("municipality", "owner")
        .order_by("updated_at")
    )


def contact_relay_list() -> QuerySet[ContactRelay]:
    """Relayed messages for the moderators' overview: when, to which entry, sent or not.

    Sender and message are deliberately not loaded: only the entry's owner, who got the
    e-mail, needs them (docs/decisions.md, "Atlas admin: relayed messages without bodies").
    """
    return (
        ContactRelay.objects.select_related("entry")
        .only("pk", "created_at", "sent_at", "entry__id", "entry__name", "entry__slug")
        .order_by("-created_at", "-pk")
    )


def correction_request_list(*, status: str = "") -> QuerySet[CorrectionRequest]:
    """Correction requests for the moderators, newest first, optionally of one status."""
    qs = CorrectionRequest.objects.select_related("entry", "handled_by").order_by(
        "-created_at", "-pk"
    )
    if status in CorrectionRequestStatus.values:
        qs = qs.filter(status=status)
    return qs
