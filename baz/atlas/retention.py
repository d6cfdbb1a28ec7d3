"""Retention of what visitors write through the atlas: relayed messages and error reports.

A `ContactRelay` keeps the visitor's name, address and message and the owner's address; a
`CorrectionRequest` keeps the text and, when given, the reporter's address. BAZ needs them
for a while (to see that relaying works and is not abused, to handle a report), not for
ever. `manage.py atlas_retention` (daily) clears them ATLAS_MESSAGE_RETENTION_MONTHS after
the relay was written or the report was handled, and the relay's copy in the outbox with it.
Open reports are never cleared automatically: moderators close them first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from baz.atlas.models import ContactRelay, CorrectionRequest, CorrectionRequestStatus
from baz.core.dates import months_before
from baz.mail.services import outbox_forget


@dataclass
class AtlasRetentionResult:
    relays: int
    corrections: int
    cutoff: datetime


def relay_outbox_key(relay_pk: int) -> str:
    """The outbox's `related` for the mail of one relay (set by `contact_relay_create`)."""
    return f"atlas.relay:{relay_pk}"


@transaction.atomic
def atlas_retention_apply(
    *, now: datetime | None = None, months: int | None = None, dry_run: bool = False
) -> AtlasRetentionResult:
    """Clear names, addresses and texts of relays and handled reports past the period.

    What stays: the entry, the dates, whether the relay was sent, the report's status and the
    moderator's note. Idempotent: cleared rows are not counted again.
    """
    now = now or timezone.now()
    months = settings.ATLAS_MESSAGE_RETENTION_MONTHS if months is None else months
    cutoff = months_before(now, months)
    relays = list(
        ContactRelay.objects.filter(created_at__lt=cutoff)
        .exclude(sender_name="", sender_email="", message="", recipient_email="", client_key="")
        .values_list("pk", "sender_email")
    )
    corrections = CorrectionRequest.objects.filter(
        status=CorrectionRequestStatus.HANDLED, handled_at__lt=cutoff
    ).exclude(message="", reporter_email="", client_key="")
    if dry_run:
        return AtlasRetentionResult(
            relays=len(relays), corrections=corrections.count(), cutoff=cutoff
        )
    corrected = corrections.update(message="", reporter_email="", client_key="")
    for pk, sender_email in relays:
        outbox_forget(addresses=[sender_email], related=[relay_outbox_key(pk)], now=now)
    ContactRelay.objects.filter(pk__in=[pk for pk, _email in relays]).update(
        sender_name="", sender_email="", message="", recipient_email="", client_key=""
    )
    return AtlasRetentionResult(relays=len(relays), corrections=corrected, cutoff=cutoff)
