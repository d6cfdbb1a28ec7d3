"""Keeping entries fresh: confirming an entry is still right, and the yearly reminder mail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from baz.accounts import permissions
from baz.atlas.models import Entry, EntryEventKind
from baz.atlas.services.common import (
    TokenUnavailable,
    absolute_url,
    entry_event_add,
    entry_for_freshness_token,
    entry_locked,
    freshness_token,
)
from baz.mail.services import email_queue

if TYPE_CHECKING:
    from baz.accounts.permissions import UserLike


@transaction.atomic
def entry_confirm_fresh(*, entry: Entry, user: UserLike | None, token: str = "") -> Entry:
    """Someone confirms the entry is still up to date: by a button in /mijn/ or by the link
    in the reminder (then `token` proves it, and `user` may be anonymous)."""
    if token:
        found = entry_for_freshness_token(token=token)
        if found.pk != entry.pk:
            raise TokenUnavailable("invalid")
    else:
        permissions.require(user, permissions.ENTRY_EDIT, entry)
    entry = entry_locked(entry)
    entry.last_confirmed_at = timezone.localdate()
    entry.version += 1
    entry.full_clean()
    entry.save(update_fields=["last_confirmed_at", "version", "updated_at"])
    entry_event_add(entry, EntryEventKind.CONFIRMED_FRESH, user)
    return entry


def freshness_reminder_send(*, entry: Entry) -> None:
    """Queue the reminder mail for one entry and record it (called by `atlas_freshness`)."""
    to = entry.owner.email if entry.owner_id else entry.submitter_email  # type: ignore[union-attr]
    if not to:
        return
    token = freshness_token(entry=entry)
    email_queue(
        to=to,
        subject=_("Klopt je fiche op Inspireer elkaar nog?"),
        template="atlas/mail/freshness_reminder",
        context={
            "entry": entry,
            "url": absolute_url(reverse("atlas_contribute:confirm_fresh", kwargs={"token": token})),
        },
        related=f"atlas.entry:{entry.pk}",
        secret=True,
    )
    entry_event_add(entry, EntryEventKind.FRESHNESS_REMINDER)
