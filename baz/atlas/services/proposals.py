"""Proposing an entry without an account, and confirming it through the e-mailed link."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from baz.accounts import permissions
from baz.accounts.services import initiatiefnemer_account_ensure
from baz.atlas.models import Entry, EntryEventKind, EntryStatus
from baz.atlas.services.common import (
    PROPOSABLE_KINDS,
    TokenUnavailable,
    absolute_url,
    contact_consent_check,
    contact_state,
    entry_event_add,
    entry_for_submission_token,
    entry_locked,
    fields_apply,
    image_store,
    m2m_set,
    submission_max_age_days,
    submission_token,
)
from baz.atlas.services.editing import entry_add
from baz.mail.services import email_queue

if TYPE_CHECKING:
    from baz.accounts.permissions import UserLike


@transaction.atomic
def entry_propose(
    *,
    kind: str,
    data: Mapping[str, Any],
    submitter_email: str,
    submitter_name: str = "",
    image: UploadedFile | None = None,
    user: UserLike | None = None,
) -> tuple[Entry, str]:
    """Store a proposal from the public form as a concept and mail its confirmation link.

    Nothing is submitted to the moderators until the person presses the button on the page
    of that link (`entry_confirm_submission`): that proves they own the e-mail address.
    Returns the entry and the token of the link.

    A logged-in person already proved their address: the proposal is theirs and goes to the
    moderators at once, without a mail to confirm (the token is then empty). It is never
    published directly from the public form, whatever rights the person has.
    """
    permissions.require(user, permissions.ENTRY_PROPOSE)
    if user is not None and user.is_authenticated:
        entry = entry_add(kind=kind, data=data, user=user, image=image, publish=False)
        return entry, ""
    if kind not in PROPOSABLE_KINDS:
        raise ValidationError({"kind": _("Kies burgerinitiatief of organisatie.")})
    entry = Entry(
        kind=kind,
        status=EntryStatus.DRAFT,
        live=False,
        has_unpublished_changes=True,
        submitter_email=(submitter_email or "").strip().lower(),
        contact_name=submitter_name.strip(),
        latitude=0.0,
        longitude=0.0,
    )
    before = contact_state(entry)
    m2m = fields_apply(entry, data)
    # The person proposing gives their own consent; their account exists only after confirming.
    contact_consent_check(entry, before=before, user=None, check=False)
    if image is not None:
        entry.image = image_store(upload=image, title=entry.name, user=None)
    if not entry.submitter_email:
        raise ValidationError({"submitter_email": _("Vul je e-mailadres in.")})
    entry.full_clean()
    entry.save()
    m2m_set(entry, m2m)
    token = submission_token(entry=entry)
    email_queue(
        to=entry.submitter_email,
        subject=_("Bevestig je voorstel voor Inspireer elkaar"),
        template="atlas/mail/confirm_submission",
        context={
            "entry": entry,
            "name": submitter_name.strip(),
            "url": absolute_url(reverse("atlas_contribute:confirm", kwargs={"token": token})),
            "max_age_days": submission_max_age_days(),
        },
        related=f"atlas.entry:{entry.pk}",
        secret=True,
    )
    return entry, token


@transaction.atomic
def entry_confirm_submission(*, token: str) -> Entry:
    """The person pressed "Bevestig": submit the concept for moderation, with an account.

    Raises `TokenUnavailable` for an unknown, expired or already used link.
    """
    found = entry_for_submission_token(token=token)
    entry = entry_locked(found)
    if entry.status != EntryStatus.DRAFT or entry.owner_id is not None:
        raise TokenUnavailable("used")
    first_name, _sep, last_name = entry.contact_name.partition(" ")
    owner, _created = initiatiefnemer_account_ensure(
        email=entry.submitter_email, first_name=first_name, last_name=last_name
    )
    entry.owner = owner
    entry.status = EntryStatus.SUBMITTED
    entry.version += 1
    entry.full_clean()
    entry.save()
    # The first revision is what the moderators review; Wagtail shows it in the history.
    entry.save_revision(user=owner, log_action=True)
    entry_event_add(entry, EntryEventKind.SUBMITTED, owner)
    return entry
