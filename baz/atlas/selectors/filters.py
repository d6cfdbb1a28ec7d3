"""The filter contract of the atlas: the page, the htmx partial, the map and the open-data API
accept the same parameters. `atlas_filters_parse` turns GET parameters into an
`AtlasFilters` (or raises `AtlasFilterError` with a Dutch message and the parameter's name).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q
from django.http import QueryDict

from baz.atlas.models import EntryKind, TargetGroup, Theme, Werkvorm
from baz.core.models import Municipality, PostalCode, Province
from baz.core.selectors import municipality_search, postal_code_clean
from baz.core.text import normalize

PARAMETERS = (
    "kind",
    "municipality",
    "province",
    "theme",
    "werkvorm",
    "target_group",
    "q",
    "near",
    "bbox",
    "baz_active",
    "sort",
    "page",
    "page_size",
)
REPEATABLE = frozenset({"theme", "werkvorm", "target_group"})
SORTS = ("relevance", "newest", "name", "distance")
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_VALUE_LENGTH = 200
MAX_VALUES = 20
MAX_TOTAL_LENGTH = 2000

_REFNIS = re.compile(r"^[0-9]{5}$")
_SLUG = re.compile(r"^[a-z0-9-]{1,80}$")
_TRUE = {"true", "1", "ja", "on"}
_FALSE = {"false", "0", "nee", "off"}


class AtlasFilterError(ValueError):
    """A filter parameter that cannot be used; `message` is Dutch and says how to fix it."""

    def __init__(self, parameter: str | None, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class AtlasFilters:
    """A validated filter state. Repeatable filters are tuples of slugs (any of them matches);
    different filters combine with AND. Resolved ids are kept so queries need no more look-ups.
    """

    kind: str = ""
    municipality: str = ""  # REFNIS code
    municipality_id: int | None = None
    municipality_name: str = ""
    province: str = ""  # slug
    province_id: int | None = None
    theme: tuple[str, ...] = ()
    werkvorm: tuple[str, ...] = ()
    target_group: tuple[str, ...] = ()
    # The ids of those slugs: filtering on the link tables' own id columns lets the database
    # estimate how many entries match (a join on the slug hides that), so "newest first" with
    # a theme walks the newest-first index instead of sorting every match.
    theme_ids: tuple[int, ...] = field(default=(), repr=False, compare=False)
    werkvorm_ids: tuple[int, ...] = field(default=(), repr=False, compare=False)
    target_group_ids: tuple[int, ...] = field(default=(), repr=False, compare=False)
    q: str = ""
    near: str = ""  # postal code
    near_point: tuple[float, float] | None = None  # (latitude, longitude)
    bbox: tuple[float, float, float, float] | None = None  # minLon, minLat, maxLon, maxLat
    baz_active: bool = False
    sort: str = ""
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    _unused: tuple[Any, ...] = field(default=(), repr=False, compare=False)

    @property
    def effective_sort(self) -> str:
        if self.sort:
            return self.sort
        if self.q:
            return "relevance"
        if self.near_point:
            return "distance"
        return "name"

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.kind
            or self.municipality
            or self.province
            or self.theme
            or self.werkvorm
            or self.target_group
            or self.q
            or self.near
            or self.bbox
            or self.baz_active
        )

    def as_params(self, *, without: Iterable[str] = ()) -> list[tuple[str, str]]:
        """The canonical GET parameters of this state (defaults left out), in contract order."""
        skip = set(without)
        params: list[tuple[str, str]] = []
        for name in PARAMETERS:
            if name in skip:
                continue
            value = getattr(self, name)
            if name == "bbox" and value is not None:
                params.append((name, ",".join(_format_number(v) for v in value)))
            elif name == "baz_active":
                if value:
                    params.append((name, "true"))
            elif name == "page":
                if value != 1:
                    params.append((name, str(value)))
            elif name == "page_size":
                if value != DEFAULT_PAGE_SIZE:
                    params.append((name, str(value)))
            elif isinstance(value, tuple):
                params.extend((name, item) for item in value)
            elif value:
                params.append((name, str(value)))
        return params

    def querystring(self, *, without: Iterable[str] = ()) -> str:
        return urlencode(self.as_params(without=without))

    def with_page(self, page: int) -> AtlasFilters:
        return replace(self, page=page)


def _format_number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _values(params: QueryDict | Mapping[str, Any], name: str) -> list[str]:
    if isinstance(params, QueryDict):
        raw: list[Any] = params.getlist(name)
    else:
        value = params.get(name)
        raw = list(value) if isinstance(value, list | tuple) else [value]
    return [str(v) for v in raw if v is not None]


def _single(params: QueryDict | Mapping[str, Any], name: str) -> str:
    values = [v.strip() for v in _values(params, name)]
    values = [v for v in values if v]
    if len(values) > 1:
        raise AtlasFilterError(name, f"Geef '{name}' maar één keer mee.")
    return values[0] if values else ""


def atlas_filters_parse(params: QueryDict | Mapping[str, Any]) -> AtlasFilters:
    """Validate GET parameters against the atlas filter contract.

    Accepts exactly the names in `PARAMETERS`. Raises `AtlasFilterError(parameter, message)`
    for an unknown parameter, an unknown kind or slug, a REFNIS code that does not exist, a
    malformed bbox or postal code, a page below 1, a page size outside 1..100 and overly long
    values. `municipality` takes a REFNIS code; for the page without JavaScript it also takes
    a postal code or a municipality's name, which resolve to the REFNIS code.
    """
    total = 0
    for name in params:
        if name not in PARAMETERS:
            raise AtlasFilterError(
                name[:50],
                f"Onbekende filter '{name[:50]}'. Gebruik alleen: {', '.join(PARAMETERS)}.",
            )
        values = _values(params, name)
        if len(values) > MAX_VALUES:
            raise AtlasFilterError(name, f"Geef '{name}' hoogstens {MAX_VALUES} keer mee.")
        for value in values:
            if len(value) > MAX_VALUE_LENGTH:
                raise AtlasFilterError(
                    name, f"De waarde van '{name}' is te lang (hoogstens 200 tekens)."
                )
            total += len(value)
    if total > MAX_TOTAL_LENGTH:
        raise AtlasFilterError(None, "De zoekopdracht is te lang. Gebruik minder filters.")

    kind = _single(params, "kind")
    if kind and kind not in EntryKind.values:
        raise AtlasFilterError(
            "kind", f"Onbekende soort '{kind}'. Kies uit: {', '.join(EntryKind.values)}."
        )

    municipality = _municipality_parse(_single(params, "municipality"))
    province = _province_parse(_single(params, "province"))
    theme, theme_ids = _slugs_parse(params, "theme", Theme, "thema")
    werkvorm, werkvorm_ids = _slugs_parse(params, "werkvorm", Werkvorm, "werkvorm")
    target_group, target_group_ids = _slugs_parse(params, "target_group", TargetGroup, "doelgroep")

    q = " ".join(_single(params, "q").split())
    near, near_point = _near_parse(_single(params, "near"))
    bbox = _bbox_parse(_single(params, "bbox"))

    baz_active_raw = _single(params, "baz_active").lower()
    if baz_active_raw and baz_active_raw not in _TRUE | _FALSE:
        raise AtlasFilterError("baz_active", "Kies ja of nee bij 'Waar BAZ actief is'.")

    sort = _single(params, "sort")
    if sort and sort not in SORTS:
        raise AtlasFilterError(
            "sort", f"Onbekende sortering '{sort}'. Kies uit: {', '.join(SORTS)}."
        )
    if sort == "distance" and near_point is None:
        raise AtlasFilterError("sort", "Sorteren op afstand kan alleen als je een postcode geeft.")

    page = _integer_parse(params, "page", default=1, low=1, high=1_000_000)
    page_size = _integer_parse(
        params, "page_size", default=DEFAULT_PAGE_SIZE, low=1, high=MAX_PAGE_SIZE
    )

    return AtlasFilters(
        kind=kind,
        municipality=municipality.refnis if municipality else "",
        municipality_id=municipality.pk if municipality else None,
        municipality_name=municipality.name_nl if municipality else "",
        province=province.slug if province else "",
        province_id=province.pk if province else None,
        theme=theme,
        werkvorm=werkvorm,
        target_group=target_group,
        theme_ids=theme_ids,
        werkvorm_ids=werkvorm_ids,
        target_group_ids=target_group_ids,
        q=q,
        near=near,
        near_point=near_point,
        bbox=bbox,
        baz_active=baz_active_raw in _TRUE,
        sort=sort,
        page=page,
        page_size=page_size,
    )


def _municipality_parse(value: str) -> Municipality | None:
    if not value:
        return None
    if _REFNIS.fullmatch(value):
        found = Municipality.objects.filter(refnis=value).first()
        if found is None:
            raise AtlasFilterError(
                "municipality", f"Er bestaat geen gemeente met REFNIS-code {value}."
            )
        return found
    if value.isdigit():
        try:
            code = postal_code_clean(value)
        except ValueError:
            raise AtlasFilterError(
                "municipality",
                "Geef een gemeente op met haar naam, haar postcode (bv. 9000) of haar "
                "REFNIS-code (bv. 44021).",
            ) from None
        matches = list(Municipality.objects.filter(postal_codes__code=code).distinct()[:3])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise AtlasFilterError("municipality", f"Er is geen gemeente met postcode {code}.")
        raise AtlasFilterError(
            "municipality",
            f"Postcode {code} hoort bij meer dan één gemeente. Typ de naam van de gemeente.",
        )
    wanted = normalize(value)
    for candidate in municipality_search(query=value, limit=5):
        if wanted in {normalize(candidate.name_nl), normalize(candidate.name_fr)}:
            return candidate
    raise AtlasFilterError(
        "municipality",
        f"We vinden geen gemeente '{value[:60]}'. Controleer de naam of typ de postcode.",
    )


def _province_parse(value: str) -> Province | None:
    if not value:
        return None
    lookup = Q(refnis=value) if _REFNIS.fullmatch(value) else Q(slug=value.lower())
    found = Province.objects.filter(lookup).first()
    if found is None:
        raise AtlasFilterError(
            "province",
            f"Onbekende provincie '{value[:60]}'. Gebruik bv. 'oost-vlaanderen' of een "
            "REFNIS-code.",
        )
    return found


def _slugs_parse(
    params: QueryDict | Mapping[str, Any], name: str, model: Any, label: str
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The distinct slugs given for a taxonomy filter, and their ids (one query)."""
    slugs: list[str] = []
    for value in _values(params, name):
        for part in value.split(","):
            slug = part.strip().lower()
            if slug and slug not in slugs:
                slugs.append(slug)
    if not slugs:
        return (), ()
    invalid = [slug for slug in slugs if not _SLUG.fullmatch(slug)]
    known = dict(model.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    unknown = invalid or [slug for slug in slugs if slug not in known]
    if unknown:
        raise AtlasFilterError(name, f"Onbekende {label} '{unknown[0][:60]}'.")
    return tuple(slugs), tuple(sorted(known[slug] for slug in slugs))


def _near_parse(value: str) -> tuple[str, tuple[float, float] | None]:
    if not value:
        return "", None
    try:
        code = postal_code_clean(value)
    except ValueError:
        raise AtlasFilterError(
            "near", "Geef een Belgische postcode van vier cijfers, bv. 9000."
        ) from None
    position = (
        PostalCode.objects.filter(code=code, latitude__isnull=False, longitude__isnull=False)
        .values_list("latitude", "longitude")
        .first()
    )
    if position is None:
        raise AtlasFilterError("near", f"We kennen de ligging van postcode {code} niet.")
    lat, lon = position
    return code, (float(lat or 0.0), float(lon or 0.0))


def _bbox_parse(value: str) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    message = "Dit deel van de kaart klopt niet. Schuif de kaart en probeer opnieuw."
    parts = value.split(",")
    if len(parts) != 4:
        raise AtlasFilterError("bbox", message)
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in parts)
    except ValueError:
        raise AtlasFilterError("bbox", message) from None
    numbers = (min_lon, min_lat, max_lon, max_lat)
    if not all(math.isfinite(n) for n in numbers):
        raise AtlasFilterError("bbox", message)
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise AtlasFilterError(
            "bbox",
            message,
        )
    return numbers


# What a person reads for a number in the address: messages never show parameter names.
_NUMBER_LABELS = {"page": "Het paginanummer", "page_size": "Het aantal per pagina"}


def _integer_parse(
    params: QueryDict | Mapping[str, Any], name: str, *, default: int, low: int, high: int
) -> int:
    value = _single(params, name)
    if not value:
        return default
    if not re.fullmatch(r"-?[0-9]{1,9}", value):
        raise AtlasFilterError(name, f"{_NUMBER_LABELS.get(name, 'Dit')} moet een getal zijn.")
    number = int(value)
    if not low <= number <= high:
        raise AtlasFilterError(
            name, f"{_NUMBER_LABELS.get(name, 'Dit')} moet tussen {low} en {high} liggen."
        )
    return number
