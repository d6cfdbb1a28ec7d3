"""Writes of the atlas: propose, confirm, moderate, publish, edit, archive, keep fresh.

Every state change goes through one function here. Each checks permissions itself
(`baz.accounts.permissions.require`), validates with `full_clean()` before saving and runs in
one transaction, so the e-mail it queues in the outbox is stored with the change or not at all.

`Entry.status` is what people see; Wagtail's `live` flag is what the admin shows. These
functions keep the two in step: only `gepubliceerd` is live. An owner's edit to a published
entry is saved as a Wagtail revision (the row keeps the published version) until a moderator
approves it. `Entry.version` goes up with every save: a save based on an older version is
refused with `ConflictError`, so two people never silently overwrite each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import nh3
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Case, F, When
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from baz.accounts import permissions
from baz.accounts.services import initiatiefnemer_account_ensure
from baz.atlas.models import (
    BazTrajectoryMunicipality,
    CorrectionRequest,
    CorrectionRequestStatus,
    Entry,
    EntryEvent,
    EntryEventKind,
    EntryKind,
    EntryStatus,
    SupportOffer,
)
from baz.atlas.versioning import data_version_bump
from baz.core.models import Municipality, PostalCode
from baz.mail.services import email_queue

if TYPE_CHECKING:
    from baz.accounts.models import User
    from baz.accounts.permissions import UserLike

SUBMISSION_SALT = "baz.atlas.confirm-submission"
FRESHNESS_SALT = "baz.atlas.confirm-fresh"
# Where the content of a pending revision keeps many-to-many choices, which Wagtail's
# revisions do not store for plain ManyToManyFields.
PENDING_M2M_KEY = "_atlas_m2m"

M2M_FIELDS = ("themes", "werkvormen", "target_groups", "served_municipalities")
# What a person may set through the front-end forms; staff-only and lifecycle fields are not.
EDITABLE_FIELDS = (
    "name",
    "summary",
    "description",
    "municipality",
    "street",
    "postal_code",
    "place",
    "how_to_join",
    "cost",
    "languages",
    "accessibility",
    "contact_name",
    "contact_phone",
    "contact_email",
    "show_contact_name",
    "show_contact_phone",
    "show_contact_email",
    "website",
    "image_alt",
    "start_year",
    "contact_point",
    "regulation_url",
    "baz_map_consent",
)
PROPOSABLE_KINDS = (EntryKind.INITIATIVE, EntryKind.ORGANISATION)

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_BLOCK_TAG = re.compile(r"<\s*(p|ul|ol|br)\b", re.IGNORECASE)


class ConflictError(Exception):
    """Someone else saved the entry after this person opened it."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _(
                "Iemand anders heeft deze fiche intussen bewaard. Je wijzigingen zijn niet "
                "bewaard. Open de fiche opnieuw, bekijk de nieuwe versie en breng je "
                "wijzigingen daarna opnieuw aan."
            )
        )


