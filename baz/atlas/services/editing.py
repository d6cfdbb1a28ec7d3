"""Editing in /mijn/ and the admin: profiles, create, update, submit, archive, releasing an
owner's entries, *samenwerking met BAZ*, and keeping `status` in step with Wagtail's admin.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Case, F, When
from django.utils import timezone
from django.utils.translation import gettext as _

from baz.accounts import permissions
from baz.atlas.models import Entry, EntryEventKind, EntryKind, EntryStatus
from baz.atlas.services.common import (
    M2M_FIELDS,
    PENDING_M2M_KEY,
    PROPOSABLE_KINDS,
    ConflictError,
    contact_consent_check,
    contact_state,
    entry_event_add,
    entry_locked,
    entry_make_live,
    fields_apply,
    image_store,
    m2m_ids,
    m2m_set,
    support_offers_apply,
)
from baz.atlas.versioning import data_version_bump
from baz.core.models import Municipality

if TYPE_CHECKING:
    from baz.accounts.models import User


@transaction.atomic
def local_government_profile_ensure(*, municipality: Municipality, user: User) -> Entry:
    """The lokaal-bestuur profile of a municipality; a concept is made the first time."""
    probe = Entry(kind=EntryKind.LOCAL_GOVERNMENT, municipality=municipality)
    permissions.require(user, permissions.ENTRY_PUBLISH, probe)
    # The published profile (at most one, a database constraint), else the latest concept.
    existing = (
        Entry.objects.filter(kind=EntryKind.LOCAL_GOVERNMENT, municipality=municipality)
        .exclude(status=EntryStatus.ARCHIVED)
        .order_by(
            Case(When(status=EntryStatus.PUBLISHED, then=0), default=1),
            "-updated_at",
            "-pk",
        )
        .first()
    )
    if existing is not None:
        return existing
    return entry_create(
        kind=EntryKind.LOCAL_GOVERNMENT,
        data={
            "name": _("Gemeente %(name)s") % {"name": municipality.name_nl},
            "summary": _("Zo ondersteunt de gemeente burgerinitiatieven."),
            "municipality": municipality,
        },
        user=user,
    )


@transaction.atomic
def entry_create(
    *,
    kind: str,
    data: Mapping[str, Any],
    user: User,
    support_offers: Mapping[str, str] | None = None,
) -> Entry:
    """A municipality user (or redactie) makes a concept, e.g. their lokaal-bestuur profile."""
    municipality = data.get("municipality")
    if not isinstance(municipality, Municipality):
        raise ValidationError({"municipality": _("Kies een gemeente.")})
    probe = Entry(kind=kind, municipality=municipality)
    permissions.require(user, permissions.ENTRY_PUBLISH, probe)
    entry = _new_draft(kind=kind, user=user)
    before = contact_state(entry)
    m2m = fields_apply(entry, data)
    contact_consent_check(entry, before=before, user=user)
    support_offers_apply(entry, support_offers)
    entry.full_clean()
    entry.save()
    m2m_set(entry, m2m)
    entry.save_revision(user=user, log_action=True)
    return entry


def _new_draft(*, kind: str, user: User) -> Entry:
    """An unsaved concept owned by `user`; its position comes from the data applied next."""
    return Entry(
        kind=kind,
        status=EntryStatus.DRAFT,
        live=False,
        has_unpublished_changes=True,
        owner=user,
        submitter_email=user.email,
        latitude=0.0,
        longitude=0.0,
    )


@transaction.atomic
def entry_add(
    *,
    kind: str,
    data: Mapping[str, Any],
    user: User,
    image: UploadedFile | None = None,
    publish: bool = True,
) -> Entry:
    """A logged-in person adds an initiative or organisation (/mijn/fiches/nieuw/).

    The person owns it; their account's address is known, so there is no mail to confirm.
    Someone who may publish in the chosen municipality (its users, redactie) puts it online
    at once, unless `publish` is False (the public proposal form); anyone else's entry waits
    for a moderator as `ingediend`, like a confirmed proposal.
    """
    permissions.require(user, permissions.WORKSPACE_VIEW)
    if kind not in PROPOSABLE_KINDS:
        raise ValidationError({"kind": _("Kies burgerinitiatief of organisatie.")})
    if not isinstance(data.get("municipality"), Municipality):
        raise ValidationError({"municipality": _("Kies een gemeente.")})
    entry = _new_draft(kind=kind, user=user)
    before = contact_state(entry)
    m2m = fields_apply(entry, data)
    # The owner consents to showing their own contact details.
    contact_consent_check(entry, before=before, user=user)
    if image is not None:
        entry.image = image_store(upload=image, title=entry.name, user=user)
    entry.full_clean()
    if publish and permissions.can(user, permissions.ENTRY_PUBLISH, entry):
        entry.save()
        entry = entry_make_live(entry, user=user)
        m2m_set(entry, m2m)
        entry_event_add(entry, EntryEventKind.PUBLISHED, user)
        return entry
    entry.status = EntryStatus.SUBMITTED
    entry.save()
    m2m_set(entry, m2m)
    # The first revision is what the moderators review; Wagtail shows it in the history.
    entry.save_revision(user=user, log_action=True)
    entry_event_add(entry, EntryEventKind.SUBMITTED, user)
    return entry


@transaction.atomic
def entry_update(
    *,
    entry: Entry,
    data: Mapping[str, Any],
    expected_version: int,
    user: User,
    support_offers: Mapping[str, str] | None = None,
    image: UploadedFile | None = None,
) -> Entry:
    """Save an edit made in /mijn/.

    Refuses with `ConflictError` when someone saved the entry after `expected_version`.
    Municipality users of the entry's municipality and redactie publish directly. The owner's
    edit to a published entry waits as a revision for a moderator, while the published version
    stays online; the owner's edit to a concept or submitted entry is saved as it is.

    Moving an entry to another municipality publishes directly only for someone who may
    publish in both; otherwise the move waits for a moderator like an owner's edit. A
    lokaal-bestuur profile keeps its municipality here: only BAZ staff change it, in the admin.
    Contact details are switched on only with consent (`may_consent_to_contact`); the profile's
    consent for the map "waar is BAZ actief" changes only by a beheerder of the municipality.
    """
    permissions.require(user, permissions.ENTRY_EDIT, entry)
    row = entry_locked(entry)
    if row.version != expected_version:
        raise ConflictError()
    # Decided before the edit is applied: `working` may be the row itself (no pending edit).
    publishes_here = permissions.can(user, permissions.ENTRY_PUBLISH, row)
    municipality_id = row.municipality_id
    # Start from what the person saw: the pending revision if there is one.
    working = row.get_latest_revision_as_object()
    # Consent and ownership are judged on the row: a revision does not make anyone an owner.
    working.owner_id = row.owner_id
    before = contact_state(working)
    map_consent_before = working.baz_map_consent
    m2m = fields_apply(working, data)
    if working.municipality_id != municipality_id and row.is_local_government:
        raise ValidationError(
            {
                "municipality": _(
                    "De gemeente van een profiel van een lokaal bestuur kan je hier niet "
                    "wijzigen. Klopt de gemeente niet? Vraag het aan de redactie."
                )
            }
        )
    contact_consent_check(working, before=before, user=user)
    # The municipality's consent to be shown as active with BAZ is given or withdrawn only by a
    # beheerder of the municipality (or BAZ staff), like a trajectory's map consent.
    if working.baz_map_consent != map_consent_before and not permissions.can(
        user, permissions.TRAJECTORY_MAP_CONSENT, row
    ):
        raise ValidationError(
            {
                "baz_map_consent": _(
                    "Alleen een beheerder van de gemeente kan de toestemming voor de kaart "
                    "geven of intrekken."
                )
            }
        )
    # Moving to another municipality needs the publish right there too.
    publishes_directly = publishes_here and permissions.can(
        user, permissions.ENTRY_PUBLISH, working
    )
    support_offers_apply(working, support_offers)
    if image is not None:
        working.image = image_store(upload=image, title=working.name, user=user)
    working.version = row.version + 1
    working.full_clean()

    if publishes_directly and row.status == EntryStatus.PUBLISHED:
        working = entry_make_live(working, user=user)
        m2m_set(working, m2m)
        return working
    if row.status == EntryStatus.PUBLISHED:
        # The owner's edit: a revision that waits; only the version moves on the row.
        revision = working.save_revision(user=user, log_action=True)
        if m2m:
            content = dict(revision.content)
            content[PENDING_M2M_KEY] = m2m_ids(m2m)
            revision.content = content
            revision.save(update_fields=["content"])
        Entry.objects.filter(pk=row.pk).update(version=working.version, updated_at=timezone.now())
        entry_event_add(row, EntryEventKind.CHANGES_SUBMITTED, user)
        return Entry.objects.get(pk=row.pk)
    working.save()
    m2m_set(working, m2m)
    working.save_revision(user=user, log_action=True)
    Entry.objects.filter(pk=working.pk).update(has_unpublished_changes=True)
    return Entry.objects.get(pk=working.pk)


@transaction.atomic
def entry_submit(*, entry: Entry, user: User) -> Entry:
    """The owner sends a concept (again) to the moderators, e.g. after a rejection."""
    permissions.require(user, permissions.ENTRY_EDIT, entry)
    entry = entry_locked(entry)
    if entry.status != EntryStatus.DRAFT:
        raise ValidationError(_("Deze fiche is al ingediend of gepubliceerd."))
    entry.status = EntryStatus.SUBMITTED
    entry.version += 1
    entry.full_clean()
    entry.save()
    entry_event_add(entry, EntryEventKind.SUBMITTED, user)
    return entry


@transaction.atomic
def entry_archive(*, entry: Entry, user: User) -> Entry:
    """Take an entry offline for good; it stays in the admin with its history."""
    permissions.require(user, permissions.ENTRY_PUBLISH, entry)
    entry = entry_locked(entry)
    if entry.status == EntryStatus.ARCHIVED:
        return entry
    if entry.live:
        from wagtail.actions.unpublish import UnpublishAction

        # Permission was checked above with our own rules, not Wagtail's model permissions.
        UnpublishAction(entry, user=user, commit=False, log_action=True).execute(
            skip_permission_checks=True
        )
    entry.live = False
    entry.status = EntryStatus.ARCHIVED
    entry.version += 1
    entry.full_clean()
    entry.save()
    entry_event_add(entry, EntryEventKind.ARCHIVED, user)
    return entry


# What an entry says about a person, cleared with their account: the details and the consent.
PERSONAL_CONTACT_CLEARED: dict[str, Any] = {
    "contact_name": "",
    "contact_phone": "",
    "contact_email": "",
    "show_contact_name": False,
    "show_contact_phone": False,
    "show_contact_email": False,
    "contact_consent_at": None,
    "contact_consent_by": None,
}


@transaction.atomic
def entries_release_owner(*, user: User) -> tuple[int, int]:
    """A person deletes their account: no entry keeps pointing at them or their data.

    A municipality's profile stays with the municipality (published as before) and only loses
    its owner. Every other entry they owned is archived, and its contact details and consent
    are cleared on the row and in every revision: an archived entry can be published again
    (its latest revision goes live), and must then not bring the person's details back.
    Entries proposed from their address lose that address, in the revisions too.
    Returns (profiles handed over, entries archived).
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Revision

    owned = Entry.objects.filter(owner=user)
    archived_ids = list(owned.exclude(kind=EntryKind.LOCAL_GOVERNMENT).values_list("pk", flat=True))
    owned_ids = list(owned.values_list("pk", flat=True))
    proposed_ids = list(
        Entry.objects.filter(submitter_email__iexact=user.email).values_list("pk", flat=True)
    )
    archived = Entry.objects.filter(pk__in=archived_ids).update(
        owner=None,
        submitter_email="",
        status=EntryStatus.ARCHIVED,
        live=False,
        version=F("version") + 1,
        **PERSONAL_CONTACT_CLEARED,
    )
    handed_over = Entry.objects.filter(owner=user).update(owner=None, submitter_email="")
    Entry.objects.filter(pk__in=proposed_ids).update(submitter_email="")

    revisions = Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Entry),
        object_id__in=[str(pk) for pk in {*owned_ids, *proposed_ids}],
    )
    archived_keys = {str(pk) for pk in archived_ids}
    for revision in revisions.only("pk", "object_id", "content").iterator():
        content = dict(revision.content)
        if revision.object_id in archived_keys:
            content.update(PERSONAL_CONTACT_CLEARED)
        if content.get("owner") == user.pk:
            content["owner"] = None
        if (content.get("submitter_email") or "").lower() == user.email.lower():
            content["submitter_email"] = ""
        if content != revision.content:
            Revision.objects.filter(pk=revision.pk).update(content=content)
    data_version_bump()  # update() skips the signals that version the atlas API's caches
    return handed_over, archived


