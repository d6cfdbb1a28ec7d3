"""Places in the atlas pages where other apps add content, without the atlas knowing them.

An app registers a provider for a slot at start-up (`AppConfig.ready`); the atlas templates
render a slot with `{% load atlas_slots %}{% atlas_slot "entry_related" entry %}`. A provider
receives the template context and the slot's object and returns `(template name, context)`
to render, or None to add nothing. The stories app fills `entry_related` and
`municipality_related` with the stories that mention the entry or municipality, so the atlas
does not load the stories app's template tags.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

#: The slots the atlas templates render.
ENTRY_RELATED = "entry_related"
MUNICIPALITY_RELATED = "municipality_related"
SLOTS = (ENTRY_RELATED, MUNICIPALITY_RELATED)

SlotProvider = Callable[[Any, Any], "tuple[str, Mapping[str, Any]] | None"]

_providers: dict[str, dict[str, SlotProvider]] = {}


def register_slot(slot: str, key: str, provider: SlotProvider) -> None:
    """Render `provider(context, obj)` in `slot`; `key` names it (registering again replaces)."""
    if slot not in SLOTS:
        raise ValueError(f"Unknown atlas slot {slot!r}; known: {', '.join(SLOTS)}")
    _providers.setdefault(slot, {})[key] = provider


def slot_providers(slot: str) -> list[SlotProvider]:
    return list(_providers.get(slot, {}).values())