class TokenUnavailable(Exception):
    """A link from an e-mail cannot be used (any more); `reason` says why, for the page."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "invalid", "expired" or "used"


# --- Helpers --------------------------------------------------------------------------------


def description_sanitise(value: str) -> str:
    """Rich text from a front-end form, reduced to the tags the atlas allows.

    Plain text (no block tags) becomes paragraphs: a blank line starts a new one.
    """
    value = (value or "").strip()
    if not value:
        return ""
    if not _BLOCK_TAG.search(value):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
        value = "".join("<p>" + escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def image_check(*, upload: UploadedFile) -> None:
    """Refuse anything but a JPEG, PNG or WebP image within the upload limit."""
    from PIL import Image as PillowImage

    max_size = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if upload.size is not None and upload.size > max_size:
        raise ValidationError(
            {
                "image": _("Deze afbeelding is te groot. Kies een bestand kleiner dan %(mb)s MB.")
                % {"mb": max_size // (1024 * 1024)}
            }
        )
    too_many_pixels = ValidationError(
        {"image": _("Deze afbeelding heeft te veel pixels. Verklein ze en probeer opnieuw.")}
    )
    try:
        upload.seek(0)
        with PillowImage.open(upload) as picture:
            image_format = picture.format
            width, height = picture.size
            picture.verify()
    except PillowImage.DecompressionBombError as error:
        raise too_many_pixels from error
    except Exception as error:
        raise ValidationError(
            {"image": _("Dit bestand is geen afbeelding. Kies een JPG-, PNG- of WebP-bestand.")}
        ) from error
    finally:
        upload.seek(0)
    if width * height > settings.UPLOAD_IMAGE_MAX_PIXELS:
        raise too_many_pixels
    if image_format not in ALLOWED_IMAGE_TYPES:
        raise ValidationError(
            {"image": _("Dit soort afbeelding kan niet. Kies een JPG-, PNG- of WebP-bestand.")}
        )


def _image_store(*, upload: UploadedFile, title: str, user: User | None) -> Any:
    from wagtail.images import get_image_model

    image_check(upload=upload)
    image_model = get_image_model()
    image = image_model(title=title[:255], file=upload, uploaded_by_user=user)
    image.full_clean()
    image.save()
    return image


def _location_set(entry: Entry) -> None:
    """The map point: the postal code's position when the address is in the municipality,
    otherwise the municipality's own position ("in gemeente X")."""
    municipality = entry.municipality
    code = (entry.postal_code or "").strip()
    postal = None
    if code:
        postal = (
            PostalCode.objects.filter(code=code, municipality=municipality, latitude__isnull=False)
            .order_by("pk")
            .first()
        )
    if postal is not None:
        entry.latitude = postal.latitude  # type: ignore[assignment]
        entry.longitude = postal.longitude  # type: ignore[assignment]
        entry.location_is_exact = bool(entry.street.strip())
        return
    if municipality.latitude is None or municipality.longitude is None:
        raise ValidationError(
            {"municipality": _("We kennen de ligging van deze gemeente niet. Kies een andere.")}
        )
    entry.latitude = municipality.latitude
    entry.longitude = municipality.longitude
    entry.location_is_exact = False


