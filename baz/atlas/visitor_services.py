"""Writes a visitor makes without an account: relay a message to an entry's owner, report a
mistake. Each is stored first; the relay's e-mail goes out after the row exists.

(The write side of the atlas - proposing, moderation, /mijn/ - lives in `services/`.)
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from baz.atlas.models import ContactRelay, CorrectionRequest, Entry
from baz.core.ratelimit import limit_exceeded

RELAY_LIMIT_PER_HOUR = 5
CORRECTION_LIMIT_PER_HOUR = 10


class RateLimited(Exception):
    """Too many messages from the same client within the hour."""


def entry_relay_recipient(entry: Entry) -> str:
    """Where a relayed message goes: the owner's account, else the entry's contact address,
    else the address of whoever proposed it. Never shown to the visitor."""
    owner_email = getattr(entry.owner, "email", "") if entry.owner_id else ""
    return owner_email or entry.contact_email or entry.submitter_email


@transaction.atomic
def contact_relay_create(
    *, entry: Entry, sender_name: str, sender_email: str, message: str, key: str
) -> ContactRelay:
    """Store a visitor's message to the owner of `entry`, then e-mail it (Reply-To: visitor)."""
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
    )
    relay.full_clean()
    relay.save()
    if recipient:
        context = {"relay": relay, "entry": entry, "site_url": settings.WAGTAILADMIN_BASE_URL}
        mail = EmailMultiAlternatives(
            subject=f"Bericht via Inspireer elkaar over {entry.name}"[:150],
            body=render_to_string("atlas/email/contact_relay.txt", context),
            to=[recipient],
            reply_to=[sender_email],
            # Ties the outbox row to the relay, so the relay's retention reaches it too.
            headers={"X-BAZ-Related": f"atlas.relay:{relay.pk}"},
        )
        mail.attach_alternative(
            render_to_string("atlas/email/contact_relay.html", context), "text/html"
        )
        transaction.on_commit(lambda: _send(mail, relay.pk))
    return relay


def _send(mail: EmailMultiAlternatives, relay_pk: int) -> None:
    mail.send()
    ContactRelay.objects.filter(pk=relay_pk).update(sent_at=timezone.now())


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
