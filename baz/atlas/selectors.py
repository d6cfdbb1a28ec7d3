"""Public reads of the atlas: one filter contract for the page, the htmx partial, the map and
the open-data API, so the list, the map and the exports can never disagree.

`atlas_filters_parse` turns GET parameters into an `AtlasFilters` (or raises
`AtlasFilterError` with a Dutch message and the parameter's name); `entry_list` turns the
filters into a queryset of published entries; `map_features` turns the same queryset into
points or grid clusters for a map view.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Avg, Case, Count, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Floor
from django.db.models.query import QuerySet
from django.http import QueryDict

from baz.atlas.models import (
    BazTrajectoryMunicipality,
    ContactRelay,
    CorrectionRequest,
    CorrectionRequestStatus,
    Entry,
    EntryKind,
    EntryStatus,
    TargetGroup,
    Theme,
    Werkvorm,
)
from baz.core.cache import fragment_cached
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

# The map answers with individual points up to this many results, with grid clusters above.
MAP_POINT_THRESHOLD = 200
MAP_MAX_FEATURES = 500
# A cluster cell is about this many screen pixels wide at the requested zoom.
MAP_CELL_PIXELS = 64
# At most this many cells across a bounding box, so one answer stays well under 500 features.
MAP_MAX_CELLS_ACROSS = 20
# Belgium, used as the extent when a map request has no bbox.
BELGIUM_BBOX = (2.5, 49.45, 6.45, 51.55)

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
        raise AtlasFilterError("baz_active", "Gebruik 'true' of 'false' voor 'baz_active'.")

    sort = _single(params, "sort")
    if sort and sort not in SORTS:
        raise AtlasFilterError(
            "sort", f"Onbekende sortering '{sort}'. Kies uit: {', '.join(SORTS)}."
        )
    if sort == "distance" and near_point is None:
        raise AtlasFilterError(
            "sort", "Sorteren op afstand kan alleen met een postcode bij 'near'."
        )

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
            "near", "Geef bij 'near' een Belgische postcode van vier cijfers, bv. 9000."
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
    message = "Geef 'bbox' als vier getallen: minLon,minLat,maxLon,maxLat (bv. 3.6,50.9,3.9,51.2)."
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
            "De 'bbox' klopt niet: eerst de kleinste, dan de grootste lengte- en breedtegraad.",
        )
    return numbers


def _integer_parse(
    params: QueryDict | Mapping[str, Any], name: str, *, default: int, low: int, high: int
) -> int:
    value = _single(params, name)
    if not value:
        return default
    if not re.fullmatch(r"-?[0-9]{1,9}", value):
        raise AtlasFilterError(name, f"'{name}' moet een geheel getal zijn.")
    number = int(value)
    if not low <= number <= high:
        raise AtlasFilterError(name, f"'{name}' moet tussen {low} en {high} liggen.")
    return number


# --- Where BAZ is active --------------------------------------------------------------------


def baz_active_municipality_ids() -> set[int]:
    """Municipalities shown as "BAZ is actief" (ARCHITECTURE.md, "Where BAZ is active").

    Municipalities with a published lokaal-bestuur profile that BAZ staff marked as
    *samenwerking met BAZ* and whose municipality consented to be shown, plus those with a
    coaching trajectory from *intake* up to *afgerond* that consented, as coaching reports
    them to the atlas (`BazTrajectoryMunicipality`; the coaching map "Waar is BAZ actief"
    shows exactly this set).
    """
    ids = set(
        Entry.objects.published()
        .filter(kind=EntryKind.LOCAL_GOVERNMENT, baz_collaboration=True, baz_map_consent=True)
        .values_list("municipality_id", flat=True)
    )
    return ids | set(BazTrajectoryMunicipality.objects.values_list("municipality_id", flat=True))


def _baz_active_queryset() -> QuerySet[Entry]:
    """The profiles of `baz_active_municipality_ids`, as a subquery (no extra round trip)."""
    return Entry.objects.published().filter(
        Q(baz_collaboration=True, baz_map_consent=True)
        | Q(municipality_id__in=BazTrajectoryMunicipality.objects.values("municipality_id")),
        kind=EntryKind.LOCAL_GOVERNMENT,
    )


# --- Entries --------------------------------------------------------------------------------


def _filtered(filters: AtlasFilters) -> QuerySet[Entry]:
    """Published entries matching the filters, without ordering or related loading.

    Taxonomy filters use EXISTS subqueries, never joins, so no row is ever duplicated and
    counts and aggregates over this queryset are exact.
    """
    qs = Entry.objects.published()
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.municipality_id is not None:
        qs = qs.filter(
            Q(municipality_id=filters.municipality_id)
            | Exists(
                Entry.served_municipalities.through.objects.filter(
                    entry_id=OuterRef("pk"), municipality_id=filters.municipality_id
                )
            )
        )
    if filters.province_id is not None:
        qs = qs.filter(municipality__province_id=filters.province_id)
    for relation, column, slugs, ids in (
        (Entry.themes.through, "theme", filters.theme, filters.theme_ids),
        (Entry.werkvormen.through, "werkvorm", filters.werkvorm, filters.werkvorm_ids),
        (
            Entry.target_groups.through,
            "targetgroup",
            filters.target_group,
            filters.target_group_ids,
        ),
    ):
        if slugs:
            # Filters parsed from a request carry the ids; one built by hand may not.
            match = {f"{column}_id__in": ids} if ids else {f"{column}__slug__in": slugs}
            qs = qs.filter(Exists(relation.objects.filter(entry_id=OuterRef("pk"), **match)))
    if filters.q:
        for word in normalize(filters.q).split()[:8]:
            qs = qs.filter(search_text__contains=word)
    if filters.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = filters.bbox
        qs = qs.filter(
            longitude__gte=min_lon,
            longitude__lte=max_lon,
            latitude__gte=min_lat,
            latitude__lte=max_lat,
        )
    if filters.baz_active:
        qs = qs.filter(
            kind=EntryKind.LOCAL_GOVERNMENT,
            municipality_id__in=_baz_active_queryset().values("municipality_id"),
        )
    return qs


def _with_distance(qs: QuerySet[Entry], point: tuple[float, float]) -> QuerySet[Entry]:
    """Annotate `distance2`: squared distance in degrees of latitude.

    Longitude degrees are scaled by cos(latitude of the point), computed in Python, so the
    database only does arithmetic (no trigonometry, which SQLite lacks) and the order is the
    true order of distances within Belgium's few hundred kilometres.
    """
    lat, lon = point
    scale = math.cos(math.radians(lat))
    return qs.annotate(
        distance2=(F("latitude") - Value(lat)) * (F("latitude") - Value(lat))
        + (F("longitude") - Value(lon)) * (F("longitude") - Value(lon)) * Value(scale * scale)
    )


def degrees_to_km(distance2: float) -> float:
    """The `distance2` annotation as kilometres (one degree of latitude is about 111.2 km)."""
    return math.sqrt(max(distance2, 0.0)) * 111.2


def _ordered(qs: QuerySet[Entry], filters: AtlasFilters) -> QuerySet[Entry]:
    if filters.near_point is not None:
        qs = _with_distance(qs, filters.near_point)
    sort = filters.effective_sort
    if sort == "distance" and filters.near_point is not None:
        return qs.order_by("distance2", "name", "pk")
    if sort == "newest":
        return qs.order_by(F("published_at").desc(nulls_last=True), "-pk")
    if sort == "relevance" and filters.q:
        text = normalize(filters.q)
        qs = qs.annotate(
            rank=Case(
                When(search_text__startswith=text, then=Value(0)),
                When(search_text__contains=f" {text}", then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        return qs.order_by("rank", "name", "pk")
    return qs.order_by("name", "pk")


def entry_list(filters: AtlasFilters) -> QuerySet[Entry]:
    """Published entries for a filter state, sorted, with what a list, card or API row shows.

    The number of queries does not grow with the number of results: municipalities and
    images are joined, the taxonomies are prefetched (one query each).
    """
    qs = _filtered(filters).select_related("municipality", "municipality__province", "image")
    qs = qs.prefetch_related("themes", "werkvormen", "target_groups")
    return _ordered(qs, filters)


# What a result card shows (atlas/_results.html); the page loads only these columns.
CARD_FIELDS = (
    "pk",
    "slug",
    "name",
    "kind",
    "summary",
    "location_is_exact",
    "postal_code",
    "place",
    "latitude",
    "longitude",
    "municipality__name_nl",
)


def _page_pks(filters: AtlasFilters, *, clamp: bool) -> tuple[Page, list[int]]:
    """The page for `filters.page` (two queries: the count, then the page's ids in order)."""
    paginator = Paginator(
        _ordered(_filtered(filters), filters).values_list("pk", flat=True), filters.page_size
    )
    number = filters.page
    if number > max(paginator.num_pages, 1):
        if not clamp:
            raise AtlasFilterError(
                "page",
                f"Pagina {number} bestaat niet: er zijn {paginator.num_pages} pagina's.",
            )
        number = max(paginator.num_pages, 1)
    page = paginator.page(number)
    return page, list(page.object_list)


def entry_page(filters: AtlasFilters, *, cards: bool = False, clamp: bool = True) -> Page:
    """One page of `entry_list(filters)`, fetched in two narrow steps.

    First the page's primary keys in list order (the database sorts only ids and sort keys,
    and the count is a plain COUNT over the filtered rows), then those rows with their
    municipality and taxonomies. Sorting 20,000 full rows with their joins just to keep 20
    is what made the distance sort slow. `cards=True` loads only what a result card shows;
    otherwise every public field (the API's rows). A page beyond the last one is the last
    page when `clamp`, else an `AtlasFilterError` for `page`. On a page sorted by distance
    each entry gets `distance_km`. Four queries, whatever the number of results.
    """
    page, pks = _page_pks(filters, clamp=clamp)
    rows: QuerySet[Entry] = Entry.objects.filter(pk__in=pks)
    if cards:
        rows = rows.select_related("municipality").only(*CARD_FIELDS)
        rows = rows.prefetch_related("themes")
    else:
        rows = rows.select_related("municipality", "municipality__province", "image")
        rows = rows.prefetch_related("themes", "werkvormen", "target_groups")
    by_pk = {entry.pk: entry for entry in rows.order_by()}
    entries = [by_pk[pk] for pk in pks if pk in by_pk]
    point = filters.near_point
    for entry in entries:
        entry.distance_km = (
            degrees_to_km(_distance2(point, entry.latitude, entry.longitude)) if point else None
        )
    page.object_list = entries
    return page


def _distance2(point: tuple[float, float], latitude: float, longitude: float) -> float:
    """The `distance2` annotation of `_with_distance`, computed in Python for one entry."""
    lat, lon = point
    scale = math.cos(math.radians(lat))
    return (latitude - lat) ** 2 + (longitude - lon) ** 2 * scale * scale


EXPORT_FIELDS = (
    "pk",
    "slug",
    "name",
    "kind",
    "summary",
    "latitude",
    "longitude",
    "location_is_exact",
    "street",
    "postal_code",
    "place",
    "website",
    "contact_name",
    "contact_phone",
    "contact_email",
    "show_contact_name",
    "show_contact_phone",
    "show_contact_email",
    "start_year",
    "last_confirmed_at",
    "published_at",
    "municipality__refnis",
    "municipality__name_nl",
    "municipality__province__slug",
)


def entry_export_values(filters: AtlasFilters) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Rows for the full exports (GeoJSON, CSV) as plain values, in list order.

    Four queries whatever the size: the rows, then (entry id, slug) pairs per taxonomy for the
    same filtered set. Model instances are skipped on purpose: building 20,000 of them costs
    seconds, plain values cost milliseconds.
    """
    filtered = _filtered(filters)
    rows = [dict(row) for row in _ordered(filtered, filters).values(*EXPORT_FIELDS)]
    ids = filtered.order_by().values("pk")
    taxonomies: dict[str, dict[int, list[str]]] = {}
    for key, relation, column in (
        ("themes", Entry.themes.through, "theme"),
        ("werkvormen", Entry.werkvormen.through, "werkvorm"),
        ("target_groups", Entry.target_groups.through, "targetgroup"),
    ):
        mapping: dict[int, list[str]] = {}
        pairs = (
            relation.objects.filter(entry_id__in=ids)
            .order_by(f"{column}__sort_order", f"{column}__name")
            .values_list("entry_id", f"{column}__slug")
        )
        for entry_id, slug in pairs:
            mapping.setdefault(entry_id, []).append(slug)
        taxonomies[key] = mapping
    return rows, taxonomies


# Every column an API row shows (`presentation.entry_public_row`).
API_FIELDS = (
    "pk",
    "slug",
    "name",
    "kind",
    "summary",
    "description",
    "description_html",
    "municipality__refnis",
    "municipality__name_nl",
    "municipality__province__slug",
    "latitude",
    "longitude",
    "location_is_exact",
    "street",
    "postal_code",
    "place",
    "how_to_join",
    "cost",
    "languages",
    "accessibility",
    "website",
    "regulation_url",
    "social_links",
    "contact_name",
    "contact_phone",
    "contact_email",
    "show_contact_name",
    "show_contact_phone",
    "show_contact_email",
    "start_year",
    "last_confirmed_at",
    "published_at",
)

_TAXONOMY_RELATIONS = (
    ("themes", Entry.themes.through, "theme"),
    ("werkvormen", Entry.werkvormen.through, "werkvorm"),
    ("target_groups", Entry.target_groups.through, "targetgroup"),
)


def entry_taxonomy_slugs(entry_ids: list[int]) -> dict[str, dict[int, list[str]]]:
    """{"themes"|"werkvormen"|"target_groups": {entry id: [slug, ...]}} in the terms' order.

    One query (a UNION ALL of the three relations) instead of a prefetch per relation.
    """
    result: dict[str, dict[int, list[str]]] = {key: {} for key, _r, _c in _TAXONOMY_RELATIONS}
    if not entry_ids:
        return result
    parts = [
        relation.objects.filter(entry_id__in=entry_ids)
        .annotate(
            relation_key=Value(key),
            term_slug=F(f"{column}__slug"),
            term_order=F(f"{column}__sort_order"),
            term_name=F(f"{column}__name"),
        )
        .values_list("relation_key", "entry_id", "term_slug", "term_order", "term_name")
        for key, relation, column in _TAXONOMY_RELATIONS
    ]
    combined = parts[0].union(*parts[1:], all=True).order_by("term_order", "term_name")
    for key, entry_id, slug, _order, _name in combined:
        result[key].setdefault(entry_id, []).append(slug)
    return result


def entry_api_page(filters: AtlasFilters) -> tuple[Page, dict[str, dict[int, list[str]]]]:
    """One page of the API's rows as plain values (`API_FIELDS`), in list order, and their
    taxonomy slugs: four queries whatever the page size, and no model instances (building
    them, with a related manager per taxonomy per row, was most of an API page's time).
    A page beyond the last one is an `AtlasFilterError` for `page`.
    """
    page, pks = _page_pks(filters, clamp=False)
    by_pk = {row["pk"]: row for row in Entry.objects.filter(pk__in=pks).values(*API_FIELDS)}
    page.object_list = [by_pk[pk] for pk in pks if pk in by_pk]
    return page, entry_taxonomy_slugs(pks)


def entry_count(filters: AtlasFilters) -> int:
    return _filtered(filters).count()


def entry_get_published(*, pk: int) -> Entry | None:
    """One published entry with everything its page shows, or None."""
    return (
        Entry.objects.published()
        .select_related("municipality", "municipality__province", "municipality__region", "image")
        .prefetch_related("themes", "werkvormen", "target_groups", "served_municipalities")
        .prefetch_related("support_offers")
        .filter(pk=pk)
        .first()
    )


def entry_get_published_cached(*, pk: int) -> Entry | None:
    """`entry_get_published` through the shared cache, keyed by the content generation (any
    change to public content, so every edit, publish or archive of an entry, makes it stale
    at once), and kept in the worker for the generation too. Every call gets its own copy
    (the related rows it carries are shared and only read). For showing the page only;
    writes load the entry afresh."""
    found = fragment_cached("atlas-entry", (pk,), lambda: [_entry_with_rendition(pk)], local=True)
    return copy.copy(found[0])


ENTRY_IMAGE_FILTER = "fill-960x540"


def entry_image_rendition(entry: Entry) -> Any:
    """The entry page's rendition of the entry's image, or None (no image, or its file is
    gone: the page is shown without it rather than failing)."""
    if hasattr(entry, "image_rendition"):
        return entry.image_rendition
    image = entry.image if entry.image_id is not None else None
    if image is None:
        return None
    try:
        return image.get_rendition(ENTRY_IMAGE_FILTER)
    except OSError:  # Wagtail's SourceImageIOError: the original file is missing
        return None


def _entry_with_rendition(pk: int) -> Entry | None:
    """The published entry with its image's rendition, so a page built from the cached entry
    asks neither the cache nor the database for it (Wagtail's image tag stores the rendition
    in the cache again on every call)."""
    entry = entry_get_published(pk=pk)
    if entry is not None:
        entry.image_rendition = entry_image_rendition(entry)
    return entry


def initiatives_for_municipality(*, municipality: Municipality) -> QuerySet[Entry]:
    """The published citizen initiatives of a municipality (the reflection tool's step 1)."""
    return (
        Entry.objects.published()
        .filter(kind=EntryKind.INITIATIVE, municipality=municipality)
        .only("pk", "name", "slug")
        .order_by("name")
    )


# Radii (degrees of latitude, about 11 and 44 km) searched before all of Flanders.
RELATED_RADII = (0.1, 0.4)


def entry_related(entry: Entry, *, limit: int = 6) -> list[Entry]:
    """Published entries sharing a theme or werkvorm with `entry`, nearest first."""
    theme_ids = [t.pk for t in entry.themes.all()]
    werkvorm_ids = [w.pk for w in entry.werkvormen.all()]
    if not theme_ids and not werkvorm_ids:
        return []
    shares: list[Exists] = []
    if theme_ids:
        shares.append(
            Exists(
                Entry.themes.through.objects.filter(entry_id=OuterRef("pk"), theme_id__in=theme_ids)
            )
        )
    if werkvorm_ids:
        shares.append(
            Exists(
                Entry.werkvormen.through.objects.filter(
                    entry_id=OuterRef("pk"), werkvorm_id__in=werkvorm_ids
                )
            )
        )
    condition = shares[0] if len(shares) == 1 else shares[0] | shares[1]
    qs: QuerySet[Entry] = (
        Entry.objects.published()
        .exclude(pk=entry.pk)
        .filter(condition)
        .select_related("municipality")
    )
    point = (entry.latitude, entry.longitude)
    qs = _with_distance(qs, point).order_by("distance2", "name")
    # Never sort the whole table: look within a circle around the entry first (the indexed
    # latitude/longitude narrow it to a box), and widen only when it holds too few. Every
    # entry outside a circle of radius r lies farther than r, so `limit` entries found within
    # it are exactly the nearest ones, ties included.
    lat, lon = point
    scale = max(math.cos(math.radians(lat)), 1e-6)
    for radius in RELATED_RADII:
        pad = radius * 1.000001  # the box holds the circle despite rounding
        nearby = list(
            qs.filter(
                latitude__range=(lat - pad, lat + pad),
                longitude__range=(lon - pad / scale, lon + pad / scale),
                distance2__lte=radius * radius,
            )[:limit]
        )
        if len(nearby) >= limit:
            return nearby
    return list(qs[:limit])


# --- Map ------------------------------------------------------------------------------------


def _cell_size(zoom: int, bbox: tuple[float, float, float, float]) -> float:
    """Grid cell size in degrees: about MAP_CELL_PIXELS at this zoom, but never so small that
    a bbox holds more than MAP_MAX_CELLS_ACROSS cells in either direction."""
    degrees_per_pixel = 360 / (256 * 2**zoom)
    min_lon, min_lat, max_lon, max_lat = bbox
    return max(
        MAP_CELL_PIXELS * degrees_per_pixel,
        (max_lon - min_lon) / MAP_MAX_CELLS_ACROSS,
        (max_lat - min_lat) / MAP_MAX_CELLS_ACROSS,
        1e-6,
    )


def map_features(filters: AtlasFilters, zoom: int) -> dict[str, Any]:
    """A GeoJSON FeatureCollection for a map view: points when few, grid clusters when many.

    ONE aggregate query groups the filtered queryset by grid cell (floor(lat/cell),
    floor(lon/cell)) with a count and the mean position; the counts add up to the total, so
    no separate COUNT is needed. When the total is at most MAP_POINT_THRESHOLD, a second
    query fetches the points instead. Cluster counts add up to `entry_list(filters).count()`,
    and an answer never holds more than MAP_MAX_FEATURES features.
    """
    qs = _filtered(filters)
    extent = filters.bbox or BELGIUM_BBOX
    cell = _cell_size(zoom, extent)
    while True:
        cells = list(
            qs.order_by()
            .annotate(cell_y=Floor(F("latitude") / cell), cell_x=Floor(F("longitude") / cell))
            .values("cell_y", "cell_x")
            .annotate(count=Count("*"), lat=Avg("latitude"), lon=Avg("longitude"))
            .order_by()
        )
        total = sum(c["count"] for c in cells)
        if len(cells) <= MAP_MAX_FEATURES or total <= MAP_POINT_THRESHOLD:
            break
        # Only reached when entries lie far outside the extent (no bbox given): widen cells.
        cell *= 2
    if total <= MAP_POINT_THRESHOLD:
        rows = qs.order_by("pk").values_list(
            "pk", "name", "slug", "kind", "latitude", "longitude", "location_is_exact"
        )
        path = entry_path(987654321, "slug-placeholder")
        features = [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "cluster": False,
                    "id": pk,
                    "name": name,
                    "kind": kind,
                    "exact": exact,
                    "url": path.replace("987654321", str(pk)).replace(
                        "slug-placeholder", slug or "fiche"
                    ),
                },
            }
            for pk, name, slug, kind, lat, lon, exact in rows
        ]
        return {"type": "FeatureCollection", "total": total, "mode": "points", "features": features}
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [round(c["lon"], 6), round(c["lat"], 6)],
            },
            "properties": {"cluster": True, "count": c["count"]},
        }
        for c in cells
    ]
    return {
        "type": "FeatureCollection",
        "total": total,
        "mode": "clusters",
        "cell_size": cell,
        "features": features,
    }


