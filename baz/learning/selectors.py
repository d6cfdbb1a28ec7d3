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
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import Page

from baz.core.models import Municipality
from baz.learning.models import Reflection, ScreencastPage
from baz.learning.questions import NEEDS, PRIORITIES, REFLECTION_QUESTIONS, SUPPORT_FORMS

COACHING_FALLBACK_EMAIL = "coaching@example.org"


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

    Contract with the atlas app (`baz.atlas`): its `selectors` module offers
    `initiatives_for_municipality(*, municipality) -> Iterable` of objects with `pk`, a
    `name` (or `title`) and optionally `get_absolute_url()`. Until then this returns [].
    """
    if municipality is None or not apps.is_installed("baz.atlas"):
        return []
    atlas_selectors = import_module("baz.atlas.selectors")
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


# --- Coaching ------------------------------------------------------------------------------


def coaching_request_url(*, reflection: Reflection, summary_url: str) -> str:
    """Where "Vraag coaching aan" leads: the coaching request form once it exists.

    Until the coaching app offers `coaching:request`, a pre-filled e-mail to an example
    address carries the link to the summary.
    """
    try:
        return reverse("coaching:request") + "?" + "reflectie=" + quote(summary_url, safe="")
    except NoReverseMatch:
        pass
    place = reflection.municipality.name_nl if reflection.municipality else ""
    subject = f"Aanvraag coachingtraject {place}".strip()
    body = (
        "Dag BurgersAanZet,\n\nWij willen graag een coachingtraject aanvragen. "
        f"Onze reflectie vind je hier:\n{summary_url}\n\nMet vriendelijke groeten"
    )
    return (
        f"mailto:{COACHING_FALLBACK_EMAIL}"
        f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )
