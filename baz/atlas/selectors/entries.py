"""Published entries for a filter state: the list, its pages, the exports' and the API's rows,
one entry's page and its related entries. `entries_filtered` is the one queryset that the
list, the map (`baz.atlas.selectors.map`) and the exports (`baz.atlas.export_sql`) share, so
they can never disagree.
"""

from __future__ import annotations

import copy
import math
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.query import QuerySet

from baz.atlas.models import Entry, EntryKind
from baz.atlas.selectors.filters import AtlasFilterError, AtlasFilters
from baz.atlas.selectors.municipalities import baz_active_profiles
from baz.core.fragments import fragment_cached
from baz.core.text import normalize


def entries_filtered(filters: AtlasFilters) -> QuerySet[Entry]:
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
            municipality_id__in=baz_active_profiles().values("municipality_id"),
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


def entries_ordered(qs: QuerySet[Entry], filters: AtlasFilters) -> QuerySet[Entry]:
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
    qs = entries_filtered(filters).select_related("municipality", "municipality__province", "image")
    qs = qs.prefetch_related("themes", "werkvormen", "target_groups")
    return entries_ordered(qs, filters)


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
        entries_ordered(entries_filtered(filters), filters).values_list("pk", flat=True),
        filters.page_size,
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
    filtered = entries_filtered(filters)
    rows = [dict(row) for row in entries_ordered(filtered, filters).values(*EXPORT_FIELDS)]
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


def entry_path(pk: int, slug: str) -> str:
    from django.urls import reverse

    return reverse("atlas:entry", kwargs={"pk": pk, "slug": slug or "fiche"})
