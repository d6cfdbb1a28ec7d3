"""The outbox's part of a person's own data (see `baz.accounts.privacy`).

It lives in accounts, not in the mail app: mail is infrastructure every app uses and imports
no app itself (the import contract in pyproject.toml); accounts registers its part for it.

Export: the mail the platform sent to (or on behalf of) their address: subject, state and
dates, never the body (it may carry a secret link). Erase: `services.outbox_forget_address`
(the rows stay as a count; addresses, subject and body go). It runs after the apps whose
own erasure forgets the mail about their rows.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from baz.accounts.models import User
from baz.accounts.privacy import MAIL_ORDER, PrivacyProvider, iso, register
from baz.mail.models import OutboxMessage
from baz.mail.services import outbox_forget_address


def _addressed_to(user: User) -> list[OutboxMessage]:
    address = user.email.strip().lower()
    match = Q()
    for name in ("to", "cc", "bcc", "reply_to"):
        match |= Q(**{f"{name}__icontains": address})
    rows = OutboxMessage.objects.filter(match).order_by("created_at", "pk")
    return [
        message
        for message in rows
        if address
        in {v.strip().lower() for v in [*message.to, *message.cc, *message.bcc, *message.reply_to]}
    ]


def _export(user: User) -> dict[str, Any]:
    return {
        "emails": [
            {
                "subject": message.subject,
                "state": message.state,
                "created_at": iso(message.created_at),
                "sent_at": iso(message.sent_at),
            }
            for message in _addressed_to(user)
        ]
    }


def _erase(user: User) -> dict[str, int]:
    return {"emails_forgotten": outbox_forget_address(user.email)}


register(
    PrivacyProvider(
        name="mail",
        export=_export,
        erase=_erase,
        order=MAIL_ORDER,
        models=("mail.OutboxMessage",),
    )
)
