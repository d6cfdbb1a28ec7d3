"""A cheap version of the public atlas data, for ETags and cached API output.

`data_version()` reads one row by primary key; `data_version_bump()` increments it inside the
writing transaction (an UPDATE, so concurrent writers serialise on the row and a reader never
sees new data under an old version for longer than the writer's transaction). Signals bump it
for every save path — our services, the Wagtail admin, revisions being published — because the
version is a cache key, not a business rule; the bulk writes that skip signals (queryset
`update()`, `bulk_create`) call `data_version_bump()` themselves, which also moves the content
generation of the page and fragment caches on (baz/core/generation.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from baz.atlas.models import DataVersion, Entry, TargetGroup, Theme, Werkvorm
from baz.core.generation import bump_content_generation_after_write as _bump_now_and_after_commit
from baz.core.models import Municipality, Province

_ROW = 1


def data_version() -> tuple[int, datetime]:
    """(counter, changed_at): one primary-key read (plus one insert the very first time)."""
    row = DataVersion.objects.filter(pk=_ROW).values_list("counter", "changed_at").first()
    if row is None:
        created, _created = DataVersion.objects.get_or_create(pk=_ROW)
        return created.counter, created.changed_at
    return row[0], row[1]


def data_version_bump() -> None:
    """Mark the public atlas data as changed (call inside the writing transaction)."""
    updated = DataVersion.objects.filter(pk=_ROW).update(
        counter=F("counter") + 1, changed_at=timezone.now()
    )
    if not updated:
        DataVersion.objects.get_or_create(pk=_ROW, defaults={"counter": 1})
    # The page and fragment caches (baz.core.generation) follow the same bulk writes.
    _bump_now_and_after_commit()


def _bump(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loading fixtures
        return
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return
    data_version_bump()


def _bump_changed(sender: Any, **kwargs: Any) -> None:
    if not kwargs.get("created"):
        _bump(sender, **kwargs)


def connect() -> None:
    """Called once from `AtlasConfig.ready()`."""
    # Taxonomy terms too: the exports carry their slugs and the filter panel their names.
    for model in (Entry, Theme, Werkvorm, TargetGroup):
        post_save.connect(_bump, sender=model, dispatch_uid=f"atlas-version-save-{model}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"atlas-version-delete-{model}")
    # Reference data too: the exports carry municipality names, REFNIS codes and province
    # slugs (load_reference_data saves only the rows that really changed).
    # A new one has no entries yet, so only changes count.
    for model in (Municipality, Province):
        post_save.connect(_bump_changed, sender=model, dispatch_uid=f"atlas-version-save-{model}")
    for relation in (
        Entry.themes.through,
        Entry.werkvormen.through,
        Entry.target_groups.through,
        Entry.served_municipalities.through,
    ):
        m2m_changed.connect(_bump, sender=relation, dispatch_uid=f"atlas-version-{relation}")
