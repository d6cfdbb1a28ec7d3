"""Reads of the learning module: screencasts, reflections by link, atlas pre-fill, coaching."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from importlib import import_module
from typing import Any
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import Page

from baz.accounts import permissions
from baz.core.models import Municipality
from baz.learning.models import Reflection, ScreencastPage
from baz.learning.questions import NEEDS, PRIORITIES, REFLECTION_QUESTIONS, SUPPORT_FORMS

COACHING_FALLBACK_EMAIL = "coaching@example.org"
# A reflection in a workspace may have no private link; it travels to the coaching request form
# with a signed, short-lived token instead ("w." + signed id), see `reflection_for_token`.
HANDOFF_PREFIX = "w."
HANDOFF_SALT = "baz.learning.coaching-handoff"
HANDOFF_MAX_AGE = timedelta(days=7)


def screencast_list(*, parent: Page) -> list[ScreencastPage]:
    return list(ScreencastPage.objects.child_of(parent).live().public().order_by("path"))


def screencast_get_live(*, page_id: int) -> ScreencastPage | None:
    """A published, publicly visible screencast: only those have their files served."""
    return ScreencastPage.objects.live().public().filter(pk=page_id).first()


# --- Atlas pre-fill ------------------------------------------------------------------------


@dataclass(frozen=True)
class AtlasEntry:
    """An atlas entry as the reflection tool shows it in step 1."""

    key: str
    name: str
    url: str = ""


def atlas_entries_for_municipality(municipality: Municipality | None) -> list[AtlasEntry]:
    """The published citizen initiatives the atlas has for a municipality, or [] without atlas.

    Contract with the atlas app (`baz.atlas`): its `selectors.municipalities` module offers
    `initiatives_for_municipality(*, municipality) -> Iterable` of objects with `pk`, a
    `name` (or `title`) and optionally `get_absolute_url()`. Until then this returns [].
    """
    if municipality is None or not apps.is_installed("baz.atlas"):
        return []
    atlas_selectors = import_module("baz.atlas.selectors.municipalities")
    lookup = getattr(atlas_selectors, "initiatives_for_municipality", None)
    if lookup is None:
        return []
    entries = []
    for item in lookup(municipality=municipality):
        name = str(getattr(item, "name", "") or getattr(item, "title", "") or item)
        url_method = getattr(item, "get_absolute_url", None)
        entries.append(
            AtlasEntry(key=str(item.pk), name=name, url=url_method() if url_method else "")
        )
    return entries


# --- Reflections by link -------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class LinkState(Enum):
    OK = "ok"
    UNKNOWN = "unknown"
    REVOKED = "revoked"
    EXPIRED = "expired"


def idle_limit() -> timedelta:
    return timedelta(days=settings.REFLECTION_TOKEN_IDLE_DAYS)


def reflection_by_token(*, token: str) -> tuple[LinkState, Reflection | None]:
    """The reflection a private link opens, and whether the link still works.

    A link opens only the reflection whose token hash matches. It stops working when it is
    revoked, or after `REFLECTION_TOKEN_IDLE_DAYS` days without activity.
    """
    if not token or len(token) > 100:
        return LinkState.UNKNOWN, None
    reflection = (
        Reflection.objects.select_related("municipality")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if reflection is None:
        return LinkState.UNKNOWN, None
    if reflection.revoked_at is not None:
        return LinkState.REVOKED, None
    if reflection.last_activity_at < timezone.now() - idle_limit():
        return LinkState.EXPIRED, None
    return LinkState.OK, reflection


# --- Reflections in the workspace ----------------------------------------------------------


def reflection_list_for_user(*, user: Any) -> list[Reflection]:
    """The reflections in the workspaces of the user's municipalities, most recent first."""
    municipality_ids = list(permissions.municipality_roles(user))
    if not municipality_ids:
        return []
    return list(
        Reflection.objects.in_workspace()
        .filter(municipality_id__in=municipality_ids)
        .select_related("municipality")
        .order_by("-last_activity_at")
    )


def reflection_get_for_user(
    *, user: Any, pk: int, action: str = permissions.REFLECTION_VIEW
) -> Reflection:
    """A reflection in a workspace, for a member of its municipality.

    Raises `Reflection.DoesNotExist` when there is none and `PermissionDenied` when the user
    may not (a user of another municipality never may).
    """
    reflection = Reflection.objects.select_related("municipality").get(pk=pk)
    permissions.require(user, action, reflection)
    return reflection


