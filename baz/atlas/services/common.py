"""What the atlas's write modules share: the editable fields, the sanitiser and image check,
the contact-consent rule, events, row locks, making an entry live, and the signed links
of the confirmation and freshness mails.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nh3
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from baz.accounts import permissions
from baz.atlas.models import Entry, EntryEvent, EntryKind, EntryStatus, SupportOffer
from baz.core.models import PostalCode

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


# --- Helpers shared by the write modules -----------------------------------------------------


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


_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}


def image_store(*, upload: UploadedFile, title: str, user: User | None) -> Any:
    from wagtail.images import get_image_model

    image_check(upload=upload)
    # A random file name: the renditions nginx serves directly are named after the original,
    # so the image of a proposal nobody has moderated yet cannot be found by guessing (and the
    # visitor's own file name, which may hold a person's name, is not published).
    extension = Path(upload.name or "").suffix.lower()
    upload.name = secrets.token_hex(12) + (extension if extension in _IMAGE_SUFFIXES else "")
    image_model = get_image_model()
    image = image_model(title=title[:255], file=upload, uploaded_by_user=user)
    image.full_clean()
    image.save()
    return image


def location_set(entry: Entry) -> None:
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


def fields_apply(entry: Entry, data: Mapping[str, Any]) -> dict[str, list[Any]]:
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
        location_set(entry)
    return {name: list(data[name]) for name in M2M_FIELDS if name in data}


# Each "show" switch and the contact detail it makes public.
CONTACT_SWITCHES = {
    "show_contact_name": "contact_name",
    "show_contact_phone": "contact_phone",
    "show_contact_email": "contact_email",
}


def contact_state(entry: Entry) -> dict[str, Any]:
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


def contact_consent_check(
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


def support_offers_apply(entry: Entry, offers: Mapping[str, str] | None) -> None:
    """Set the checklist of a local-government profile: {item: text} for each ticked item."""
    if offers is None:
        return
    if not entry.is_local_government:
        raise ValidationError(_("Alleen een lokaal bestuur heeft een ondersteuningsaanbod."))
    entry.support_offers = [
        SupportOffer(item=item, text=(text or "").strip(), sort_order=index)
        for index, (item, text) in enumerate(offers.items())
    ]


def m2m_set(entry: Entry, choices: Mapping[str, Iterable[Any]]) -> None:
    for name, values in choices.items():
        getattr(entry, name).set(values)


def m2m_ids(choices: Mapping[str, Iterable[Any]]) -> dict[str, list[int]]:
    return {
        name: [getattr(value, "pk", value) for value in values] for name, values in choices.items()
    }


def entry_event_add(
    entry: Entry, kind: str, user: UserLike | None = None, message: str = ""
) -> None:
    event = EntryEvent(
        entry=entry,
        kind=kind,
        user=user if user is not None and user.is_authenticated else None,
        message=message,
    )
    event.full_clean()
    event.save()


def entry_locked(entry: Entry) -> Entry:
    return Entry.objects.select_for_update().select_related("municipality").get(pk=entry.pk)


# Set on the row by their own services (BAZ staff, the freshness confirmation, the confirmed
# submitter), never through an edit: a revision saved before such a change must not bring the
# old value back when it goes live.
ROW_OWNED_FIELDS = ("baz_collaboration", "last_confirmed_at", "owner_id")


def entry_make_live(entry: Entry, *, user: UserLike | None) -> Entry:
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


def absolute_url(path: str) -> str:
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
    return int(settings.ATLAS_CONFIRMATION_MAX_AGE_DAYS)


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
    max_age = int(settings.ATLAS_FRESHNESS_LINK_MAX_AGE_DAYS)
    payload = _load_token(token, salt=FRESHNESS_SALT, max_age_days=max_age)
    entry = Entry.objects.filter(pk=payload["e"]).first()
    if entry is None:
        raise TokenUnavailable("invalid")
    if entry.last_confirmed_at.isoformat() != payload.get("c"):
        raise TokenUnavailable("used")
    return entry
