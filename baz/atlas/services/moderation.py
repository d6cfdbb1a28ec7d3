"""Moderation: pending edits, approve, reject and publish, and handling correction requests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from baz.accounts import permissions
from baz.atlas.models import (
    CorrectionRequest,
    CorrectionRequestStatus,
    Entry,
    EntryEventKind,
    EntryStatus,
)
from baz.atlas.services.common import (
    PENDING_M2M_KEY,
    absolute_url,
    entry_event_add,
    entry_locked,
    entry_make_live,
    m2m_set,
)
from baz.mail.services import email_queue

if TYPE_CHECKING:
    from baz.accounts.models import User
    from baz.accounts.permissions import UserLike


def entry_has_pending_changes(entry: Entry) -> bool:
    """A published entry with an edit that waits for a moderator."""
    return entry.status == EntryStatus.PUBLISHED and entry.has_unpublished_changes


def entry_pending_m2m(entry: Entry) -> dict[str, list[int]]:
    """The themes, werkvormen, target groups (ids) of an edit waiting for a moderator.

    Wagtail revisions do not keep plain many-to-many fields, so `entry_update` stores them in
    the revision's content; an edit form must show these, not the live ones. Empty when
    nothing waits or the pending edit left them unchanged.
    """
    if not entry_has_pending_changes(entry):
        return {}
    revision = entry.get_latest_revision()
    if revision is None:
        return {}
    return dict(revision.content.get(PENDING_M2M_KEY) or {})


def submitter_mail(entry: Entry, *, subject: str, template: str, **context: Any) -> None:
    to = entry.owner.email if entry.owner_id else entry.submitter_email  # type: ignore[union-attr]
    if not to:
        return
    email_queue(
        to=to,
        subject=subject,
        template=template,
        context={"entry": entry, **context},
        related=f"atlas.entry:{entry.pk}",
    )


@transaction.atomic
def entry_approve(*, entry: Entry, user: User) -> Entry:
    """A moderator approves a proposal or a pending edit: it goes live."""
    permissions.require(user, permissions.ENTRY_MODERATE, entry)
    entry = entry_locked(entry)
    if entry.status == EntryStatus.SUBMITTED:
        working = entry.get_latest_revision_as_object()
        m2m: dict[str, list[int]] = {}
    elif entry_has_pending_changes(entry):
        revision = entry.get_latest_revision()
        assert revision is not None  # noqa: S101 - has_unpublished_changes implies one
        m2m = dict(revision.content.get(PENDING_M2M_KEY) or {})
        working = revision.as_object()
    else:
        raise ValidationError(_("Deze fiche wacht niet op goedkeuring."))
    working.version = entry.version + 1
    working = entry_make_live(working, user=user)
    m2m_set(working, m2m)
    entry_event_add(working, EntryEventKind.PUBLISHED, user)
    submitter_mail(
        working,
        subject=_("Je fiche staat online op Inspireer elkaar"),
        template="atlas/mail/approved",
        url=absolute_url(reverse("atlas_contribute:mijn_entry_edit", kwargs={"pk": working.pk})),
    )
    return working


@transaction.atomic
def entry_reject(*, entry: Entry, user: User, message: str) -> Entry:
    """A moderator sends a proposal or an edit back, with a message for the submitter.

    A rejected proposal becomes a concept again that its owner can improve in /mijn/; a
    rejected edit is dropped and the published version stays as it is.
    """
    permissions.require(user, permissions.ENTRY_MODERATE, entry)
    message = (message or "").strip()
    if not message:
        raise ValidationError(
            {"message": _("Schrijf waarom je weigert, zodat de indiener het kan verbeteren.")}
        )
    entry = entry_locked(entry)
    if entry.status == EntryStatus.SUBMITTED:
        entry.status = EntryStatus.DRAFT
    elif entry_has_pending_changes(entry):
        entry.has_unpublished_changes = False
    else:
        raise ValidationError(_("Deze fiche wacht niet op goedkeuring."))
    entry.version += 1
    entry.full_clean()
    entry.save()
    # A revision of the row as it is now, so the admin's editor does not show the rejected text.
    entry.save_revision(user=user, changed=False, log_action=False, clean=False)
    Entry.objects.filter(pk=entry.pk).update(has_unpublished_changes=False)
    entry.has_unpublished_changes = False
    entry_event_add(entry, EntryEventKind.REJECTED, user, message)
    submitter_mail(
        entry,
        subject=_("Je fiche op Inspireer elkaar is nog niet goedgekeurd"),
        template="atlas/mail/rejected",
        message=message,
        url=absolute_url(reverse("atlas_contribute:mijn_entry_edit", kwargs={"pk": entry.pk})),
    )
    return entry


@transaction.atomic
def entry_publish(*, entry: Entry, user: User) -> Entry:
    """Put an entry online directly: municipality users for their own municipality, redactie."""
    permissions.require(user, permissions.ENTRY_PUBLISH, entry)
    entry = entry_locked(entry)
    if entry.status == EntryStatus.PUBLISHED and not entry.has_unpublished_changes:
        return entry
    m2m: dict[str, list[int]] = {}
    if entry_has_pending_changes(entry):
        revision = entry.get_latest_revision()
        m2m = dict((revision.content if revision else {}).get(PENDING_M2M_KEY) or {})
    working = entry.get_latest_revision_as_object()
    # A pending edit may move the entry: publishing it needs the right where it goes too.
    permissions.require(user, permissions.ENTRY_PUBLISH, working)
    working.version = entry.version + 1
    working = entry_make_live(working, user=user)
    m2m_set(working, m2m)
    entry_event_add(working, EntryEventKind.PUBLISHED, user)
    return working


def entry_can_publish(user: UserLike | None, entry: Entry) -> bool:
    """May `user` put `entry` online as it would go live (its pending edit, if any)?"""
    if not permissions.can(user, permissions.ENTRY_PUBLISH, entry):
        return False
    if entry_has_pending_changes(entry) or entry.status != EntryStatus.PUBLISHED:
        return permissions.can(
            user, permissions.ENTRY_PUBLISH, entry.get_latest_revision_as_object()
        )
    return True


@transaction.atomic
def correction_request_handle(
    *, report: CorrectionRequest, user: User, note: str
) -> CorrectionRequest:
    """A moderator marks a visitor's correction request as handled, saying what they did."""
    permissions.require(user, permissions.ENTRY_CORRECTION_HANDLE, report)
    report = CorrectionRequest.objects.select_for_update().get(pk=report.pk)
    if report.status == CorrectionRequestStatus.HANDLED:
        raise ValidationError(_("Deze melding is al behandeld."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Schrijf kort wat je met de melding deed.")})
    report.status = CorrectionRequestStatus.HANDLED
    report.handled_at = timezone.now()
    report.handled_by = user
    report.handled_note = note
    report.full_clean()
    report.save()
    return report