def entry_path(pk: int, slug: str) -> str:
    from django.urls import reverse

    return reverse("atlas:entry", kwargs={"pk": pk, "slug": slug or "fiche"})


# --- Municipalities -------------------------------------------------------------------------


def municipality_counts() -> list[dict[str, Any]]:
    """Every municipality with its number of published entries, in total and per kind.

    One query: conditional counts over the municipality's entries.
    """
    published = Q(atlas_entries__status=EntryStatus.PUBLISHED)
    counts = {
        f"count_{kind.replace('-', '_')}": Count(
            "atlas_entries", filter=published & Q(atlas_entries__kind=kind)
        )
        for kind in EntryKind.values
    }
    rows = (
        Municipality.objects.order_by("refnis")
        .values(
            "refnis",
            "name_nl",
            "name_fr",
            "slug",
            "latitude",
            "longitude",
            "province__slug",
            "region__name_nl",
        )
        .annotate(count=Count("atlas_entries", filter=published), **counts)
    )
    return [dict(row) for row in rows]


def municipality_theme_counts(municipality: Municipality) -> dict[str, list[tuple[Any, int]]]:
    """Counts of published entries of a municipality per theme and per werkvorm (two queries)."""
    result: dict[str, list[tuple[Any, int]]] = {}
    for key, model in (("themes", Theme), ("werkvormen", Werkvorm)):
        rows = (
            model.objects.annotate(
                n=Count(
                    "entry",
                    filter=Q(entry__municipality=municipality, entry__status=EntryStatus.PUBLISHED),
                )
            )
            .filter(n__gt=0)
            .order_by("-n", "name")
        )
        result[key] = [(row, row.n) for row in rows]
    return result


