"""The full GeoJSON export on PostgreSQL: every feature is stored JSON text, joined in Python.

Building 20,000 features in Python (rows → dicts → `json.dumps`) costs seconds; building them
in SQL on every request still cost about 300 ms of database time. So each entry's feature is
built once by PostgreSQL (one INSERT ... SELECT with the expression below) and kept in
`EntryFeature` until database triggers delete it because something it shows changed; an export
reads the stored text of the filtered, ordered selection (`entries_filtered`,
`entries_ordered`, used as a subquery that numbers the rows), builds the missing rows and
joins bytes. The origin (scheme and host) is a placeholder in the stored text, replaced once
per export. The properties and consent rules are exactly those of
`presentation.entry_export_rows` (the SQLite fallback, also used by the CSV):
`tests/test_export_sql.py` compares both on PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
from operator import itemgetter

from django.db import connection, transaction
from psycopg.abc import Buffer
from psycopg.adapt import Loader

from baz.atlas.models import Entry, EntryFeature, TargetGroup, Theme, Werkvorm
from baz.atlas.selectors.entries import entries_filtered, entries_ordered, entry_path
from baz.atlas.selectors.filters import AtlasFilters
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
    """A join that gives `alias.slugs`: the JSON text of the entry's term slugs, in the
    terms' order, aggregated for the entries to build (`todo`) only."""
    # Identifiers only, from model metadata; no value is ever put into this text.
    return (
        f"LEFT JOIN (SELECT r.entry_id, string_agg(to_json(t.slug)::text, ',' "  # noqa: S608
        f"ORDER BY t.sort_order, t.name) AS slugs "
        f'FROM "{relation._meta.db_table}" r JOIN "{terms._meta.db_table}" t '  # type: ignore[attr-defined]
        f'ON t.id = r."{column}_id" WHERE r.entry_id IN (SELECT id FROM todo) '
        f"GROUP BY r.entry_id) {alias} ON {alias}.entry_id = e.id"
    )


def _object(*pairs: tuple[str, str]) -> str:
    """SQL that concatenates a JSON object from (key, SQL of a JSON value) pairs."""
    parts = [
        f"'{'{' if i == 0 else ','}\"{key}\":' || {value}" for i, (key, value) in enumerate(pairs)
    ]
    return "(" + " || ".join(parts) + " || '}')"


# Stands for the scheme and host in stored text; `to_json` escapes every control character,
# so this one never occurs in stored text except where it was put on purpose.
_ORIGIN = "\x01"


def _feature_expression() -> str:
    """SQL for one entry's feature (aliases e, m, p, th, wv, tg), with the origin as `_ORIGIN`.

    Three parameters: the entry path's text before the id, between id and slug, after slug.
    """
    url = (
        "'\"' || chr(1) || substr(to_json(%s || e.id || %s || "
        "COALESCE(NULLIF(e.slug, ''), 'fiche') || %s)::text, 2)"
    )
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
    return _object(
        ("type", "'\"Feature\"'"),
        ("id", "e.id::text"),
        (
            "geometry",
            """'{"type":"Point","coordinates":[' || e.longitude || ',' || e.latitude || ']}'""",
        ),
        ("properties", properties),
    )


class _RawText(Loader):
    """Text columns as undecoded UTF-8 bytes: the export joins bytes, never 15 MB of str."""

    def load(self, data: Buffer) -> bytes:
        return bytes(data)


def geojson_features_sql(filters: AtlasFilters, base_url: str) -> bytes | None:
    """The export's features as one JSON array (UTF-8), or None when not on PostgreSQL.

    Each entry's feature is stored text (`EntryFeature`). One query reads the selection's
    stored text in list order; entries without current text (new or changed since: triggers
    delete the text of changed entries) are built by one INSERT and added. The fill takes a
    table lock that the triggers' deletes wait for, so an entry changed during a fill cannot
    leave text built from its old state behind; plain reads take no lock.
    """
    if connection.vendor != "postgresql":
        return None
    path = entry_path(_PK_PLACEHOLDER, _SLUG_PLACEHOLDER)
    before_pk, rest = path.split(str(_PK_PLACEHOLDER), 1)
    between, after_slug = rest.split(_SLUG_PLACEHOLDER, 1)
    expression = _feature_expression()
    path_params = [before_pk, between, after_slug]
    recipe = hashlib.sha256("|".join([expression, *path_params]).encode()).hexdigest()[:32]
    selection_sql, selection_params = (
        entries_ordered(entries_filtered(filters), filters)
        .values_list("pk")
        .query.sql_with_params()
    )
    # The fill needs the set (still published, still matching), not its order.
    set_sql, set_params = (
        entries_filtered(filters).order_by().values_list("pk").query.sql_with_params()
    )
    features = f'"{EntryFeature._meta.db_table}"'
    read = f"""
        SET LOCAL jit = off;
        SELECT sel.ord, sel.id, f.text
        FROM (SELECT s.id, row_number() OVER () AS ord FROM ({selection_sql}) s(id)) sel
        LEFT JOIN {features} f ON f.entry_id = sel.id AND f.recipe = %s
    """  # noqa: S608 - identifiers come from model metadata, values are parameters
    fill = f"""
        LOCK TABLE {features} IN SHARE ROW EXCLUSIVE MODE;
        WITH todo AS (
            SELECT id FROM "{Entry._meta.db_table}" WHERE id = ANY(%s) AND id IN ({set_sql})
        )
        INSERT INTO {features} (entry_id, recipe, text)
        SELECT e.id, %s, {expression}
        FROM todo
        JOIN "{Entry._meta.db_table}" e ON e.id = todo.id
        JOIN "{Municipality._meta.db_table}" m ON m.id = e.municipality_id
        LEFT JOIN "{Province._meta.db_table}" p ON p.id = m.province_id
        {_slugs_join("th", Entry.themes.through, "theme", Theme)}
        {_slugs_join("wv", Entry.werkvormen.through, "werkvorm", Werkvorm)}
        {_slugs_join("tg", Entry.target_groups.through, "targetgroup", TargetGroup)}
        ON CONFLICT (entry_id) DO UPDATE SET recipe = EXCLUDED.recipe, text = EXCLUDED.text
        RETURNING entry_id, text
    """  # noqa: S608 - identifiers come from model metadata, values are parameters
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.cursor.adapters.register_loader("text", _RawText)
        # One round trip for each SQL text: the results after the first statement's.
        cursor.execute(read, [*selection_params, recipe])
        cursor.nextset()
        rows = cursor.fetchall()
        missing = [pk for _ord, pk, text in rows if text is None]
        if missing:
            cursor.execute(fill, [missing, *set_params, recipe, *path_params])
            cursor.nextset()
            built = dict(cursor.fetchall())
            if len(built) > 1000:  # many new rows: let the planner know the table's size
                cursor.execute(f"ANALYZE {features}")
            rows = [(ord_, pk, built.get(pk) if text is None else text) for ord_, pk, text in rows]
    # Sorting by number here is cheaper than sorting 15 MB of text in the database.
    rows.sort(key=itemgetter(0))
    origin = json.dumps(base_url, ensure_ascii=False)[1:-1].encode()
    texts = [text for _ord, _pk, text in rows if text is not None]
    return (b"[" + b",".join(texts) + b"]").replace(_ORIGIN.encode(), origin)