@transaction.atomic
def entry_set_baz_collaboration(*, entry: Entry, user: User, value: bool) -> Entry:
    """Only BAZ staff mark a local government as working together with BAZ."""
    permissions.require(user, permissions.ENTRY_SET_BAZ_COLLABORATION, entry)
    entry = entry_locked(entry)
    entry.baz_collaboration = value
    entry.version += 1
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def entry_admin_sync(*, entry: Entry, user: User) -> Entry:
    """Wagtail's admin saved, published or unpublished an entry: keep status and version in step.

    Editors in /beheer/ use Wagtail's own buttons; afterwards this sets `status` from `live`
    (live → gepubliceerd; taken offline → concept) and moves the version on, so an open
    /mijn/ form based on the old version is refused instead of overwriting the editor.
    """
    permissions.require(user, permissions.ADMIN_ACCESS)
    row = entry_locked(entry)
    changes: dict[str, Any] = {"version": row.version + 1}
    if row.live and row.status != EntryStatus.PUBLISHED:
        changes["status"] = EntryStatus.PUBLISHED
        changes["published_at"] = row.published_at or timezone.now()
    elif not row.live and row.status == EntryStatus.PUBLISHED:
        changes["status"] = EntryStatus.DRAFT
    Entry.objects.filter(pk=row.pk).update(**changes)
    data_version_bump()  # update() skips the signals that keep the API's version current
    if changes.get("status") == EntryStatus.PUBLISHED:
        entry_event_add(row, EntryEventKind.PUBLISHED, user)
    return Entry.objects.get(pk=row.pk)


def entry_admin_keep_m2m(*, revision: Any, choices: Mapping[str, Any]) -> None:
    """An admin edit of a live entry: keep its themes, werkvormen, target groups and served
    municipalities in the new revision.

    Wagtail leaves a live entry untouched when staff save (the edit becomes a revision) and
    builds the live entry from that revision when they publish. A revision does not store plain
    many-to-many fields, so without this the choices made in the admin were silently lost.
    `entry_revision_m2m_apply` sets them when the revision is published, the same way a
    moderator's approval sets those of an owner's pending edit.
    """
    kept = {name: choices[name] for name in M2M_FIELDS if name in choices}
    if revision is None or not kept:
        return
    content = dict(revision.content)
    content[PENDING_M2M_KEY] = m2m_ids(kept)
    revision.content = content
    revision.save(update_fields=["content"])


def entry_revision_m2m_apply(*, entry: Entry, revision: Any) -> None:
    """A revision of `entry` went live (admin publish, scheduled publish, approval): set the
    many-to-many choices it keeps, if any."""
    kept = (revision.content or {}).get(PENDING_M2M_KEY) if revision is not None else None
    if kept:
        m2m_set(entry, {name: kept[name] for name in M2M_FIELDS if name in kept})
