"""Reads per municipality: where BAZ is active, counts of published entries, the
lokaal-bestuur profile, the initiatives the reflection tool lists, and the staff's list of
profiles for *samenwerking met BAZ*.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.db.models.query import QuerySet

from baz.atlas.models import (
    BazTrajectoryMunicipality,
    Entry,
    EntryKind,
    EntryStatus,
    Theme,
    Werkvorm,
)
from baz.core.models import Municipality

# --- Where BAZ is active --------------------------------------------------------------------


def baz_active_municipality_ids() -> set[int]:
    """Municipalities shown as "BAZ is actief" (the rule: `models.BazTrajectoryMunicipality`).

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


def baz_active_profiles() -> QuerySet[Entry]:
    """The profiles of `baz_active_municipality_ids`, as a subquery (no extra round trip)."""
    return Entry.objects.published().filter(
        Q(baz_collaboration=True, baz_map_consent=True)
        | Q(municipality_id__in=BazTrajectoryMunicipality.objects.values("municipality_id")),
        kind=EntryKind.LOCAL_GOVERNMENT,
    )


# --- Counts and profiles -------------------------------------------------------------------


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


def initiatives_for_municipality(*, municipality: Municipality) -> QuerySet[Entry]:
    """The published citizen initiatives of a municipality (the reflection tool's step 1)."""
    return (
        Entry.objects.published()
        .filter(kind=EntryKind.INITIATIVE, municipality=municipality)
        .only("pk", "name", "slug")
        .order_by("name")
    )


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
