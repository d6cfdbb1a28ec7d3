"""Writes a visitor makes without an account: relay a message to an entry's owner, report a
mistake. Each is stored first; the relay's e-mail is queued in the outbox in the same
transaction, and the outbox worker sends it.

(The write side of the atlas - proposing, moderation, /mijn/ - lives in `services/`.)
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from baz.atlas.models import ContactRelay, CorrectionRequest, Entry
from baz.core.ratelimit import limit_exceeded
from baz.mail.services import email_queue

RELAY_LIMIT_PER_HOUR = 5
CORRECTION_LIMIT_PER_HOUR = 10


class RateLimited(Exception):
    """Too many messages from the same client within the hour."""


def entry_relay_recipient(entry: Entry) -> str:
    """Where a relayed message goes: the owner's account, else the entry's contact address,
    else the address of whoever proposed it. Never shown to the visitor."""
    owner_email = getattr(entry.owner, "email", "") if entry.owner_id else ""
    return owner_email or entry.contact_email or entry.submitter_email


def entry_email_is_public(entry: Entry, address: str) -> bool:
    """Whether the entry's page shows `address` (its contact address, with consent)."""
    return bool(
        entry.show_contact_email
        and entry.contact_email
        and entry.contact_email.strip().lower() == address.strip().lower()
    )


@transaction.atomic
def contact_relay_create(
    *, entry: Entry, sender_name: str, sender_email: str, message: str, key: str
) -> ContactRelay:
    """Store a visitor's message to the owner of `entry` and queue its e-mail (Reply-To: the
    visitor) in the outbox; `queued_at` says it was queued, the outbox says when it left."""
    if limit_exceeded(key, action="atlas-relay", limit=RELAY_LIMIT_PER_HOUR, window_seconds=3600):
        raise RateLimited
    recipient = entry_relay_recipient(entry)
    relay = ContactRelay(
        entry=entry,
        sender_name=sender_name,
        sender_email=sender_email,
        message=message,
        recipient_email=recipient,
        client_key=key,
        # Queued below, in this transaction: both are stored or neither.
        queued_at=timezone.now() if recipient else None,
    )
    relay.full_clean()
    relay.save()
    if recipient:
        email_queue(
            to=recipient,
            subject=f"Bericht via Inspireer elkaar over {entry.name}"[:150],
            template="atlas/email/contact_relay",
            context={
                "relay": relay,
                "entry": entry,
                # The mail says the address stayed hidden only when the page does not show it.
                "address_public": entry_email_is_public(entry, recipient),
            },
            reply_to=sender_email,
            # Ties the outbox row to the relay, so the relay's retention reaches it too.
            related=f"atlas.relay:{relay.pk}",
        )
    return relay


@transaction.atomic
def correction_request_create(
    *, entry: Entry, message: str, reporter_email: str, key: str
) -> CorrectionRequest:
    """Store a visitor's report of a mistake on `entry` for the moderators."""
    if limit_exceeded(
        key, action="atlas-correction", limit=CORRECTION_LIMIT_PER_HOUR, window_seconds=3600
    ):
        raise RateLimited
    report = CorrectionRequest(
        entry=entry, message=message, reporter_email=reporter_email, client_key=key
    )
    report.full_clean()
    report.save()
    return report
