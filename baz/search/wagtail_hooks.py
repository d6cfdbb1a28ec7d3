"""Admin hooks: re-index an atlas entry after the atlas's own admin sync has run.

The atlas hooks (`baz.atlas.wagtail_hooks`) set an entry's status with a queryset update after
the admin's create, edit, publish and unpublish, which sends no signal; these run later
(higher order) and index the entry as it is stored then.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail import hooks

from baz.search import services


def _entry_reindex(request: HttpRequest, instance: Any) -> None:
    from baz.atlas.models import Entry

    if isinstance(instance, Entry):
        services.entry_index(entry_id=instance.pk)


for _hook in ("after_create_snippet", "after_edit_snippet", "after_publish", "after_unpublish"):
    hooks.register(_hook, _entry_reindex, order=100)
