"""Writes to the site-search index: the one door through which documents enter and leave it.

What is indexed:
- every live, public Wagtail page that has a URL (no view restriction on it or an ancestor);
  text = title + search description + `search_body_text()` when the page class defines it,
  else the text of its own rich-text, StreamField and text fields; kind = the class attribute
  `search_kind` when defined, else "pagina";
- every published atlas entry (status gepubliceerd); concept, submitted and archived entries
  leave the index.

Each function reads the object's current state from the database, so calling one twice or in
the wrong order does no harm: the last call wins with what is really stored.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction

from baz.search.dutch import normalise
from baz.search.models import SearchDocument, SearchGroup

# Kinds that have a filter group of their own; every other page kind is a "pagina".
GROUP_OF_KIND = {
    "verhaal": SearchGroup.STORY,
    "praktijkvoorbeeld": SearchGroup.PRACTICE,
    "burgerinitiatief": SearchGroup.ATLAS,
    "lokaal-bestuur": SearchGroup.ATLAS,
    "organisatie": SearchGroup.ATLAS,
}
PAGE_KIND = "pagina"
BODY_MAX_CHARS = 100_000
BATCH_SIZE = 500


@dataclass(frozen=True)
class DocumentData:
    kind: str
    title: str
    url: str
    body: str
    published_at: datetime | None


_BLOCK_TAG = re.compile(r"<(?=/?(?:p|br|li|ul|ol|h[1-6]|div|blockquote|td|th|tr)\b)", re.IGNORECASE)


def plain_text(value: Any) -> str:
    """Text without HTML tags or entities, whitespace collapsed; blocks keep a space between."""
    spaced = _BLOCK_TAG.sub(" <", str(value or ""))
    return " ".join(html.unescape(strip_tags(spaced)).split())


def _document_fields(data: DocumentData) -> dict[str, Any]:
    body = plain_text(data.body)[:BODY_MAX_CHARS]
    return {
        "kind": data.kind,
        "group": GROUP_OF_KIND.get(data.kind, SearchGroup.PAGE),
        "title": data.title[:255],
        "url": data.url[:500],
        "body": body,
        "normalised_title": normalise(data.title),
        "normalised_body": normalise(body),
        "published_at": data.published_at,
    }


def _store(content_type: ContentType, object_id: int, data: DocumentData | None) -> bool:
    """Insert, update or remove one document; True when it is in the index afterwards."""
    if data is None:
        SearchDocument.objects.filter(content_type=content_type, object_id=object_id).delete()
        return False
    SearchDocument.objects.update_or_create(
        content_type=content_type, object_id=object_id, defaults=_document_fields(data)
    )
    return True


# --- Pages ----------------------------------------------------------------------------------


def _page_content_type() -> ContentType:
    # Every page is referenced through the base Page type, so deleting or moving a page finds
    # its document whatever its specific class.
    return ContentType.objects.get_for_model(Page)


def _restricted_paths() -> list[str]:
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _is_restricted(page: Page, restricted_paths: Iterable[str]) -> bool:
    return any(page.path.startswith(path) for path in restricted_paths)


def page_body_text(page: Page) -> str:
    """The searchable text of a page's own fields (the fallback when it has no contract)."""
    method = getattr(page, "search_body_text", None)
    if callable(method):
        return str(method() or "")
    parts: list[str] = []
    for field in type(page)._meta.get_fields():
        if not isinstance(field, models.Field) or field.model is Page or not field.concrete:
            continue
        value = getattr(page, field.attname, None)
        if not value:
            continue
        if isinstance(field, StreamField):
            parts.extend(str(item) for item in field.get_searchable_content(value))
        elif isinstance(field, RichTextField | models.TextField):
            parts.append(plain_text(value))
    return "\n".join(parts)


def page_document_data(
    page: Page, *, restricted_paths: Iterable[str] | None = None
) -> DocumentData | None:
    """What a page contributes to the index, or None when it must not be found."""
    if page.depth <= 1 or not page.live:
        return None
    if _is_restricted(page, _restricted_paths() if restricted_paths is None else restricted_paths):
        return None
    specific = page.specific
    url = specific.get_url()
    if not url:
        return None
    kind = str(getattr(specific, "search_kind", "") or PAGE_KIND)
    body = "\n".join(
        part for part in (specific.search_description, page_body_text(specific)) if part
    )
    return DocumentData(
        kind=kind,
        title=specific.title,
        url=url,
        body=body,
        published_at=specific.last_published_at or specific.first_published_at,
    )


def page_index(*, page: Page) -> bool:
    """Bring one page's document up to date (add, change or remove)."""
    fresh = Page.objects.filter(pk=page.pk).first()
    data = page_document_data(fresh) if fresh is not None else None
    return _store(_page_content_type(), page.pk, data)


