"""For data migrations: give existing installs a rewritten starting text, but only where it
is still the text a fresh install wrote, so an editor's change is never overwritten.

A page's text lives in three places: the page row (what visitors see), its live revision and
its latest revision (what the editor opens, and what publishing writes back). Each place is
replaced on its own, only while it still holds the old text; older revisions are history and
stay as they were.
"""

from __future__ import annotations

from typing import Any

from django.utils.deconstruct import deconstructible
from wagtail.blocks.migrations.operations import BaseBlockOperation


def page_text_replace(
    apps: Any, app_label: str, model_name: str, field: str, old: str, new: str
) -> None:
    """Set the text `field` of each `model_name` page from `old` to `new` where it is `old`."""
    model = apps.get_model(app_label, model_name)
    revision_model = apps.get_model("wagtailcore", "Revision")
    for page in model.objects.all():
        if getattr(page, field) == old:
            model.objects.filter(pk=page.pk).update(**{field: new})
        revision_ids = {page.latest_revision_id, page.live_revision_id} - {None}
        for revision in revision_model.objects.filter(pk__in=revision_ids):
            if revision.content.get(field) == old:
                revision.content[field] = new
                revision.save(update_fields=["content"])


@deconstructible
class ReplaceUnchangedValue(BaseBlockOperation):
    """A StreamField operation for `MigrateStreamData`: a block whose value is exactly `old`
    becomes `new`; a block an editor changed keeps its value."""

    def __init__(self, old: Any, new: Any) -> None:
        super().__init__()
        self.old = old
        self.new = new

    def apply(self, block_value: Any) -> Any:
        return self.new if block_value == self.old else block_value

    @property
    def operation_name_fragment(self) -> str:
        return "replace_unchanged_value"
