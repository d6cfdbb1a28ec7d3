"""Admin form widgets shared by the page editors."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from wagtail.blocks import Block
from wagtail.blocks.base import BlockWidget


class DefinitionCachedBlockWidget(BlockWidget):
    """A StreamField widget that serialises its block definitions once per language.

    Wagtail's `BlockWidget` packs the whole block tree (labels, help texts, the rich-text
    toolbar, chooser settings) into JSON for the editor's JavaScript on every request: about
    a tenth of the story editor's server time. That JSON depends only on the code and on the
    admin language, never on the page, the user or the database, so it is built once per
    process and language. Django copies a form's widgets shallowly for every form, so all
    copies share `_definitions`. The page's own blocks and any errors are written per request.
    """

    def __init__(self, block_def: Block, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(block_def, attrs=attrs)
        self._definitions: dict[str | None, tuple[Any, str]] = {}

    def _build_block_json(self) -> None:
        language = translation.get_language()
        cached = self._definitions.get(language)
        if cached is None:
            super()._build_block_json()
            cached = self._definitions.setdefault(language, (self._js_context, self._block_json))
        self._js_context, self._block_json = cached
