"""How an entry is shown to the public: one place that decides which fields are public.

The API rows, the CSV, the GeoJSON properties and the page's JSON-LD all come from here, so
contact details appear only with the owner's consent everywhere at once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from baz.atlas.models import Entry
from baz.atlas.richtext import description_after_summary, rich_text_public
from baz.atlas.selectors.entries import entry_export_values, entry_path
from baz.atlas.selectors.filters import AtlasFilters

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def public_url(value: object) -> str | None:
    """A web address safe to link to: http(s) only, so no javascript: or data: links."""
    if isinstance(value, str) and value.lower().startswith(("https://", "http://")):
        return value
    return None


def public_links(entry: Entry) -> list[str]:
    return [link for link in map(public_url, entry.social_links or []) if link]


def public_contact(entry: Entry) -> dict[str, str | None]:
    """The contact fields the owner agreed to show; None for the others."""
    return {
        "name": entry.contact_name or None if entry.show_contact_name else None,
        "phone": entry.contact_phone or None if entry.show_contact_phone else None,
        "email": entry.contact_email or None if entry.show_contact_email else None,
    }


def public_description(entry: Entry) -> tuple[str, bool]:
    """The entry page's description HTML, and whether the page still shows the summary above
    it: the description never repeats the summary as its first paragraph."""
    return description_after_summary(
        rich_text_public(entry.description, entry.description_html), entry.summary
    )


def summary_shown(entry: Entry) -> bool:
    """Whether the entry page shows the summary as its lead. Read from the stored text, so it
    costs no cleaning: the tags do not count in the comparison."""
    stored = entry.description_html if entry.description_html is not None else entry.description
    return description_after_summary(stored, entry.summary)[1]


def entry_public_row(
    row: Mapping[str, Any], taxonomies: Mapping[str, Mapping[int, list[str]]], base_url: str
) -> dict[str, Any]:
    """An entry's public fields as plain data (the API's row format).

    `row` holds `selectors.API_FIELDS` and `taxonomies` the slugs of `entry_taxonomy_slugs`
    (see `selectors.entry_api_page`); `base_url` is the scheme and host of absolute URLs.
    """
    pk = row["pk"]
    exact = row["location_is_exact"]
    return {
        "id": pk,
        "url": base_url + entry_path(pk, row["slug"]),
        "name": row["name"],
        "kind": row["kind"],
        "summary": row["summary"],
        "description_html": rich_text_public(row["description"], row["description_html"]),
        "municipality": {
            "refnis": row["municipality__refnis"],
            "name": row["municipality__name_nl"],
            "province": row["municipality__province__slug"],
        },
        "location": {
            "latitude": row["latitude"],
            "longitude": row["longitude"],
            # False: the point is the municipality's position, not an address.
            "exact": exact,
        },
        "address": (
            {"street": row["street"], "postal_code": row["postal_code"], "place": row["place"]}
            if exact and row["street"]
            else None
        ),
        "themes": taxonomies["themes"].get(pk, []),
        "werkvormen": taxonomies["werkvormen"].get(pk, []),
        "target_groups": taxonomies["target_groups"].get(pk, []),
        "how_to_join": row["how_to_join"],
        "cost": row["cost"],
        "languages": row["languages"],
        "accessibility": row["accessibility"],
        "website": public_url(row["website"]),
        "regulation_url": public_url(row["regulation_url"]),
        "social_links": [link for link in map(public_url, row["social_links"] or []) if link],
        "contact": {
            "name": (row["contact_name"] or None) if row["show_contact_name"] else None,
            "phone": (row["contact_phone"] or None) if row["show_contact_phone"] else None,
            "email": (row["contact_email"] or None) if row["show_contact_email"] else None,
        },
        "start_year": row["start_year"],
        "last_confirmed_at": row["last_confirmed_at"].isoformat()
        if row["last_confirmed_at"]
        else None,
        "published_at": row["published_at"].isoformat() if row["published_at"] else None,
    }


def entry_export_rows(filters: AtlasFilters, base_url: str) -> list[dict[str, Any]]:
    """Every matching entry as a flat public row for the GeoJSON and CSV exports.

    The same public fields as `entry_public_row` except the long description, which the
    entry's page and the JSON API carry (cleaning rich text for 20,000 rows would make the
    export slow); contact details only with consent.
    """
    rows, taxonomies = entry_export_values(filters)
    url_pattern = base_url + entry_path(987654321, "slug-placeholder")
    result = []
    for row in rows:
        pk = row["pk"]
        exact = row["location_is_exact"]
        result.append(
            {
                "id": pk,
                "url": url_pattern.replace("987654321", str(pk)).replace(
                    "slug-placeholder", row["slug"] or "fiche"
                ),
                "name": row["name"],
                "kind": row["kind"],
                "summary": row["summary"],
                "municipality_refnis": row["municipality__refnis"],
                "municipality_name": row["municipality__name_nl"],
                "province": row["municipality__province__slug"],
                "latitude": row["latitude"],
                "longitude": row["longitude"],
                "location_is_exact": exact,
                "street": row["street"] if exact else "",
                "postal_code": row["postal_code"] if exact else "",
                "place": row["place"] if exact else "",
                "themes": taxonomies["themes"].get(pk, []),
                "werkvormen": taxonomies["werkvormen"].get(pk, []),
                "target_groups": taxonomies["target_groups"].get(pk, []),
                "website": public_url(row["website"]),
                "contact_name": (row["contact_name"] or None) if row["show_contact_name"] else None,
                "contact_phone": (row["contact_phone"] or None)
                if row["show_contact_phone"]
                else None,
                "contact_email": (row["contact_email"] or None)
                if row["show_contact_email"]
                else None,
                "start_year": row["start_year"],
                "last_confirmed_at": row["last_confirmed_at"].isoformat()
                if row["last_confirmed_at"]
                else None,
                "published_at": row["published_at"].isoformat() if row["published_at"] else None,
            }
        )
    return result


def entry_json_ld(entry: Entry, request: HttpRequest) -> SafeString:
    """schema.org data for the entry page, escaped so that it can never close its script tag."""
    contact = public_contact(entry)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization" if entry.is_local_government else "NGO",
        "name": entry.name,
        "description": entry.summary,
        "url": request.build_absolute_uri(entry_path(entry.pk, entry.slug)),
        "areaServed": [
            {"@type": "City", "name": m.name_nl}
            for m in [entry.municipality, *entry.served_municipalities.all()]
        ],
        "location": {
            "@type": "Place",
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": entry.latitude,
                "longitude": entry.longitude,
            },
        },
    }
    if entry.location_is_exact and entry.street:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": entry.street,
            "postalCode": entry.postal_code,
            "addressLocality": entry.place or entry.municipality.name_nl,
            "addressCountry": "BE",
        }
    same_as = [url for url in [public_url(entry.website), *public_links(entry)] if url]
    if same_as:
        data["sameAs"] = same_as
    if contact["email"]:
        data["email"] = contact["email"]
    if contact["phone"]:
        data["telephone"] = contact["phone"]
    if entry.start_year:
        data["foundingDate"] = str(entry.start_year)
    data["keywords"] = ", ".join(strip_tags(t.name) for t in entry.themes.all())
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - <, > and & are escaped above
