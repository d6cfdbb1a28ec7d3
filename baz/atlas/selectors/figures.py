"""Figures of a municipality: its entries by state, open proposals, and how its themes and
werkvormen compare with its province and its region (Flanders).

`theme_shares` is the one place that computes those shares: the /mijn/ dashboard shows them
and a coaching view may reuse them. Every function asks a fixed number of aggregate queries,
however many entries there are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q

from baz.atlas.models import Entry, EntryStatus, Theme, Werkvorm
from baz.atlas.selectors.reminders import freshness_cutoff
from baz.core.models import Municipality

PUBLISHED = Q(status=EntryStatus.PUBLISHED)


@dataclass(frozen=True)
class ShareRow:
    """One theme or werkvorm: the count in the municipality and the shares (0-100) of
    published entries that carry it, in the municipality, its province and its region."""

    term: Any
    count: int
    share: float
    province_share: float | None
    region_share: float


@dataclass(frozen=True)
class ThemeShares:
    municipality: Municipality
    province_name: str
    region_name: str
    totals: dict[str, int]
    themes: list[ShareRow] = field(default_factory=list)
    werkvormen: list[ShareRow] = field(default_factory=list)


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def theme_shares(municipality: Municipality) -> ThemeShares:
    """Published entries per theme and per werkvorm in `municipality`, beside the share of
    each in its province and its region (three queries).

    A share is the part of the published entries in that area that carry the term; an entry
    with two themes counts for both, so shares do not add up to 100. Brussels municipalities
    have no province: `province_share` is None there.
    """
    province_id = municipality.province_id
    region_id = municipality.region_id
    in_municipality = Q(municipality_id=municipality.pk)
    in_province = Q(municipality__province=province_id)
    in_region = Q(municipality__region=region_id)
    # Aliases must not be field names ("municipality"), or later filters would read them.
    counted = Entry.objects.filter(PUBLISHED).aggregate(
        in_municipality=Count("pk", filter=in_municipality),
        in_province=Count("pk", filter=in_province if province_id else Q(pk__in=[])),
        in_region=Count("pk", filter=in_region),
    )
    totals = {
        "municipality": counted["in_municipality"],
        "province": counted["in_province"],
        "region": counted["in_region"],
    }
    rows: dict[str, list[ShareRow]] = {}
    for key, model in (("themes", Theme), ("werkvormen", Werkvorm)):
        published = Q(entry__status=EntryStatus.PUBLISHED)
        terms = model.objects.annotate(
            n_municipality=Count("entry", filter=published & Q(entry__municipality=municipality)),
            n_province=Count(
                "entry", filter=published & Q(entry__municipality__province=province_id)
            ),
            n_region=Count("entry", filter=published & Q(entry__municipality__region=region_id)),
        ).order_by("-n_municipality", "sort_order", "name")
        rows[key] = [
            ShareRow(
                term=term,
                count=term.n_municipality,
                share=_percent(term.n_municipality, totals["municipality"]),
                province_share=(
                    _percent(term.n_province, totals["province"]) if province_id else None
                ),
                region_share=_percent(term.n_region, totals["region"]),
            )
            for term in terms
            if term.n_municipality or term.n_province or term.n_region
        ]
    province = municipality.province
    return ThemeShares(
        municipality=municipality,
        province_name=province.name_nl if province else "",
        region_name=municipality.region.name_nl,
        totals=totals,
        themes=rows["themes"],
        werkvormen=rows["werkvormen"],
    )


@dataclass(frozen=True)
class EntryFigures:
    published: int
    waiting: int
    stale: int
    proposals: int
    stale_entries: list[Entry]


def entry_figures(
    municipalities: Sequence[Municipality], *, stale_limit: int = 5
) -> dict[int, EntryFigures]:
    """{municipality id: figures} for the dashboard, in three queries and one more per
    municipality with stale entries, however many entries there are.

    - published: published entries of the municipality;
    - waiting: entries its team or an owner handed in, waiting for publication;
    - stale: published entries nobody confirmed for ATLAS_FRESHNESS_MONTHS (with the oldest
      `stale_limit` of them, for their "nog actief" button);
    - proposals: proposals from the public form (confirmed by e-mail, not published yet) in
      the municipality or naming it among the municipalities they work in.
    """
    ids = [m.pk for m in municipalities]
    if not ids:
        return {}
    cutoff = freshness_cutoff()
    submitted = Q(status=EntryStatus.SUBMITTED)
    public_proposal = submitted & ~Q(submitter_email="")
    counts = {
        row["municipality_id"]: row
        for row in Entry.objects.filter(municipality_id__in=ids)
        .values("municipality_id")
        .annotate(
            published=Count("pk", filter=PUBLISHED),
            waiting=Count("pk", filter=submitted & Q(submitter_email="")),
            stale=Count("pk", filter=PUBLISHED & Q(last_confirmed_at__lt=cutoff)),
        )
        .order_by()
    }
    proposal_counts: dict[int, int] = {}
    own = (
        Entry.objects.filter(public_proposal, municipality_id__in=ids)
        .values("municipality_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    served = (
        Entry.served_municipalities.through.objects.filter(
            municipality_id__in=ids,
            entry__status=EntryStatus.SUBMITTED,
        )
        .exclude(entry__submitter_email="")
        .exclude(entry__municipality_id=F("municipality_id"))
        .values("municipality_id")
        .annotate(n=Count("entry_id", distinct=True))
        .order_by()
    )
    for row in [*own, *served]:
        proposal_counts[row["municipality_id"]] = (
            proposal_counts.get(row["municipality_id"], 0) + row["n"]
        )
    stale_entries = {
        municipality_id: list(
            Entry.objects.filter(
                PUBLISHED, municipality_id=municipality_id, last_confirmed_at__lt=cutoff
            )
            .only("pk", "name", "slug", "municipality_id", "last_confirmed_at")
            .order_by("last_confirmed_at", "pk")[:stale_limit]
        )
        if counts.get(municipality_id, {}).get("stale")
        else []
        for municipality_id in ids
    }
    result = {}
    for municipality_id in ids:
        row = counts.get(municipality_id, {})
        result[municipality_id] = EntryFigures(
            published=row.get("published", 0),
            waiting=row.get("waiting", 0),
            stale=row.get("stale", 0),
            proposals=proposal_counts.get(municipality_id, 0),
            stale_entries=stale_entries[municipality_id],
        )
    return result
