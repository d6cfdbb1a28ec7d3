"""Text normalisation shared by lookups and search, so every database matches the same way."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalize(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse whitespace.

    'Sint-Lambrechts-Woluwe' → 'sint lambrechts woluwe', 'Liège' → 'liege',
    's-Gravenbrakel → 's gravenbrakel'. Used on both stored text and query text.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", without_accents.lower()).split())