def municipality_profile(municipality: Municipality) -> Entry | None:
    """The municipality's published lokaal-bestuur profile, with its support offer.

    There is at most one: a database constraint (`atlas_entry_one_published_profile`).
    """
    return (
        Entry.objects.published()
        .filter(kind=EntryKind.LOCAL_GOVERNMENT, municipality=municipality)
        .prefetch_related("support_offers")
        .first()
    )


# --- Moderators' lists ----------------------------------------------------------------------


def contact_relay_list() -> QuerySet[ContactRelay]:
    """Relayed messages for the moderators' overview: when, to which entry, sent or not.

    Sender and message are deliberately not loaded: only the entry's owner, who got the
    e-mail, needs them (docs/decisions.md, "Atlas admin: relayed messages without bodies").
    """
    return (
        ContactRelay.objects.select_related("entry")
        .only("pk", "created_at", "sent_at", "entry__id", "entry__name", "entry__slug")
        .order_by("-created_at", "-pk")
    )


def correction_request_list(*, status: str = "") -> QuerySet[CorrectionRequest]:
    """Correction requests for the moderators, newest first, optionally of one status."""
    qs = CorrectionRequest.objects.select_related("entry", "handled_by").order_by(
        "-created_at", "-pk"
    )
    if status in CorrectionRequestStatus.values:
        qs = qs.filter(status=status)
    return qs


def local_government_profiles(*, query: str = "") -> QuerySet[Entry]:
    """Every lokaal-bestuur profile (any status), by municipality, for the staff's
    *samenwerking met BAZ* screen; `query` matches the municipality's or the profile's name."""
    qs = Entry.objects.filter(kind=EntryKind.LOCAL_GOVERNMENT).select_related("municipality")
    if query:
        qs = qs.filter(Q(municipality__name_nl__icontains=query) | Q(name__icontains=query))
    return qs.only(
        "pk",
        "name",
        "status",
        "baz_collaboration",
        "baz_map_consent",
        "municipality__id",
        "municipality__name_nl",
    ).order_by("municipality__name_nl", "pk")
