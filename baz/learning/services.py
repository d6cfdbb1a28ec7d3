"""Writes of the learning module: starting a reflection, saving each step, revoking its link."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from baz.accounts import permissions
from baz.core.models import Municipality
from baz.learning.models import Reflection
from baz.learning.questions import NEED_KEYS, PRIORITIES, SUPPORT_FORM_KEYS
from baz.learning.selectors import AtlasEntry, token_hash

PRIORITY_KEYS = {key for key, _label in PRIORITIES}


@dataclass(frozen=True)
class StartedReflection:
    reflection: Reflection
    token: str  # shown once, in the link; only its hash is stored ("" in a workspace)


@transaction.atomic
def reflection_start(
    *, user: Any = None, municipality: Municipality | None = None
) -> StartedReflection:
    """A new, empty reflection.

    Without a user: reachable only through a new private link, whose token is returned. With
    a user and one of their municipalities: it lives in that municipality's workspace, for
    every member of it, and has no link until someone makes one.
    """
    if user is not None and municipality is not None:
        permissions.require(user, permissions.REFLECTION_START, municipality)
        reflection = Reflection(
            owner=user,
            municipality=municipality,
            in_workspace=True,
            last_activity_at=timezone.now(),
        )
        reflection.full_clean()
        reflection.save()
        return StartedReflection(reflection=reflection, token="")
    token = secrets.token_urlsafe(32)
    reflection = Reflection(token_hash=token_hash(token), last_activity_at=timezone.now())
    reflection.full_clean()
    reflection.save()
    return StartedReflection(reflection=reflection, token=token)


def _require_edit(reflection: Reflection, user: Any) -> None:
    """`user` is None when the reflection was opened through its (checked) private link;
    otherwise it was opened in the workspace and the user must be a member."""
    if user is not None:
        permissions.require(user, permissions.REFLECTION_EDIT, reflection)


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
    user: Any = None,
) -> Reflection:
    """Step 1: the municipality and the citizen initiatives the team knows there.

    A reflection in a workspace stays with its municipality: it cannot be moved into another
    municipality's workspace.
    """
    _require_edit(reflection, user)
    if reflection.in_workspace and reflection.municipality_id != municipality.pk:
        raise PermissionDenied("A reflection in a workspace keeps its municipality")
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
    *, reflection: Reflection, chosen: Mapping[str, str], themes: str, user: Any = None
) -> Reflection:
    """Step 2: which initiatives (by name) the team wants to support, each with its reason."""
    _require_edit(reflection, user)
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
    *,
    reflection: Reflection,
    now: Iterable[str],
    wanted: Iterable[str],
    note: str,
    user: Any = None,
) -> Reflection:
    """Step 3: per support form whether the municipality offers it now and wants to."""
    _require_edit(reflection, user)
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
    *, reflection: Reflection, needs: Mapping[str, tuple[str, str]], user: Any = None
) -> Reflection:
    """Step 4: per need a free text and a priority (hoog, midden, laag)."""
    _require_edit(reflection, user)
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
def reflection_revoke(*, reflection: Reflection, user: Any = None) -> Reflection:
    """The link stops working for everyone, for good.

    A reflection in a workspace stays there for the members of its municipality.
    """
    _require_edit(reflection, user)
    reflection.revoked_at = timezone.now()
    reflection.save(update_fields=["revoked_at"])
    return reflection


@transaction.atomic
def reflection_new_link(*, reflection: Reflection, user: Any = None) -> str:
    """A fresh private link for the same reflection; the old link stops working."""
    _require_edit(reflection, user)
    token = secrets.token_urlsafe(32)
    reflection.token_hash = token_hash(token)
    reflection.revoked_at = None
    reflection.last_activity_at = timezone.now()
    reflection.save(update_fields=["token_hash", "revoked_at", "last_activity_at"])
    return token


@transaction.atomic
def reflection_claim(
    *, reflection: Reflection, user: Any, municipality: Municipality | None = None
) -> Reflection:
    """Move a reflection made by link into the workspace of one of the user's municipalities.

    A reflection about a municipality can only go to that municipality's workspace; one
    without a municipality goes to the one the user chooses. Its link keeps working.
    """
    permissions.require(user, permissions.REFLECTION_CLAIM, reflection)
    target = reflection.municipality if reflection.municipality_id else municipality
    if target is None or (municipality is not None and municipality.pk != target.pk):
        raise PermissionDenied("Choose one of your own municipalities")
    permissions.require(user, permissions.REFLECTION_START, target)
    reflection.municipality = target
    reflection.in_workspace = True
    reflection.owner = user
    reflection.last_activity_at = timezone.now()
    reflection.full_clean()
    reflection.save(update_fields=["municipality", "in_workspace", "owner", "last_activity_at"])
    return reflection


def reflections_purge_expired(*, dry_run: bool = False) -> int:
    """Delete reflections whose link expired or was revoked; returns how many.

    Nobody can open them any more, so keeping the answers serves no one. Reflections in a
    workspace are kept: the members of their municipality still open them there.
    """
    from baz.learning.selectors import idle_limit

    cutoff = timezone.now() - idle_limit()
    stale = (
        Reflection.objects.filter(last_activity_at__lt=cutoff)
        | Reflection.objects.filter(revoked_at__isnull=False)
    ).filter(in_workspace=False)
    if dry_run:
        return stale.count()
    deleted, _detail = stale.delete()
    return deleted
