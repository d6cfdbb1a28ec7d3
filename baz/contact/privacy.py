"""Partners & contact's part of a person's own data (see `baz.accounts.privacy`).

Export: the contact messages they sent while logged in or from their address, with the
replies. Erase: those messages are anonymised as by the retention command
(`services.message_anonymise`, which also erases the mail about them in the outbox).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from baz.accounts.models import User
from baz.accounts.privacy import PrivacyProvider, iso, register, register_exempt
from baz.contact.models import ContactMessage
from baz.contact.services import message_anonymise


def own_messages(user: User) -> QuerySet[ContactMessage]:
    """Messages sent while logged in, or from the account's e-mail address."""
    return ContactMessage.objects.filter(anonymised_at__isnull=True).filter(
        Q(sender=user) | Q(email__iexact=user.email)
    )


def _export(user: User) -> dict[str, Any]:
    messages = own_messages(user).select_related("municipality").prefetch_related("replies")
    return {
        "contact_messages": [
            {
                "topic": m.topic,
                "municipality": m.municipality.name_nl if m.municipality else None,
                "name": m.name,
                "email": m.email,
                "message": m.body,
                "sent_at": iso(m.created_at),
                "answered_by": m.routed_to_name,
                "status": m.status,
                "replies": [
                    {"text": r.body, "sent_at": iso(r.created_at)} for r in m.replies.all()
                ],
            }
            for m in messages
        ],
    }


def _erase(user: User) -> dict[str, int]:
    now = timezone.now()
    messages = list(own_messages(user).only("pk"))
    for message in messages:
        message_anonymise(message, now=now)
    return {"messages_anonymised": len(messages)}


register(
    PrivacyProvider(
        name="contact",
        export=_export,
        erase=_erase,
        models=("contact.ContactMessage", "contact.ContactReply"),
    )
)
register_exempt(
    "contact.ContactPerson",
    "A partner's published contact point, kept by BAZ staff in the admin and not tied to an "
    "account; staff remove it when the person leaves the partner.",
)
register_exempt("contact.PartnerOrganisation", "An organisation's name, not a person's.")
