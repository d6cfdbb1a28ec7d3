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
from html.parser import HTMLParser
from typing import Any

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


# --- Descriptions as plain text in the front-end forms ----------------------------------------
#
# People in /mijn/ and on the public proposal form write a description as plain text: a blank
# line starts a paragraph, lines that start with "- " make a bulleted list, lines that start
# with "1. " a numbered one, and a web address becomes a link. They never see tag codes: the
# form shows the stored HTML converted back to that text (`description_html_to_text`) and
# stores what they write as HTML (`description_text_to_html`), which the services clean again.

_BULLET = re.compile(r"^\s*[-*•]\s+")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+")


def _inline(text: str) -> str:
    """One line of text as safe HTML, web addresses as links."""
    from django.utils.html import urlize

    return str(urlize(text, nofollow=True, autoescape=True))


# The codes the old help text taught (<p>, <strong>, <a href>...). Text that still uses them
# (an old habit, a copied description) is read as those codes rather than shown as tags.
TAG_CODE = re.compile(r"</?(?:p|br|strong|b|em|i|ul|ol|li|a)(?:\s[^<>]*)?/?>", re.IGNORECASE)


def description_text_to_html(text: str) -> str:
    """Plain text from a form as the HTML an entry stores (not yet sanitised)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    if TAG_CODE.search(text):
        if re.search(r"<\s*(?:p|ul|ol)\b", text, re.IGNORECASE):
            return text
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        return "".join("<p>" + p.replace("\n", "<br>") + "</p>" for p in paragraphs)
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [line.rstrip() for line in paragraph.strip().split("\n") if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines):
            items = "".join(f"<li>{_inline(_BULLET.sub('', line))}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        elif all(_NUMBERED.match(line) for line in lines):
            items = "".join(f"<li>{_inline(_NUMBERED.sub('', line))}</li>" for line in lines)
            blocks.append(f"<ol>{items}</ol>")
        else:
            blocks.append("<p>" + "<br>".join(_inline(line.strip()) for line in lines) + "</p>")
    return "".join(blocks)


class _TextExtractor(HTMLParser):
    """Stored description HTML → the plain text the form shows (see the rules above)."""

    BLOCKS = {"p", "ul", "ol", "div", "h2", "h3", "h4", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.lists: list[list[Any]] = []  # [kind, counter] per open list
        self.href: str | None = None
        self.link_text: list[str] = []

    def _flush(self) -> None:
        text = "".join(self.current).strip()
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag, 0])
        elif tag == "li":
            if self.current and "".join(self.current).strip():
                self.current.append("\n")
            if self.lists:
                self.lists[-1][1] += 1
                kind, number = self.lists[-1]
                self.current.append("- " if kind == "ul" else f"{number}. ")
            else:
                self.current.append("- ")
        elif tag in self.BLOCKS:
            self._flush()
        elif tag == "br":
            self.current.append("\n")
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
            self.link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href is not None:
            text = "".join(self.link_text).strip()
            href = self.href
            self.href = None
            shown = href.removeprefix("mailto:")
            if not text or text in (href, shown) or not href:
                self.current.append(text or shown)
            else:
                self.current.append(f"{text} ({shown})")
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self._flush()
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        data = re.sub(r"\s+", " ", data)
        if self.href is not None:
            self.link_text.append(data)
        else:
            self.current.append(data)

    def text(self) -> str:
        self._flush()
        return "\n\n".join(
            "\n".join(line.strip() for line in block.split("\n")) for block in self.blocks
        )


def description_html_to_text(html: str) -> str:
    """What a stored description looks like in the form: paragraphs, lists and addresses."""
    if not html:
        return ""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return parser.text()


# --- The summary and the description, without saying the same thing twice -------------------
#
# An entry's page shows its summary as the lead and its description below. People (and old
# imports) often start the description with the summary again. Compared loosely: tags, case,
# runs of white space and the punctuation at the end do not count.

_FIRST_BLOCK = re.compile(r"^\s*<p\b[^>]*>(?P<text>.*?)</p>\s*", re.IGNORECASE | re.DOTALL)
_TRAILING_PUNCTUATION = " \t\n.,;:!?\u2026-\u2013\u2014"


def _plain(html: str) -> str:
    """Text of an HTML fragment, compared loosely: no tags, one space, lower case."""
    from html import unescape

    text = unescape(re.sub(r"<[^>]*>", " ", html))
    return re.sub(r"\s+", " ", text).strip().casefold().rstrip(_TRAILING_PUNCTUATION)


def description_after_summary(html: str, summary: str) -> tuple[str, bool]:
    """The description to show under `summary`, and whether the summary is still needed.

    A first paragraph that says exactly the summary is left out of the description. A first
    paragraph that starts with the summary and goes on keeps its place: then the summary is
    not shown separately (False), as the description already begins with it.
    """
    wanted = _plain(summary or "")
    match = _FIRST_BLOCK.match(html or "")
    if not wanted or match is None:
        return html, True
    first = _plain(match.group("text"))
    if first == wanted:
        return html[match.end() :], True
    if first.startswith(wanted) and not first[len(wanted)].isalnum():
        return html, False
    return html, True
