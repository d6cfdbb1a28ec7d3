"""`{% stories_about_entry entry %}` and `{% stories_about_municipality municipality %}`.

The atlas pages show these through their slots (`baz.atlas.slots`, registered in
`StoriesConfig.ready`) to list the stories that mention them, so the atlas neither loads
this library nor needs to know how stories are stored. The entry page renders the list at
once (one query). The municipality page asks for it with htmx once it has loaded, so that page
keeps its query budget; without JavaScript that list is simply not shown (the stories still
link to the municipality, and the story index filters by municipality).
"""

from __future__ import annotations

from typing import Any

from django import template

from baz.stories.selectors import stories_for_entry

register = template.Library()


ENTRY_TEMPLATE = "stories/_related_stories.html"
MUNICIPALITY_TEMPLATE = "stories/_related_stories_lazy.html"


@register.inclusion_tag(ENTRY_TEMPLATE, takes_context=True)
def stories_about_entry(context: Any, entry: Any) -> dict[str, Any]:
    return {
        "request": context.get("request"),
        "stories": stories_for_entry(entry),
        "heading_id": "verhalen-titel",
    }


@register.inclusion_tag(MUNICIPALITY_TEMPLATE)
def stories_about_municipality(municipality: Any) -> dict[str, Any]:
    return {"municipality": municipality}


def entry_related_slot(context: Any, entry: Any) -> tuple[str, dict[str, Any]]:
    """The atlas slot `entry_related`: what `{% stories_about_entry %}` renders."""
    return ENTRY_TEMPLATE, stories_about_entry(context, entry)


def municipality_related_slot(context: Any, municipality: Any) -> tuple[str, dict[str, Any]]:
    """The atlas slot `municipality_related`: what `{% stories_about_municipality %}` renders."""
    return MUNICIPALITY_TEMPLATE, stories_about_municipality(municipality)
