"""The daily digest mail for municipality users."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from baz.accounts import permissions
from baz.atlas.models import DigestReceipt, Entry, EntryEvent, EntryEventKind
from baz.mail.services import email_queue

if TYPE_CHECKING:
    from baz.accounts.models import User


@transaction.atomic
def digest_send(*, user: User, now: Any = None, dry_run: bool = False) -> int:
    """Mail one user what was proposed and published in their municipalities since their
    last digest; returns how many entries the mail lists (0: no mail).

    The receipt moves to `now` also when there was nothing to tell, so a second run the same
    day sends nothing twice.
    """
    now = now or timezone.now()
    receipt = DigestReceipt.objects.select_for_update().filter(user=user).first()
    since = receipt.sent_at if receipt else now - timedelta(days=1)
    municipality_ids = list(permissions.municipality_roles(user))
    events = (
        EntryEvent.objects.filter(
            entry__municipality_id__in=municipality_ids,
            created_at__gt=since,
            created_at__lte=now,
            kind__in=[EntryEventKind.SUBMITTED, EntryEventKind.PUBLISHED],
        )
        .select_related("entry__municipality")
        .order_by("created_at")
    )
    submitted: dict[int, Entry] = {}
    published: dict[int, Entry] = {}
    for event in events:
        target = submitted if event.kind == EntryEventKind.SUBMITTED else published
        target.setdefault(event.entry_id, event.entry)
    count = len(submitted) + len(published)
    if dry_run:
        return count
    if count:
        email_queue(
            to=user.email,
            subject=_("Inspireer elkaar: nieuw in jouw gemeente"),
            template="atlas/mail/digest",
            context={"submitted": list(submitted.values()), "published": list(published.values())},
            related=f"atlas.digest:{user.pk}",
        )
    if receipt is None:
        receipt = DigestReceipt(user=user, sent_at=now)
    receipt.sent_at = now
    receipt.full_clean()
    receipt.save()
    return count