def _apply_fields(entry: Entry, data: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Copy the editable fields of `data` onto `entry`; return the many-to-many choices."""
    unknown = set(data) - set(EDITABLE_FIELDS) - set(M2M_FIELDS) - {"support_offers"}
    if unknown:
        raise ValueError(f"Not editable through the atlas services: {sorted(unknown)}")
    for name in EDITABLE_FIELDS:
        if name in data:
            value = data[name]
            if name == "description":
                value = description_sanitise(value)
            elif isinstance(value, str):
                value = value.strip()
            setattr(entry, name, value)
    if "name" in data:
        entry.slug = slugify(entry.name)[:160] or "fiche"
    if (
        any(name in data for name in ("municipality", "postal_code", "street"))
        or not entry.latitude
    ):
        _location_set(entry)
    return {name: list(data[name]) for name in M2M_FIELDS if name in data}


# Each "show" switch and the contact detail it makes public.
CONTACT_SWITCHES = {
    "show_contact_name": "contact_name",
    "show_contact_phone": "contact_phone",
    "show_contact_email": "contact_email",
}


def _contact_state(entry: Entry) -> dict[str, Any]:
    return {name: getattr(entry, name) for pair in CONTACT_SWITCHES.items() for name in pair}


def may_consent_to_contact(user: UserLike | None, entry: Entry) -> bool:
    """Who may make an entry's contact details public: consent is a person's own.

    The owner of an initiative or organisation; for a lokaal-bestuur profile, which belongs
    to the municipality, the people who may publish it (its members, redactie).
    """
    if user is None or not user.is_authenticated:
        return False
    if entry.is_local_government:
        return permissions.can(user, permissions.ENTRY_PUBLISH, entry)
    return entry.owner_id is not None and entry.owner_id == user.pk


def _contact_consent(
    entry: Entry, *, before: Mapping[str, Any], user: UserLike | None, check: bool = True
) -> None:
    """Record who switched a contact detail on; refuse it (and changing a shown detail) to
    anyone but `may_consent_to_contact`. Switching off is always allowed."""
    switched_on = [
        switch for switch in CONTACT_SWITCHES if getattr(entry, switch) and not before[switch]
    ]
    changed_shown = [
        detail
        for switch, detail in CONTACT_SWITCHES.items()
        if getattr(entry, switch) and before[switch] and getattr(entry, detail) != before[detail]
    ]
    if check and (switched_on or changed_shown) and not may_consent_to_contact(user, entry):
        errors: dict[str, str] = {}
        for switch in switched_on:
            errors[switch] = _(
                "Alleen de eigenaar van de fiche kan toestemming geven om contactgegevens te tonen."
            )
        for detail in changed_shown:
            errors[detail] = _(
                "Dit gegeven staat online met de toestemming van de eigenaar. Alleen de "
                "eigenaar kan het wijzigen. Je kan het wel verbergen."
            )
        raise ValidationError(errors)
    if switched_on:
        entry.contact_consent_at = timezone.now()
        entry.contact_consent_by = user if user is not None and user.is_authenticated else None


def _apply_support_offers(entry: Entry, offers: Mapping[str, str] | None) -> None:
    """Set the checklist of a local-government profile: {item: text} for each ticked item."""
    if offers is None:
        return
    if not entry.is_local_government:
        raise ValidationError(_("Alleen een lokaal bestuur heeft een ondersteuningsaanbod."))
    entry.support_offers = [
        SupportOffer(item=item, text=(text or "").strip(), sort_order=index)
        for index, (item, text) in enumerate(offers.items())
    ]


def _set_m2m(entry: Entry, choices: Mapping[str, Iterable[Any]]) -> None:
    for name, values in choices.items():
        getattr(entry, name).set(values)


def _m2m_ids(choices: Mapping[str, Iterable[Any]]) -> dict[str, list[int]]:
    return {
        name: [getattr(value, "pk", value) for value in values] for name, values in choices.items()
    }


def _event(entry: Entry, kind: str, user: UserLike | None = None, message: str = "") -> None:
    event = EntryEvent(
        entry=entry,
        kind=kind,
        user=user if user is not None and user.is_authenticated else None,
        message=message,
    )
    event.full_clean()
    event.save()


def _locked(entry: Entry) -> Entry:
    return Entry.objects.select_for_update().select_related("municipality").get(pk=entry.pk)


# Set on the row by their own services (BAZ staff, the freshness confirmation, the confirmed
# submitter), never through an edit: a revision saved before such a change must not bring the
# old value back when it goes live.
ROW_OWNED_FIELDS = ("baz_collaboration", "last_confirmed_at", "owner_id")


def _publish(entry: Entry, *, user: UserLike | None) -> Entry:
    """Make the in-memory state of `entry` the live version, with status gepubliceerd."""
    if entry.pk:
        current = Entry.objects.filter(pk=entry.pk).values(*ROW_OWNED_FIELDS).first()
        for field, value in (current or {}).items():
            setattr(entry, field, value)
    entry.status = EntryStatus.PUBLISHED
    entry.published_at = entry.published_at or timezone.now()
    entry.full_clean()
    revision = entry.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)
    entry.refresh_from_db()
    return entry


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def submission_token(*, entry: Entry) -> str:
    return signing.dumps({"e": entry.pk}, salt=SUBMISSION_SALT)


def freshness_token(*, entry: Entry) -> str:
    # The date in the token makes the link single-use: confirming moves last_confirmed_at.
    return signing.dumps(
        {"e": entry.pk, "c": entry.last_confirmed_at.isoformat()}, salt=FRESHNESS_SALT
    )


def _load_token(token: str, *, salt: str, max_age_days: int) -> dict[str, Any]:
    try:
        payload = signing.loads(token, salt=salt, max_age=timedelta(days=max_age_days))
    except signing.SignatureExpired as error:
        raise TokenUnavailable("expired") from error
    except signing.BadSignature as error:
        raise TokenUnavailable("invalid") from error
    if not isinstance(payload, dict) or "e" not in payload:
        raise TokenUnavailable("invalid")
    return payload


def submission_max_age_days() -> int:
    return int(getattr(settings, "ATLAS_CONFIRMATION_MAX_AGE_DAYS", 7))


def entry_for_submission_token(*, token: str) -> Entry:
    """The concept entry a confirmation link points to, or `TokenUnavailable`."""
    payload = _load_token(token, salt=SUBMISSION_SALT, max_age_days=submission_max_age_days())
    entry = Entry.objects.filter(pk=payload["e"]).first()
    if entry is None:
        raise TokenUnavailable("invalid")
    if entry.status != EntryStatus.DRAFT or entry.owner_id is not None:
        raise TokenUnavailable("used")
    return entry


def entry_for_freshness_token(*, token: str) -> Entry:
    max_age = int(getattr(settings, "ATLAS_FRESHNESS_LINK_MAX_AGE_DAYS", 60))
    payload = _load_token(token, salt=FRESHNESS_SALT, max_age_days=max_age)
    entry = Entry.objects.filter(pk=payload["e"]).first()
    if entry is None:
        raise TokenUnavailable("invalid")
    if entry.last_confirmed_at.isoformat() != payload.get("c"):
        raise TokenUnavailable("used")
    return entry


# --- Proposing ------------------------------------------------------------------------------


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
    """
    permissions.require(user, permissions.ENTRY_PROPOSE)
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
    before = _contact_state(entry)
    m2m = _apply_fields(entry, data)
    # The person proposing gives their own consent; their account exists only after confirming.
    _contact_consent(entry, before=before, user=None, check=False)
    if image is not None:
        entry.image = _image_store(upload=image, title=entry.name, user=None)
    if not entry.submitter_email:
        raise ValidationError({"submitter_email": _("Vul je e-mailadres in.")})
    entry.full_clean()
    entry.save()
    _set_m2m(entry, m2m)
    token = submission_token(entry=entry)
    email_queue(
        to=entry.submitter_email,
        subject=_("Bevestig je voorstel voor Inspireer elkaar"),
        template="atlas/mail/confirm_submission",
        context={
            "entry": entry,
            "name": submitter_name.strip(),
            "url": _absolute(reverse("atlas_contribute:confirm", kwargs={"token": token})),
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
    entry = _locked(found)
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
    _event(entry, EntryEventKind.SUBMITTED, owner)
    return entry


# --- Moderation -----------------------------------------------------------------------------


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


def moderation_queue() -> Any:
    """Entries that wait for a moderator: new proposals and edits to published entries."""
    from django.db.models import Q

    return (
        Entry.objects.filter(
            Q(status=EntryStatus.SUBMITTED)
            | Q(status=EntryStatus.PUBLISHED, has_unpublished_changes=True)
        )
        .select_related("municipality", "owner")
        .order_by("updated_at")
    )


def _mail_submitter(entry: Entry, *, subject: str, template: str, **context: Any) -> None:
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
    entry = _locked(entry)
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
    working = _publish(working, user=user)
    _set_m2m(working, m2m)
    _event(working, EntryEventKind.PUBLISHED, user)
    _mail_submitter(
        working,
        subject=_("Je fiche staat online op Inspireer elkaar"),
        template="atlas/mail/approved",
        url=_absolute(reverse("atlas_contribute:mijn_entry_edit", kwargs={"pk": working.pk})),
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
    entry = _locked(entry)
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
    _event(entry, EntryEventKind.REJECTED, user, message)
    _mail_submitter(
        entry,
        subject=_("Je fiche op Inspireer elkaar is nog niet goedgekeurd"),
        template="atlas/mail/rejected",
        message=message,
        url=_absolute(reverse("atlas_contribute:mijn_entry_edit", kwargs={"pk": entry.pk})),
    )
    return entry


@transaction.atomic
def entry_publish(*, entry: Entry, user: User) -> Entry:
    """Put an entry online directly: municipality users for their own municipality, redactie."""
    permissions.require(user, permissions.ENTRY_PUBLISH, entry)
    entry = _locked(entry)
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
    working = _publish(working, user=user)
    _set_m2m(working, m2m)
    _event(working, EntryEventKind.PUBLISHED, user)
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
    entry = Entry(
        kind=kind,
        status=EntryStatus.DRAFT,
        live=False,
        has_unpublished_changes=True,
        owner=user,
        submitter_email=user.email,
        latitude=0.0,
        longitude=0.0,
    )
    before = _contact_state(entry)
    m2m = _apply_fields(entry, data)
    _contact_consent(entry, before=before, user=user)
    _apply_support_offers(entry, support_offers)
    entry.full_clean()
    entry.save()
    _set_m2m(entry, m2m)
    entry.save_revision(user=user, log_action=True)
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
    Contact details are switched on only with consent (`may_consent_to_contact`).
    """
    permissions.require(user, permissions.ENTRY_EDIT, entry)
    row = _locked(entry)
    if row.version != expected_version:
        raise ConflictError()
    # Decided before the edit is applied: `working` may be the row itself (no pending edit).
    publishes_here = permissions.can(user, permissions.ENTRY_PUBLISH, row)
    municipality_id = row.municipality_id
    # Start from what the person saw: the pending revision if there is one.
    working = row.get_latest_revision_as_object()
    # Consent and ownership are judged on the row: a revision does not make anyone an owner.
    working.owner_id = row.owner_id
    before = _contact_state(working)
    m2m = _apply_fields(working, data)
    if working.municipality_id != municipality_id and row.is_local_government:
        raise ValidationError(
            {
                "municipality": _(
                    "De gemeente van een profiel van een lokaal bestuur kan je hier niet "
                    "wijzigen. Klopt de gemeente niet? Vraag het aan de redactie."
                )
            }
        )
    _contact_consent(working, before=before, user=user)
    # Moving to another municipality needs the publish right there too.
    publishes_directly = publishes_here and permissions.can(
        user, permissions.ENTRY_PUBLISH, working
    )
    _apply_support_offers(working, support_offers)
    if image is not None:
        working.image = _image_store(upload=image, title=working.name, user=user)
    working.version = row.version + 1
    working.full_clean()

    if publishes_directly and row.status == EntryStatus.PUBLISHED:
        working = _publish(working, user=user)
        _set_m2m(working, m2m)
        return working
    if row.status == EntryStatus.PUBLISHED:
        # The owner's edit: a revision that waits; only the version moves on the row.
        revision = working.save_revision(user=user, log_action=True)
        if m2m:
            content = dict(revision.content)
            content[PENDING_M2M_KEY] = _m2m_ids(m2m)
            revision.content = content
            revision.save(update_fields=["content"])
        Entry.objects.filter(pk=row.pk).update(version=working.version, updated_at=timezone.now())
        _event(row, EntryEventKind.CHANGES_SUBMITTED, user)
        return Entry.objects.get(pk=row.pk)
    working.save()
    _set_m2m(working, m2m)
    working.save_revision(user=user, log_action=True)
    Entry.objects.filter(pk=working.pk).update(has_unpublished_changes=True)
    return Entry.objects.get(pk=working.pk)


@transaction.atomic
def entry_submit(*, entry: Entry, user: User) -> Entry:
    """The owner sends a concept (again) to the moderators, e.g. after a rejection."""
    permissions.require(user, permissions.ENTRY_EDIT, entry)
    entry = _locked(entry)
    if entry.status != EntryStatus.DRAFT:
        raise ValidationError(_("Deze fiche is al ingediend of gepubliceerd."))
    entry.status = EntryStatus.SUBMITTED
    entry.version += 1
    entry.full_clean()
    entry.save()
    _event(entry, EntryEventKind.SUBMITTED, user)
    return entry


@transaction.atomic
def entry_archive(*, entry: Entry, user: User) -> Entry:
    """Take an entry offline for good; it stays in the admin with its history."""
    permissions.require(user, permissions.ENTRY_PUBLISH, entry)
    entry = _locked(entry)
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
    _event(entry, EntryEventKind.ARCHIVED, user)
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
    entry = _locked(entry)
    entry.baz_collaboration = value
    entry.version += 1
    entry.full_clean()
    entry.save()
    return entry


# --- Correction requests and relayed messages (moderators) ---------------------------------


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


# --- Freshness ------------------------------------------------------------------------------


def freshness_cutoff(*, today: date | None = None) -> date:
    months = int(getattr(settings, "ATLAS_FRESHNESS_MONTHS", 12))
    today = today or timezone.localdate()
    return today - timedelta(days=round(months * 365 / 12))


def entry_is_fresh(entry: Entry, *, today: date | None = None) -> bool:
    """False means "niet recent bevestigd": nobody confirmed it within the last 12 months."""
    return entry.last_confirmed_at >= freshness_cutoff(today=today)


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
    entry = _locked(entry)
    entry.last_confirmed_at = timezone.localdate()
    entry.version += 1
    entry.full_clean()
    entry.save(update_fields=["last_confirmed_at", "version", "updated_at"])
    _event(entry, EntryEventKind.CONFIRMED_FRESH, user)
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
            "url": _absolute(reverse("atlas_contribute:confirm_fresh", kwargs={"token": token})),
        },
        related=f"atlas.entry:{entry.pk}",
        secret=True,
    )
    _event(entry, EntryEventKind.FRESHNESS_REMINDER)


@transaction.atomic
def entry_admin_sync(*, entry: Entry, user: User) -> Entry:
    """Wagtail's admin saved, published or unpublished an entry: keep status and version in step.

    Editors in /beheer/ use Wagtail's own buttons; afterwards this sets `status` from `live`
    (live → gepubliceerd; taken offline → concept) and moves the version on, so an open
    /mijn/ form based on the old version is refused instead of overwriting the editor.
    """
    permissions.require(user, permissions.ADMIN_ACCESS)
    row = _locked(entry)
    changes: dict[str, Any] = {"version": row.version + 1}
    if row.live and row.status != EntryStatus.PUBLISHED:
        changes["status"] = EntryStatus.PUBLISHED
        changes["published_at"] = row.published_at or timezone.now()
    elif not row.live and row.status == EntryStatus.PUBLISHED:
        changes["status"] = EntryStatus.DRAFT
    Entry.objects.filter(pk=row.pk).update(**changes)
    data_version_bump()  # update() skips the signals that keep the API's version current
    if changes.get("status") == EntryStatus.PUBLISHED:
        _event(row, EntryEventKind.PUBLISHED, user)
    return Entry.objects.get(pk=row.pk)


def freshness_reminder_due(*, today: date | None = None) -> list[Entry]:
    """Published entries nobody confirmed for 12 months and not reminded in the interval."""
    interval = int(getattr(settings, "ATLAS_FRESHNESS_REMINDER_INTERVAL_DAYS", 30))
    reminded_since = timezone.now() - timedelta(days=interval)
    recently_reminded = EntryEvent.objects.filter(
        kind=EntryEventKind.FRESHNESS_REMINDER, created_at__gte=reminded_since
    ).values("entry_id")
    return list(
        Entry.objects.filter(
            status=EntryStatus.PUBLISHED, last_confirmed_at__lt=freshness_cutoff(today=today)
        )
        .exclude(pk__in=recently_reminded)
        .select_related("owner")
        .order_by("last_confirmed_at", "pk")
    )


# --- Daily digest ---------------------------------------------------------------------------


def digest_recipients() -> Any:
    """Active municipality users: everyone with at least one membership."""
    from baz.accounts.models import User

    return User.objects.filter(is_active=True, memberships__isnull=False).distinct().order_by("pk")


@transaction.atomic
def digest_send(*, user: User, now: Any = None, dry_run: bool = False) -> int:
    """Mail one user what was proposed and published in their municipalities since their
    last digest; returns how many entries the mail lists (0: no mail).

    The receipt moves to `now` also when there was nothing to tell, so a second run the same
    day sends nothing twice.
    """
    from baz.atlas.models import DigestReceipt

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


# --- Where BAZ is active --------------------------------------------------------------------


@transaction.atomic
def baz_trajectory_municipalities_set(*, municipality_ids: Iterable[int]) -> bool:
    """Record the whole set of municipalities where a coaching trajectory makes BAZ active.

    Coaching calls this after every change of a trajectory's state or map consent (and its
    data migration once), with the municipalities that have a trajectory from *intake* up to
    *afgerond* whose municipality consented to be shown. The atlas owns the fact and filters
    on it (`baz_active`) without reading coaching's tables. Idempotent: only differences are
    written; returns whether anything changed. A bookkeeping call from another app, not a
    person's action, so there is no permission to check.
    """
    wanted = set(municipality_ids)
    current = set(BazTrajectoryMunicipality.objects.values_list("municipality_id", flat=True))
    if wanted == current:
        return False
    gone = current - wanted
    if gone:
        BazTrajectoryMunicipality.objects.filter(municipality_id__in=gone).delete()
    for municipality_id in sorted(wanted - current):
        BazTrajectoryMunicipality.objects.create(municipality_id=municipality_id)
    # The baz_active filter is part of the public atlas data (API ETags, cached pages).
    data_version_bump()
    return True
