"""The full GeoJSON export built by PostgreSQL: one query returns every feature as JSON text.

Building 20,000 features in Python (rows → dicts → `json.dumps`) costs seconds; PostgreSQL
builds `json_build_object(...)::text` per row in a fraction of that, and Python only joins
the strings. The rows are the same filtered, ordered queryset as the list (`_filtered`,
`_ordered`, used as a subquery that numbers the rows), the taxonomies come from three grouped
joins instead of a subquery per row, and the properties and consent rules are exactly those of
`presentation.entry_export_rows` (the SQLite fallback, also used by the CSV):
`tests/test_export_sql.py` compares both on PostgreSQL.
"""

from __future__ import annotations

from django.db import connection, transaction

from baz.atlas.models import Entry, TargetGroup, Theme, Werkvorm
from baz.atlas.selectors import AtlasFilters, _filtered, _ordered, entry_path
from baz.core.models import Municipality, Province

_PK_PLACEHOLDER = 987654321
_SLUG_PLACEHOLDER = "slug-placeholder"


def _text(expression: str) -> str:
    """A JSON value for a nullable column: `to_json` escapes strings and formats dates."""
    return f"COALESCE(to_json({expression})::text, 'null')"


def _consented(field: str) -> str:
    return _text(f"CASE WHEN e.show_{field} AND e.{field} <> '' THEN e.{field} END")


def _if_exact(field: str) -> str:
    return f"to_json(CASE WHEN e.location_is_exact THEN e.{field} ELSE '' END)::text"


def _bool(expression: str) -> str:
    return f"CASE WHEN {expression} THEN 'true' ELSE 'false' END"


def _slugs_join(alias: str, relation: type, column: str, terms: type) -> str:
    # Identifiers only, from model metadata; no value is ever put into this text.
    return (
        f"LEFT JOIN (SELECT r.entry_id, string_agg(to_json(t.slug)::text, ',' "  # noqa: S608
        f"ORDER BY t.sort_order, t.name) AS slugs "
        f'FROM "{relation._meta.db_table}" r JOIN "{terms._meta.db_table}" t '  # type: ignore[attr-defined]
        f'ON t.id = r."{column}_id" GROUP BY r.entry_id) {alias} ON {alias}.entry_id = e.id'
    )


def _object(*pairs: tuple[str, str]) -> str:
    """SQL that concatenates a JSON object from (key, SQL of a JSON value) pairs."""
    parts = [
        f"'{'{' if i == 0 else ','}\"{key}\":' || {value}" for i, (key, value) in enumerate(pairs)
    ]
    return "(" + " || ".join(parts) + " || '}')"


def geojson_features_sql(filters: AtlasFilters, base_url: str) -> str | None:
    """The export's features as the text of one JSON array, or None when not on PostgreSQL."""
    if connection.vendor != "postgresql":
        return None
    pattern = base_url + entry_path(_PK_PLACEHOLDER, _SLUG_PLACEHOLDER)
    before_pk, rest = pattern.split(str(_PK_PLACEHOLDER), 1)
    between, after_slug = rest.split(_SLUG_PLACEHOLDER, 1)
    selection_sql, selection_params = (
        _ordered(_filtered(filters), filters).values_list("pk").query.sql_with_params()
    )
    url = "to_json(%s || e.id || %s || COALESCE(NULLIF(e.slug, ''), 'fiche') || %s)::text"
    properties = _object(
        ("id", "e.id::text"),
        ("url", url),
        ("name", "to_json(e.name)::text"),
        ("kind", "to_json(e.kind)::text"),
        ("summary", "to_json(e.summary)::text"),
        ("municipality_refnis", "to_json(m.refnis)::text"),
        ("municipality_name", "to_json(m.name_nl)::text"),
        ("province", _text("p.slug")),
        ("location_is_exact", _bool("e.location_is_exact")),
        ("street", _if_exact("street")),
        ("postal_code", _if_exact("postal_code")),
        ("place", _if_exact("place")),
        ("themes", "'[' || COALESCE(th.slugs, '') || ']'"),
        ("werkvormen", "'[' || COALESCE(wv.slugs, '') || ']'"),
        ("target_groups", "'[' || COALESCE(tg.slugs, '') || ']'"),
        (
            "website",
            _text(
                "CASE WHEN lower(e.website) LIKE 'https://%%' "
                "OR lower(e.website) LIKE 'http://%%' THEN e.website END"
            ),
        ),
        ("contact_name", _consented("contact_name")),
        ("contact_phone", _consented("contact_phone")),
        ("contact_email", _consented("contact_email")),
        ("start_year", "COALESCE(e.start_year::text, 'null')"),
        ("last_confirmed_at", _text("e.last_confirmed_at")),
        ("published_at", _text("e.published_at")),
    )
    feature = _object(
        ("type", "'\"Feature\"'"),
        ("id", "e.id::text"),
        (
            "geometry",
            """'{"type":"Point","coordinates":[' || e.longitude || ',' || e.latitude || ']}'""",
        ),
        ("properties", properties),
    )
    sql = f"""
        SELECT sel.ord, {feature}
        FROM (SELECT s.id, row_number() OVER () AS ord FROM ({selection_sql}) s(id)) sel
        JOIN "{Entry._meta.db_table}" e ON e.id = sel.id
        JOIN "{Municipality._meta.db_table}" m ON m.id = e.municipality_id
        LEFT JOIN "{Province._meta.db_table}" p ON p.id = m.province_id
        {_slugs_join("th", Entry.themes.through, "theme", Theme)}
        {_slugs_join("wv", Entry.werkvormen.through, "werkvorm", Werkvorm)}
        {_slugs_join("tg", Entry.target_groups.through, "targetgroup", TargetGroup)}
    """  # noqa: S608 - identifiers come from model metadata, values are parameters
    with transaction.atomic(), connection.cursor() as cursor:
        # Just-in-time compilation costs more than it saves on this one-pass query.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, [before_pk, between, after_slug, *selection_params])
        rows = cursor.fetchall()
    # Sorting (number, text) pairs here is cheaper than sorting 15 MB of text in the database.
    rows.sort()
    return "[" + ",".join(row[1] for row in rows) + "]"
