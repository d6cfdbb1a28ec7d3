"""`{% stories_about_entry entry %}` and `{% stories_about_municipality municipality %}`.

The atlas pages include one of these to list the stories that mention them, so the atlas does
not need to know how stories are stored. The entry page renders the list at once (one query).
The municipality page asks for it with htmx once it has loaded, so that page keeps its query
budget; without JavaScript that list is simply not shown (the stories still link to the
municipality, and the story index filters by municipality).
"""

from __future__ import annotations

from typing import Any

from django import template

from baz.stories.selectors import stories_for_entry

register = template.Library()


@register.inclusion_tag("stories/_related_stories.html", takes_context=True)
def stories_about_entry(context: dict[str, Any], entry: Any) -> dict[str, Any]:
    return {
        "request": context.get("request"),
        "stories": stories_for_entry(entry),
        "heading_id": "verhalen-titel",
    }


@register.inclusion_tag("stories/_related_stories_lazy.html")
def stories_about_municipality(municipality: Any) -> dict[str, Any]:
    return {"municipality": municipality}
