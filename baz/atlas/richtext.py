"""Rich text of an entry as safe HTML, and the stored copy that spares every read the work.

Cleaning an entry's description (Wagtail's whitelister over `expand_db_html`) costs a parse
per row; the API page and the entry page would pay it on every request. `Entry.save()` stores
the cleaned HTML in `description_html` instead, so reads only copy a column. Descriptions that
refer to other objects by id (Wagtail's internal page or document links) are the exception:
their URLs can change without the entry being saved, so they are stored as NULL and cleaned
when read, as before.
"""

from __future__ import annotations

import re

from wagtail.rich_text import expand_db_html
from wagtail.whitelist import Whitelister

# Attributes by which Wagtail's stored rich text refers to pages, documents or embeds.
_DB_REFERENCE = re.compile(r"\b(?:linktype|embedtype)\s*=", re.IGNORECASE)


def rich_text_clean(html: str) -> str:
    """Wagtail rich text as safe HTML: links expanded, anything outside the whitelist removed
    (scripts, event handlers, javascript: links), whatever path stored it."""
    if not html:
        return ""
    return str(Whitelister().clean(expand_db_html(html)))


def rich_text_stored(html: str) -> str | None:
    """What `Entry.description_html` holds for `html`: the cleaned HTML, or None when the
    text refers to other objects whose URLs must be looked up when it is read."""
    if html and _DB_REFERENCE.search(html):
        return None
    return rich_text_clean(html)


def rich_text_public(html: str, stored: str | None) -> str:
    """The public HTML of a description, from the stored copy when there is one."""
    return stored if stored is not None else rich_text_clean(html)
