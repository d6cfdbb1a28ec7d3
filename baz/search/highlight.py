"""Safe highlighting: escape every piece of stored text, then wrap matching words in <mark>.

Matching is decided with the same Dutch normaliser as the search, word by word, so the words
marked are exactly the ones the database matched ("vrijwilliger" is marked for the query
"vrijwilligers"), on SQLite and PostgreSQL alike. Stored text is never marked safe as it is.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from html import escape

from django.utils.safestring import SafeString, mark_safe

from baz.search.dutch import word_token

_PIECES = re.compile(r"([^\W_]+)", re.UNICODE)
SNIPPET_WORDS = 36
# Only the start of a long text is searched for the first match: a snippet has to be cheap.
SNIPPET_SOURCE_CHARS = 4000
WORDS_BEFORE_MATCH = 10


def _matches(word: str, query_tokens: Collection[str], prefix: bool) -> bool:
    token = word_token(word)
    if token is None:
        return False
    if token in query_tokens:
        return True
    return prefix and any(token.startswith(query) for query in query_tokens)


def _render(pieces: list[str], query_tokens: Collection[str], prefix: bool) -> str:
    out = []
    for index, piece in enumerate(pieces):
        # re.split with one group: words are at odd positions.
        if index % 2 == 1 and _matches(piece, query_tokens, prefix):
            out.append(f"<mark>{escape(piece)}</mark>")
        else:
            out.append(escape(piece))
    return "".join(out)


def highlight(text: str, query_tokens: Collection[str], *, prefix: bool = False) -> SafeString:
    """The whole of `text`, escaped, with the matching words marked."""
    return mark_safe(_render(_PIECES.split(text or ""), query_tokens, prefix))  # noqa: S308 - every piece escaped


def snippet(
    text: str,
    query_tokens: Collection[str],
    *,
    prefix: bool = False,
    words: int = SNIPPET_WORDS,
) -> SafeString:
    """A window of about `words` words around the first match, escaped and marked."""
    pieces = _PIECES.split(" ".join((text or "")[:SNIPPET_SOURCE_CHARS].split()))
    word_positions = list(range(1, len(pieces), 2))
    if not word_positions:
        return mark_safe("")
    first = next(
        (
            number
            for number, position in enumerate(word_positions)
            if _matches(pieces[position], query_tokens, prefix)
        ),
        0,
    )
    start_word = max(0, min(first - WORDS_BEFORE_MATCH, len(word_positions) - words))
    end_word = min(len(word_positions), start_word + words)
    start = 0 if start_word == 0 else word_positions[start_word]
    end = len(pieces) if end_word == len(word_positions) else word_positions[end_word - 1] + 1
    rendered = _render(
        pieces[start:end] if start % 2 == 0 else ["", *pieces[start:end]], query_tokens, prefix
    )
    before = "… " if start_word > 0 else ""
    after = " …" if end_word < len(word_positions) else ""
    return mark_safe(f"{before}{rendered.strip()}{after}")  # noqa: S308 - every piece escaped
