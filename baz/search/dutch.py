"""The one Dutch normaliser for site search: index text and query text both go through it.

Neither database stems Dutch well enough on its own: PostgreSQL's `dutch` configuration stems
"buurtinitiatieven" to "buurtinitiatiev" but "buurtinitiatief" to itself, and SQLite FTS5 has
no Dutch stemmer at all. So both sides are normalised here, in Python, before the database sees
them: lower-case and accent-free (`baz.core.text.normalize`), split into words, common function
words dropped, each word stemmed with the Snowball "dutch_porter" stemmer (the algorithm
PostgreSQL's `dutch` configuration uses), and the stems then evened out for the spelling
alternations the stemmer leaves: a plural whose stem still ends in s is stemmed once more,
as the singular is (fietsen → fiets → fiet, like fiets → fiet); a final doubled consonant is
undoubled (gezinn → gezin); a final v becomes f and a final z becomes s
(buurtinitiatiev → buurtinitiatief, huiz → huis). Before stemming, a diminutive loses its
ending (soepje → soep, koffietje → koffie, boompje → boom, gezinnetje → gezin) and a plural
with an apostrophe or after é loses its s (buddy's → buddy, cafés → café). The database then
only compares equal tokens, so SQLite and PostgreSQL find the same documents.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from baz.core.text import normalize

# Words, after `normalize`: runs of letters and digits (the underscore is not part of a word).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Function words that carry no meaning for search. Dropped on both sides, so "de vrijwilligers"
# finds the same as "vrijwilligers" on every database (PostgreSQL would drop them, FTS5 not).
_STOPWORDS_TEXT = """
    aan al alle als bij dan dat de den der des deze die dit door dus een en er had heb hebben
    heeft het hier hij hoe hun ik in is je jij ze zij zich zijn kan kon maar me men met mij mijn
    na naar niet nog nu of om omdat ook op over te tot u uit van veel voor was waren wat wel
    werd wie wij wordt worden zo zonder zou
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_DOUBLE_FINAL = re.compile(r"([b-df-hj-np-tv-z])\1$")
_MAX_WORD_LENGTH = 60

_stemmer = snowballstemmer.stemmer("dutch_porter")

# "buddy's", "foto's": the plural with an apostrophe; "cafés", "comités": the plural of a word
# on é. Both lose their s before the accents and the apostrophe go, so they meet the singular.
_APOSTROPHE_PLURAL = re.compile(r"(?<=[^\W_])['\u2019`]s\b", re.UNICODE)
_ACCENT_PLURAL = re.compile(r"(?<=[éÉ])[sS]\b")

_VOWELS = frozenset("aeiouy")
# A t before the ending -je belongs to the ending after these sounds (koffie-tje, vrouw-tje),
# to the word after a long vowel written double (straat-je, boot-je).
_T_ENDING_AFTER = ("ie", "oe", "ou", "ei", "ij", "ui", "eu", "w")
_LONG_PAIRS = frozenset({"aa", "ee", "oo", "uu", "ie", "oe", "ou", "ei", "ij", "ui", "eu"})


def _without_diminutive(word: str) -> str:
    """The word a diminutive is made from: huisje → huis, koffietje → koffie, boompje → boom,
    gezinnetje → gezin, stoeltje → stoel, straatje → straat. Without a dictionary some forms
    stay ambiguous (buurtje keeps its t like kaartje, deurtje keeps it too); both sides of the
    search get the same answer, so only those few diminutives miss their base word."""
    if word.endswith("jes"):
        base = word[:-3]
    elif word.endswith("je"):
        base = word[:-2]
    else:
        return word
    if len(base) < 3 or base[-1] in _VOWELS:
        return word
    if base.endswith("et") and len(base) >= 5 and base[-3] == base[-4] and base[-3] not in _VOWELS:
        return base[:-3]  # gezinnetje → gezin, bolletje → bol
    if base.endswith("mp") and (base[-4:-2] in _LONG_PAIRS or base[-3] in "lre"):
        return base[:-1]  # boompje → boom, filmpje → film (lampje keeps lamp)
    if base.endswith("t") and len(base) >= 4:
        before = base[:-1]
        if before.endswith(_T_ENDING_AFTER):
            return before  # koffietje → koffie, vrouwtje → vrouw
        if before[-1] in "ln" and (before[-3:-1] in _LONG_PAIRS or before[-2] == "e"):
            return before  # stoeltje → stoel, tuintje → tuin, babbeltje → babbel
    return base


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The search token of one normalised word (lower-case, no accents)."""
    if word.isdigit() or len(word) > _MAX_WORD_LENGTH:
        return word[:_MAX_WORD_LENGTH]
    word = _without_diminutive(word)
    token = str(_stemmer.stemWord(word))
    if token != word and token.endswith("s"):
        # "fietsen" → "fiets", but "fiets" itself → "fiet": a second pass removes that s too.
        token = str(_stemmer.stemWord(token))
    token = _DOUBLE_FINAL.sub(r"\1", token)
    if token.endswith("v"):
        token = token[:-1] + "f"
    elif token.endswith("z"):
        token = token[:-1] + "s"
    return token


def words(text: str) -> list[str]:
    """The normalised words of `text`, in order, function words included."""
    text = _ACCENT_PLURAL.sub("", _APOSTROPHE_PLURAL.sub("", text or ""))
    return _WORD.findall(normalize(text))


def tokens(text: str) -> list[str]:
    """The search tokens of `text`, in order: normalised, without function words, stemmed."""
    return [stem(word) for word in words(text) if word not in STOPWORDS]


def normalise(text: str) -> str:
    """The search tokens of `text` joined by spaces: what is stored and what is queried."""
    return " ".join(tokens(text))


@lru_cache(maxsize=50_000)
def word_token(word: str) -> str | None:
    """The token of a single word as written in a text (None for a function word)."""
    found = words(word)
    if not found:
        return None
    first = found[0]
    return None if first in STOPWORDS else stem(first)
