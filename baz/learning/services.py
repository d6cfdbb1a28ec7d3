"""Writes of the learning module: starting a reflection, saving each step, revoking its link."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from baz.core.models import Municipality
from baz.core.ratelimit import hit_count
from baz.learning.models import Reflection
from baz.learning.questions import NEED_KEYS, PRIORITIES, SUPPORT_FORM_KEYS
from baz.learning.selectors import AtlasEntry, token_hash

PRIORITY_KEYS = {key for key, _label in PRIORITIES}


@dataclass(frozen=True)
class StartedReflection:
    reflection: Reflection
    token: str  # shown once, in the link; only its hash is stored


@transaction.atomic
def reflection_start() -> StartedReflection:
    """A new, empty reflection and the token of its private link."""
    token = secrets.token_urlsafe(32)
    reflection = Reflection(token_hash=token_hash(token), last_activity_at=timezone.now())
    reflection.full_clean()
    reflection.save()
    return StartedReflection(reflection=reflection, token=token)


def _touch(reflection: Reflection, step: int, fields: list[str]) -> None:
    reflection.last_activity_at = timezone.now()
    reflection.steps_done = max(reflection.steps_done, step)
    reflection.full_clean()
    reflection.save(update_fields=[*fields, "last_activity_at", "steps_done"])


@transaction.atomic
def reflection_save_initiatives(
    *,
    reflection: Reflection,
    municipality: Municipality,
    atlas_entries: Iterable[AtlasEntry],
    own: Iterable[str],
    comment: str,
) -> Reflection:
    """Step 1: the municipality and the citizen initiatives the team knows there."""
    if reflection.municipality_id != municipality.pk:
        # Another municipality: choices about the previous one's initiatives no longer apply.
        reflection.support_choices = {}
    reflection.municipality = municipality
    reflection.initiatives = {
        "atlas": [{"key": e.key, "name": e.name} for e in atlas_entries],
        "own": [name.strip() for name in own if name.strip()],
        "comment": comment.strip(),
    }
    _touch(reflection, 1, ["municipality", "initiatives", "support_choices"])
    return reflection


@transaction.atomic
def reflection_save_support_choices(
    *, reflection: Reflection, chosen: Mapping[str, str], themes: str
) -> Reflection:
    """Step 2: which initiatives (by name) the team wants to support, each with its reason."""
    reflection.support_choices = {
        "initiatives": [
            {"name": name, "motivation": motivation.strip()} for name, motivation in chosen.items()
        ],
        "themes": themes.strip(),
    }
    _touch(reflection, 2, ["support_choices"])
    return reflection


@transaction.atomic
def reflection_save_support_forms(
    *, reflection: Reflection, now: Iterable[str], wanted: Iterable[str], note: str
) -> Reflection:
    """Step 3: per support form whether the municipality offers it now and wants to."""
    now_set, wanted_set = set(now), set(wanted)
    unknown = (now_set | wanted_set) - set(SUPPORT_FORM_KEYS)
    if unknown:
        raise ValueError(f"Unknown support forms: {sorted(unknown)}")
    reflection.support_forms = {
        "forms": {
            key: {"now": key in now_set, "wanted": key in wanted_set} for key in SUPPORT_FORM_KEYS
        },
        "note": note.strip(),
    }
    _touch(reflection, 3, ["support_forms"])
    return reflection


@transaction.atomic
def reflection_save_needs(
    *, reflection: Reflection, needs: Mapping[str, tuple[str, str]]
) -> Reflection:
    """Step 4: per need a free text and a priority (hoog, midden, laag)."""
    saved = {}
    for key in NEED_KEYS:
        text, priority = needs.get(key, ("", ""))
        if priority and priority not in PRIORITY_KEYS:
            raise ValueError(f"Unknown priority: {priority}")
        saved[key] = {"text": text.strip(), "priority": priority}
    reflection.needs = saved
    _touch(reflection, 4, ["needs"])
    return reflection


def reflection_touch(*, reflection: Reflection) -> None:
    """Opening a reflection by its link counts as activity (at most one write per hour)."""
    now = timezone.now()
    if now - reflection.last_activity_at > timedelta(hours=1):
        Reflection.objects.filter(pk=reflection.pk).update(last_activity_at=now)
        reflection.last_activity_at = now


@transaction.atomic
def reflection_revoke(*, reflection: Reflection) -> Reflection:
    """The link stops working for everyone, for good."""
    reflection.revoked_at = timezone.now()
    reflection.save(update_fields=["revoked_at"])
    return reflection


@transaction.atomic
def reflection_new_link(*, reflection: Reflection) -> str:
    """A fresh private link for the same reflection; the old link stops working."""
    token = secrets.token_urlsafe(32)
    reflection.token_hash = token_hash(token)
    reflection.last_activity_at = timezone.now()
    reflection.save(update_fields=["token_hash", "last_activity_at"])
    return token


def reflections_purge_expired(*, dry_run: bool = False) -> int:
    """Delete reflections whose link expired or was revoked; returns how many.

    Nobody can open them any more, so keeping the answers serves no one.
    """
    from baz.learning.selectors import idle_limit

    cutoff = timezone.now() - idle_limit()
    stale = Reflection.objects.filter(last_activity_at__lt=cutoff) | Reflection.objects.filter(
        revoked_at__isnull=False
    )
    if dry_run:
        return stale.count()
    deleted, _detail = stale.delete()
    return deleted


# --- Abuse protection ----------------------------------------------------------------------


def rate_limit_hit(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit for `key`; True while the key stays within `limit` hits per window.

    A fixed-window limiter on the shared cache (`baz.core.ratelimit`): enough to stop a
    script from filling the database through a public form.
    """
    return hit_count(key=f"ratelimit:{key}", window_seconds=window_seconds) <= limit
