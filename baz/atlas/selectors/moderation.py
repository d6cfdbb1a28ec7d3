"""The moderators' lists: entries waiting for review, relayed messages, correction requests."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.db.models.query import QuerySet

from baz.atlas.models import (
    ContactRelay,
    CorrectionRequest,
    CorrectionRequestStatus,
    Entry,
    EntryStatus,
)
from baz.mail.models import OutboxMessage


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
    """Relayed messages for the moderators' overview: when, to which entry, and how far its
    e-mail got: `mail_state` and `mail_sent_at` of its outbox row (None when nothing was
    queued, for an entry without an address).

    Sender and message are deliberately not loaded: only the entry's owner, who got the
    e-mail, needs them (docs/decisions.md, "Atlas admin: relayed messages without bodies").
    """
    outbox_row = OutboxMessage.objects.filter(
        related=Concat(Value("atlas.relay:"), Cast(OuterRef("pk"), CharField()))
    ).order_by("-pk")
    return (
        ContactRelay.objects.select_related("entry")
        .only("pk", "created_at", "queued_at", "entry__id", "entry__name", "entry__slug")
        .annotate(
            mail_state=Subquery(outbox_row.values("state")[:1]),
            mail_sent_at=Subquery(outbox_row.values("sent_at")[:1]),
        )
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
