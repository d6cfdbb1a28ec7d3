"""`{% stories_about_entry entry %}` and `{% stories_about_municipality municipality %}`.

The atlas pages include one of these to list the stories that mention them, so the atlas does
not need to know how stories are stored. Each costs one query.
"""

from __future__ import annotations

from typing import Any

from django import template

from baz.stories.selectors import stories_for_entry, stories_for_municipality

register = template.Library()


@register.inclusion_tag("stories/_related_stories.html", takes_context=True)
def stories_about_entry(context: dict[str, Any], entry: Any) -> dict[str, Any]:
    return {
        "request": context.get("request"),
        "stories": stories_for_entry(entry),
        "heading_id": "verhalen-titel",
    }


@register.inclusion_tag("stories/_related_stories.html", takes_context=True)
def stories_about_municipality(context: dict[str, Any], municipality: Any) -> dict[str, Any]:
    return {
        "request": context.get("request"),
        "stories": stories_for_municipality(municipality),
        "heading_id": "verhalen-titel",
    }
