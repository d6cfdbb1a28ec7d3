"""Reads of reference data: municipalities by REFNIS code, postal code or name."""

from __future__ import annotations

import re

from baz.core.models import Municipality
from baz.core.text import normalize

_POSTAL_CODE = re.compile(r"^[1-9][0-9]{3}$")


def postal_code_clean(value: str) -> str:
    """A Belgian postal code as four digits, or a ValueError that says what is wrong."""
    cleaned = value.strip().removeprefix("B-").removeprefix("b-").strip()
    if not _POSTAL_CODE.fullmatch(cleaned):
        raise ValueError(
            f"{value!r} is geen geldige Belgische postcode: gebruik vier cijfers, bv. 9000."
        )
    return cleaned


def municipalities_by_postal_code(*, postal_code: str) -> list[Municipality]:
    """Every municipality a postal code belongs to: one almost always, two for 1040, 1050, 1804.

    Postal codes of former municipalities find the merged municipality (9090 → Merelbeke-Melle).
    An unknown but well-formed code gives an empty list; a malformed one raises ValueError.
    """
    code = postal_code_clean(postal_code)
    return list(
        Municipality.objects.with_places().filter(postal_codes__code=code).order_by("name_nl")
    )


def municipality_get(*, refnis: str) -> Municipality | None:
    return Municipality.objects.with_places().filter(refnis=refnis).first()


def municipality_search(*, query: str, limit: int = 10) -> list[Municipality]:
    """Type-ahead lookup on Dutch and French names, place names and postal codes.

    A query of digits matches postal codes by prefix ('90' → Gent, Merelbeke-Melle, …). Names
    that start with the query come first, then names with a word that does, then place names
    (former municipalities such as Melle), then anything containing it. There are only 565
    municipalities, so the ranking is done in Python on the few matches.
    """
    text = normalize(query)
    if not text:
        return []
    queryset = Municipality.objects.with_places()
    if text.isdigit():
        if len(text) > 4:
            return []
        return list(
            queryset.filter(postal_codes__code__startswith=text)
            .distinct()
            .order_by("name_nl")[:limit]
        )
    candidates = list(queryset.filter(search_text__contains=text))
    candidates.sort(key=lambda m: (_rank(m, text), m.name_nl))
    return candidates[:limit]


def _rank(municipality: Municipality, text: str) -> int:
    """0: a name starts with the query; 1: a word of a name does; 2: a word of a place name
    or postal code does; 3: the query only occurs inside a word."""
    names = [normalize(municipality.name_nl), normalize(municipality.name_fr)]
    if any(name.startswith(text) for name in names):
        return 0
    if any(f" {text}" in f" {name}" for name in names):
        return 1
    if f" {text}" in f" {municipality.search_text}":
        return 2
    return 3


def municipality_dutch_names() -> dict[str, str]:
    """The French name of each municipality that has one of its own, normalised, mapped to its
    Dutch name: 'gand' → 'Gent', 'louvain' → 'Leuven', 'saint gilles' → 'Sint-Gillis'.

    The type-ahead above and the atlas filter match both names; site search uses this map to
    read a French name in a query as the Dutch name its texts use. One query, a few hundred rows.
    """
    names: dict[str, str] = {}
    for name_nl, name_fr in Municipality.objects.values_list("name_nl", "name_fr"):
        french = normalize(name_fr)
        if french and french != normalize(name_nl):
            names.setdefault(french, name_nl)
    return names
