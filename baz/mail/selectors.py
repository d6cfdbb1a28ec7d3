"""Reads of the outbox."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from baz.mail.models import OutboxMessage


def outbox_due_list(*, now: datetime | None = None, limit: int = 50) -> QuerySet[OutboxMessage]:
    """Queued messages whose next attempt is due, oldest first (the worker's order)."""
    now = now or timezone.now()
    return OutboxMessage.objects.due(now=now).order_by("next_attempt_at", "pk")[:limit]
