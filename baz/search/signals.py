"""Keep the search index in step with pages and atlas entries.

Signal receivers only call the index services; each service re-reads the object, so the order
and number of signals for one change do not matter. Hooks connected here:

Pages: `page_published`, `page_unpublished`, `post_delete` (any Page class), `post_page_move`,
`page_slug_changed` (the page and its descendants get new URLs), `post_save`/`post_delete` of
`PageViewRestriction` (privacy changes the whole subtree) and `post_save` of `Site` (a new
site root gives pages their URL).
Atlas entries: `post_save`, `post_delete`, the atlas's `entries_written_in_bulk` (an import),
`m2m_changed` of themes and werkvormen, Wagtail's `published`/`unpublished`; the admin hooks in
`wagtail_hooks.py` catch the status change the atlas makes with a queryset update after the
admin's publish and unpublish. A theme, werkvorm or municipality saved or deleted re-indexes
the entries that name it (`post_save`, `pre_delete` + `post_delete`: the links are gone once
the row is).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from baz.search import services

DISPATCH = "baz.search."


def _page_changed(sender: Any, instance: Page, **kwargs: Any) -> None:
    services.page_index(page=instance)


def _page_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        services.page_remove(page_id=instance.pk)


def _page_tree_changed(sender: Any, instance: Page, **kwargs: Any) -> None:
    services.page_tree_index(page=instance)


def _restriction_changed(sender: Any, instance: PageViewRestriction, **kwargs: Any) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        services.page_tree_index(page=page)


def _site_changed(sender: Any, instance: Site, **kwargs: Any) -> None:
    # Wagtail clears its cached site root paths in its own post_save receiver, which may run
    # after this one: clear it first, or the pages would still have no URL.
    Site.clear_site_root_paths_cache()
    page = Page.objects.filter(pk=instance.root_page_id).first()
    if page is not None:
        services.page_tree_index(page=page)


def _entry_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    from baz.atlas.models import Entry

    if isinstance(instance, Entry) and instance.pk is not None:
        services.entry_index(entry_id=instance.pk)


def _entries_written_in_bulk(sender: Any, entry_ids: list[int], **kwargs: Any) -> None:
    services.entries_index(entry_ids=entry_ids)


def _entry_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    services.entry_remove(entry_id=instance.pk)


def _entry_relations_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    from baz.atlas.models import Entry

    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Entry):
        services.entry_index(entry_id=instance.pk)


# Which entry relation names each kind of term; its name is part of the entry's document.
_TERM_RELATIONS = {"Theme": "themes", "Werkvorm": "werkvormen", "Municipality": "municipality"}
_PENDING_TERM_DELETES: dict[tuple[str, int], list[int]] = {}


def _linked_entry_ids(instance: Any) -> list[int]:
    from baz.atlas.models import Entry

    relation = _TERM_RELATIONS[type(instance).__name__]
    return list(Entry.objects.filter(**{relation: instance}).values_list("pk", flat=True))


def _term_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw") or kwargs.get("created"):
        return  # fixtures; a new term is not linked to any entry yet
    services.entries_index(entry_ids=_linked_entry_ids(instance))


def _term_deleting(sender: Any, instance: Any, **kwargs: Any) -> None:
    _PENDING_TERM_DELETES[(sender.__name__, instance.pk)] = _linked_entry_ids(instance)


def _term_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    ids = _PENDING_TERM_DELETES.pop((sender.__name__, instance.pk), [])
    services.entries_index(entry_ids=ids)


def connect() -> None:
    from baz.atlas.models import Entry
    from baz.atlas.signals import entries_written_in_bulk

    page_published.connect(_page_changed, dispatch_uid=DISPATCH + "page_published")
    page_unpublished.connect(_page_changed, dispatch_uid=DISPATCH + "page_unpublished")
    post_delete.connect(_page_deleted, dispatch_uid=DISPATCH + "page_deleted")
    post_page_move.connect(_page_tree_changed, dispatch_uid=DISPATCH + "page_moved")
    page_slug_changed.connect(_page_tree_changed, dispatch_uid=DISPATCH + "page_slug")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=DISPATCH + f"restriction_{signal is post_save}",
        )
    post_save.connect(_site_changed, sender=Site, dispatch_uid=DISPATCH + "site_saved")

    post_save.connect(_entry_changed, sender=Entry, dispatch_uid=DISPATCH + "entry_saved")
    post_delete.connect(_entry_deleted, sender=Entry, dispatch_uid=DISPATCH + "entry_deleted")
    entries_written_in_bulk.connect(
        _entries_written_in_bulk, sender=Entry, dispatch_uid=DISPATCH + "entries_bulk"
    )
    published.connect(_entry_changed, sender=Entry, dispatch_uid=DISPATCH + "entry_published")
    unpublished.connect(_entry_changed, sender=Entry, dispatch_uid=DISPATCH + "entry_unpub")
    from baz.atlas.models import Theme, Werkvorm
    from baz.core.models import Municipality

    for term in (Theme, Werkvorm, Municipality):
        name = term._meta.model_name
        post_save.connect(_term_saved, sender=term, dispatch_uid=DISPATCH + f"{name}_saved")
        pre_delete.connect(_term_deleting, sender=term, dispatch_uid=DISPATCH + f"{name}_del0")
        post_delete.connect(_term_deleted, sender=term, dispatch_uid=DISPATCH + f"{name}_del1")
    for through in (Entry.themes.through, Entry.werkvormen.through):
        m2m_changed.connect(
            _entry_relations_changed,
            sender=through,
            dispatch_uid=DISPATCH + f"entry_m2m_{through._meta.model_name}",
        )