def page_remove(*, page_id: int) -> None:
    _store(_page_content_type(), page_id, None)


def page_tree_index(*, page: Page) -> int:
    """Re-index a page and all its descendants (after a move, a slug or privacy change)."""
    restricted = _restricted_paths()
    content_type = _page_content_type()
    indexed = 0
    with transaction.atomic():
        for node in Page.objects.filter(path__startswith=page.path).specific().iterator():
            indexed += _store(
                content_type, node.pk, page_document_data(node, restricted_paths=restricted)
            )
    return indexed


# --- Atlas entries --------------------------------------------------------------------------


def _entry_queryset() -> Any:
    from baz.atlas.models import Entry

    return Entry.objects.select_related("municipality").prefetch_related("themes", "werkvormen")


def entry_document_data(entry: Any) -> DocumentData | None:
    from baz.atlas.models import EntryStatus

    if entry.status != EntryStatus.PUBLISHED:
        return None
    parts = [
        entry.summary,
        plain_text(entry.description),
        " ".join(theme.name for theme in entry.themes.all()),
        " ".join(werkvorm.name for werkvorm in entry.werkvormen.all()),
        entry.municipality.name_nl,
        entry.place,
    ]
    return DocumentData(
        kind=entry.kind,
        title=entry.name,
        url=entry.get_absolute_url(),
        body="\n".join(part for part in parts if part),
        published_at=entry.published_at,
    )


def _entry_content_type() -> ContentType:
    from baz.atlas.models import Entry

    return ContentType.objects.get_for_model(Entry)


def entry_index(*, entry_id: int) -> bool:
    """Bring one atlas entry's document up to date (add, change or remove)."""
    entry = _entry_queryset().filter(pk=entry_id).first()
    data = entry_document_data(entry) if entry is not None else None
    return _store(_entry_content_type(), entry_id, data)


def entries_index(*, entry_ids: Iterable[int]) -> int:
    """Bring many entries' documents up to date, in batches (after a theme or municipality
    rename: their names are part of every linked entry's document; after a bulk import)."""
    content_type = _entry_content_type()
    ids = sorted(set(entry_ids))
    for batch in _batched(ids, BATCH_SIZE):
        found = {entry.pk: entry for entry in _entry_queryset().filter(pk__in=batch)}
        documents = []
        for pk in batch:
            entry = found.get(pk)
            data = entry_document_data(entry) if entry is not None else None
            if data is not None:
                fields = _document_fields(data)
                documents.append(SearchDocument(content_type=content_type, object_id=pk, **fields))
        # One delete and one insert per batch: an import of thousands of entries costs a few
        # queries, not two per entry.
        SearchDocument.objects.filter(content_type=content_type, object_id__in=batch).delete()
        SearchDocument.objects.bulk_create(documents)
    return len(ids)


def entry_remove(*, entry_id: int) -> None:
    _store(_entry_content_type(), entry_id, None)


# --- Rebuild --------------------------------------------------------------------------------


def _batched(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _replace(content_type: ContentType, documents: Iterable[tuple[int, DocumentData]]) -> int:
    """Make the documents of one content type exactly `documents`, in bulk."""
    SearchDocument.objects.filter(content_type=content_type).delete()
    count = 0
    for batch in _batched(documents, BATCH_SIZE):
        SearchDocument.objects.bulk_create(
            [
                SearchDocument(content_type=content_type, object_id=pk, **_document_fields(data))
                for pk, data in batch
            ]
        )
        count += len(batch)
    return count


def _page_documents() -> Iterator[tuple[int, DocumentData]]:
    restricted = _restricted_paths()
    pages = Page.objects.live().filter(depth__gt=1).specific().iterator(chunk_size=BATCH_SIZE)
    for page in pages:
        data = page_document_data(page, restricted_paths=restricted)
        if data is not None:
            yield page.pk, data


def _entry_documents() -> Iterator[tuple[int, DocumentData]]:
    from baz.atlas.models import EntryStatus

    entries = _entry_queryset().filter(status=EntryStatus.PUBLISHED).order_by("pk")
    for entry in entries.iterator(chunk_size=BATCH_SIZE):
        data = entry_document_data(entry)
        if data is not None:
            yield entry.pk, data


@transaction.atomic
def index_rebuild() -> dict[str, int]:
    """Rebuild the whole index from the database: idempotent, in bulk, in one transaction."""
    page_type, entry_type = _page_content_type(), _entry_content_type()
    SearchDocument.objects.exclude(content_type__in=[page_type, entry_type]).delete()
    return {
        "pages": _replace(page_type, _page_documents()),
        "entries": _replace(entry_type, _entry_documents()),
    }
