"""Signal receivers of the atlas that carry business rules (the cache version is in versioning)."""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal
from wagtail.signals import published

from baz.atlas.models import Entry

# Sent after entries were written in bulk (`bulk_create`, which sends no `post_save`), with
# `entry_ids`: the search index listens, so imported entries are found at once.
entries_written_in_bulk = Signal()


def _published(sender: Any, instance: Entry, revision: Any = None, **kwargs: Any) -> None:
    from baz.atlas.services.editing import entry_revision_m2m_apply

    entry_revision_m2m_apply(entry=instance, revision=revision)


def connect() -> None:
    published.connect(_published, sender=Entry, dispatch_uid="atlas_entry_m2m_on_publish")