def reflection_claimable_municipalities(*, user: Any, reflection: Reflection) -> list[Municipality]:
    """The municipalities the user may move this link reflection into (empty: none)."""
    if not permissions.can(user, permissions.REFLECTION_CLAIM, reflection):
        return []
    if reflection.municipality_id is not None:
        return [reflection.municipality] if reflection.municipality else []
    ids = list(permissions.municipality_roles(user))
    return list(Municipality.objects.filter(pk__in=ids).order_by("name_nl"))


# --- Reflections for other apps (coaching) -------------------------------------------------


def _handoff_signer() -> signing.TimestampSigner:
    # "." as separator keeps the token URL-safe (the default ":" would be percent-encoded).
    return signing.TimestampSigner(salt=HANDOFF_SALT, sep=".")


def reflection_handoff_token(reflection: Reflection) -> str:
    """A signed token that lets the coaching request form read this workspace reflection."""
    return HANDOFF_PREFIX + _handoff_signer().sign_object(reflection.pk)


def reflection_for_token(token: str) -> Reflection | None:
    """The reflection a coaching request refers to, or None.

    Accepts the token of a private link that still works (not revoked, not expired), or a
    handoff token of a workspace reflection made by `reflection_handoff_token` in the last
    `HANDOFF_MAX_AGE`. Public contract for the coaching app (`?reflectie=<token>`).
    """
    token = (token or "").strip()
    if token.startswith(HANDOFF_PREFIX):
        try:
            pk = _handoff_signer().unsign_object(
                token[len(HANDOFF_PREFIX) :], max_age=HANDOFF_MAX_AGE
            )
        except signing.BadSignature:
            return None
        if not isinstance(pk, int):
            return None
        return (
            Reflection.objects.in_workspace().select_related("municipality").filter(pk=pk).first()
        )
    _state, reflection = reflection_by_token(token=token)
    return reflection


def reflection_initiative_names(reflection: Reflection) -> list[str]:
    """Every initiative the team listed in step 1: ticked atlas entries, then their own."""
    data: dict[str, Any] = reflection.initiatives or {}
    names = [entry["name"] for entry in data.get("atlas", [])]
    names += list(data.get("own", []))
    return names


def reflection_summary(reflection: Reflection) -> dict[str, Any]:
    """Everything the summary page and the PDF show, in the order of the four questions."""
    forms_data = (reflection.support_forms or {}).get("forms", {})
    priorities = dict(PRIORITIES)
    return {
        "reflection": reflection,
        "questions": REFLECTION_QUESTIONS,
        "initiative_names": reflection_initiative_names(reflection),
        "initiatives_comment": (reflection.initiatives or {}).get("comment", ""),
        "chosen": (reflection.support_choices or {}).get("initiatives", []),
        "themes": (reflection.support_choices or {}).get("themes", ""),
        "support_rows": [
            (label, forms_data.get(key, {}).get("now"), forms_data.get(key, {}).get("wanted"))
            for key, label, _help in SUPPORT_FORMS
        ],
        "support_note": (reflection.support_forms or {}).get("note", ""),
        "need_rows": [
            (label, value["text"], priorities.get(value["priority"], ""))
            for key, label, _help in NEEDS
            if (value := (reflection.needs or {}).get(key)) and value.get("text")
        ],
    }


def reflection_summary_data(reflection: Reflection) -> dict[str, Any]:
    """Public name for other apps: the context of `learning/_reflection_summary_block.html`."""
    return reflection_summary(reflection)


# --- Coaching ------------------------------------------------------------------------------


def coaching_request_url(*, reflection: Reflection, token: str, summary_url: str = "") -> str:
    """Where "Vraag coaching aan" leads: the coaching request form once it exists.

    The form gets `?reflectie=<token>`: the private link's token, or a handoff token for a
    reflection in a workspace (see `reflection_for_token`). Until the coaching app offers
    `coaching:request`, a pre-filled e-mail carries the link to the summary (when there is a
    link that works without an account).
    """
    try:
        return reverse("coaching:request") + "?" + "reflectie=" + quote(token, safe="")
    except NoReverseMatch:
        pass
    place = reflection.municipality.name_nl if reflection.municipality else ""
    subject = f"Aanvraag coachingtraject {place}".strip()
    where = (
        f"Onze reflectie vind je hier:\n{summary_url}"
        if summary_url
        else "Ons overzicht van de reflectie voegen we als PDF toe."
    )
    body = (
        "Dag BurgersAanZet,\n\nWij willen graag een coachingtraject aanvragen. "
        f"{where}\n\nMet vriendelijke groeten"
    )
    return (
        f"mailto:{COACHING_FALLBACK_EMAIL}"
        f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )
