"""Reads from the site-search index: parse the visitor's query, match, rank, count, highlight.

The query goes through the same Dutch normaliser as the indexed text (`baz.search.dutch`), so
the database only compares tokens. User input never becomes SQL text: every value is a query
parameter, PostgreSQL builds its tsquery with `plainto_tsquery`, and for SQLite FTS5 every
token is quoted as a string (after normalisation a token holds only letters and digits).

- PostgreSQL: `search_vector @@ plainto_tsquery('simple', tokens)` (tokens already stemmed by
  the Dutch normaliser, see migration 0002), ranked with `ts_rank` (title weighs more than
  text) divided by the log of the length, as bm25 favours the shorter text too. When nothing
  matches and pg_trgm is installed, a spelling-tolerant fallback matches titles with trigram
  word similarity (`%>`), ranked by similarity.
- SQLite: FTS5 `MATCH` with every token quoted, ranked with `bm25` (title weighs 5 times more). When
  nothing matches, a prefix fallback ("vrijwil" finds "vrijwilliger").
- On both, a document whose title holds every query token comes before those that do not.
- Other databases: every token must occur in the normalised text (`contains`); no ranking.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from baz.core.selectors import municipality_dutch_names
from baz.search import dutch
from baz.search.highlight import highlight, snippet
from baz.search.models import SearchDocument, SearchGroup

MAX_QUERY_LENGTH = 200
MAX_TOKENS = 12
PAGE_SIZE = 20
MAX_PAGE = 500

KIND_LABELS: dict[str, Any] = {
    "verhaal": _("Verhaal"),
    "praktijkvoorbeeld": _("Praktijkvoorbeeld"),
    "burgerinitiatief": _("Burgerinitiatief"),
    "lokaal-bestuur": _("Lokaal bestuur"),
    "organisatie": _("Organisatie"),
    "pagina": _("Pagina"),
}

FALLBACK_PREFIX = "prefix"
FALLBACK_TRIGRAM = "trigram"


@dataclass(frozen=True)
class SearchParams:
    query: str = ""
    group: str = ""
    page: int = 1
    truncated: bool = False

    def querystring(self, *, group: str | None = None, page: int | None = None) -> str:
        """The GET parameters of this search, with `group` and `page` replaced when given."""
        pairs: list[tuple[str, str]] = []
        if self.query:
            pairs.append(("q", self.query))
        chosen = self.group if group is None else group
        if chosen:
            pairs.append(("type", chosen))
        if page and page > 1:
            pairs.append(("page", str(page)))
        return urlencode(pairs)


def search_params_parse(params: Mapping[str, Any]) -> SearchParams:
    """Read q, type and page leniently: anything odd falls back to a default, never an error."""
    raw = params.get("q", "")
    query = " ".join(str(raw if isinstance(raw, str) else "").split())
    truncated = len(query) > MAX_QUERY_LENGTH
    if truncated:
        query = query[:MAX_QUERY_LENGTH].rstrip()
    group = str(params.get("type", "") or "")
    if group not in SearchGroup.values:
        group = ""
    try:
        page = int(str(params.get("page", "1")))
    except ValueError:
        page = 1
    page = min(max(page, 1), MAX_PAGE)
    return SearchParams(query=query, group=group, page=page, truncated=truncated)


@dataclass
class SearchHit:
    title: SafeString
    url: str
    kind: str
    kind_label: str
    group: str
    snippet: SafeString
    published_at: datetime | None


@dataclass
class GroupCount:
    value: str
    label: str
    count: int
    active: bool
    querystring: str


@dataclass
class SearchResults:
    params: SearchParams
    tokens: list[str]
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    page_obj: PaginatorPage | None = None
    fallback: str = ""

    @property
    def all_count(self) -> int:
        return sum(self.counts.values())

    def groups(self) -> list[GroupCount]:
        items = [
            GroupCount(
                value="",
                label=str(_("Alles")),
                count=self.all_count,
                active=not self.params.group,
                querystring=self.params.querystring(group="", page=1),
            )
        ]
        for value, label in SearchGroup.choices:
            items.append(
                GroupCount(
                    value=value,
                    label=str(label),
                    count=self.counts.get(value, 0),
                    active=self.params.group == value,
                    querystring=self.params.querystring(group=value, page=1),
                )
            )
        return items


def _in_dutch(query: str) -> str:
    """The query with French municipality names replaced by the Dutch names the texts use
    ("soep Gand" → "soep Gent"), as the atlas filter and the type-ahead accept both names.
    Longer names first, so "Saint-Josse-ten-Noode" is not read as "Saint" and the rest."""
    words = dutch.words(query)
    if not words:
        return query
    names = municipality_dutch_names()
    by_length = sorted({len(name.split()) for name in names}, reverse=True)
    out: list[str] = []
    position = 0
    while position < len(words):
        for length in by_length:
            phrase = " ".join(words[position : position + length])
            if length <= len(words) - position and phrase in names:
                out.append(names[phrase])
                position += length
                break
        else:
            out.append(words[position])
            position += 1
    return " ".join(out)


def query_tokens(query: str) -> list[str]:
    """The distinct search tokens of a query, in order, at most MAX_TOKENS."""
    seen: dict[str, None] = {}
    for token in dutch.tokens(_in_dutch(query)):
        seen.setdefault(token, None)
    return list(seen)[:MAX_TOKENS]


@cache
def _has_trigram(alias: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def _fts5_match(tokens: list[str], *, prefix: bool) -> str:
    star = "*" if prefix else ""
    return " ".join('"' + token.replace('"', '""') + '"' + star for token in tokens)


_TABLE = SearchDocument._meta.db_table
# Trigram matching on titles only: word similarity against long texts is far too slow.
_TRIGRAM_TEXT = "normalised_title"


# Added to the rank of a document whose title holds every query token: far beyond any ts_rank
# (at most 1) or bm25 score, so those documents come first on both databases alike, and the
# database's own rank only orders within each part. Without it ts_rank let a long story that
# says "buddy" often outrank the initiative called "Buddy's voor nieuwkomers".
_TITLE_BONUS = 1_000_000
# Within that first part, a municipality's profile ("Lokaal bestuur Mechelen") comes before
# other titles that name the place ("Onthaal Nieuwkomers Mechelen"): who types a town's name
# ("Malines") looks for the town first. Also beyond any ts_rank or bm25 score.
_PROFILE_BONUS = 1_000
_PROFILE_KIND = "lokaal-bestuur"


def _title_bonus_sql(tokens: list[str], column: str, kind_column: str) -> tuple[str, list[Any]]:
    """SQL for _TITLE_BONUS (plus _PROFILE_BONUS for a municipality profile) when `column`
    (space-separated tokens) holds every token, else 0. A token holds only letters and digits,
    so it carries no LIKE wildcard."""
    conditions = " AND ".join([f"(' ' || {column} || ' ') LIKE %s"] * len(tokens))
    return (
        f"(CASE WHEN {conditions} THEN {_TITLE_BONUS} + (CASE WHEN {kind_column} = %s "
        f"THEN {_PROFILE_BONUS} ELSE 0 END) ELSE 0 END)",
        [*(f"% {token} %" for token in tokens), _PROFILE_KIND],
    )


def _matches_sql(tokens: list[str], *, fallback: str) -> tuple[str, list[Any]]:
    """SQL selecting (id, group, rank) of matching documents, better rank first when sorted
    ascending on the rank column, with its parameters."""
    vendor = connection.vendor
    if vendor == "postgresql":
        if fallback == FALLBACK_TRIGRAM:
            return (
                f'SELECT id, "group", -word_similarity(%s, {_TRIGRAM_TEXT}) AS rank '  # noqa: S608 - constants only
                f"FROM {_TABLE} WHERE {_TRIGRAM_TEXT} %%> %s",
                [" ".join(tokens), " ".join(tokens)],
            )
        title_sql, title_params = _title_bonus_sql(tokens, "normalised_title", "kind")
        return (
            f'SELECT id, "group", -ts_rank(search_vector, query, 1) - {title_sql} AS rank '  # noqa: S608 - constants only
            f"FROM {_TABLE}, plainto_tsquery('simple', %s) AS query "
            f"WHERE search_vector @@ query",
            [*title_params, " ".join(tokens)],
        )
    if vendor == "sqlite":
        prefix = fallback == FALLBACK_PREFIX
        title_sql, title_params = (
            ("0", []) if prefix else _title_bonus_sql(tokens, "d.normalised_title", "d.kind")
        )
        return (
            f'SELECT d.id, d."group", bm25(search_fts, 5.0, 1.0) - {title_sql} AS rank '  # noqa: S608 - constants only
            f"FROM search_fts JOIN {_TABLE} AS d ON d.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s",
            [*title_params, _fts5_match(tokens, prefix=prefix)],
        )
    raise NotImplementedError(vendor)


def _fallback_for_vendor() -> str:
    if connection.vendor == "sqlite":
        return FALLBACK_PREFIX
    if connection.vendor == "postgresql" and _has_trigram(connection.alias):
        return FALLBACK_TRIGRAM
    return ""


def _counts(tokens: list[str], fallback: str) -> dict[str, int]:
    if connection.vendor not in {"postgresql", "sqlite"}:
        condition = Q()
        for token in tokens:
            condition &= Q(normalised_title__contains=token) | Q(normalised_body__contains=token)
        rows = SearchDocument.objects.filter(condition).values("group").annotate(n=Count("id"))
        return {row["group"]: row["n"] for row in rows}
    sql, params = _matches_sql(tokens, fallback=fallback)
    with connection.cursor() as cursor:
        # `sql` is built from constants only; the query text travels in `params`.
        counted = f'SELECT "group", COUNT(*) FROM ({sql}) AS matches GROUP BY "group"'  # noqa: S608
        cursor.execute(counted, params)
        return dict(cursor.fetchall())


def _page_ids(tokens: list[str], fallback: str, group: str, limit: int, offset: int) -> list[int]:
    if connection.vendor not in {"postgresql", "sqlite"}:
        condition = Q()
        for token in tokens:
            condition &= Q(normalised_title__contains=token) | Q(normalised_body__contains=token)
        if group:
            condition &= Q(group=group)
        rows = SearchDocument.objects.filter(condition).order_by("-published_at", "pk")
        return list(rows.values_list("pk", flat=True)[offset : offset + limit])
    sql, params = _matches_sql(tokens, fallback=fallback)
    where = ' WHERE "group" = %s' if group else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM ({sql}) AS matches{where} ORDER BY rank, id LIMIT %s OFFSET %s",  # noqa: S608 - constants only
            [*params, *([group] if group else []), limit, offset],
        )
        return [row[0] for row in cursor.fetchall()]


class _CountedList:
    """A stand-in sequence for Paginator: knows the total, holds only the current page."""

    def __init__(self, total: int) -> None:
        self.total = total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, item: slice) -> list[Any]:
        return []


def site_search(params: SearchParams, *, page_size: int = PAGE_SIZE) -> SearchResults:
    """Search the whole site: counts per type, one page of highlighted hits."""
    tokens = query_tokens(params.query)
    results = SearchResults(params=params, tokens=tokens)
    if not tokens:
        return results
    fallback = ""
    counts = _counts(tokens, fallback)
    if not counts:
        fallback = _fallback_for_vendor()
        if fallback:
            counts = _counts(tokens, fallback)
    results.counts = counts
    results.fallback = fallback if counts else ""
    results.total = counts.get(params.group, 0) if params.group else sum(counts.values())
    paginator: Paginator[Any] = Paginator(_CountedList(results.total), page_size)  # type: ignore[arg-type]
    page_obj = paginator.get_page(params.page)
    results.page_obj = page_obj
    if not results.total:
        return results
    ids = _page_ids(tokens, fallback, params.group, page_size, page_obj.start_index() - 1)
    documents = SearchDocument.objects.only(
        "title", "url", "kind", "group", "body", "published_at"
    ).in_bulk(ids)
    prefix = bool(fallback)
    for pk in ids:
        document = documents.get(pk)
        if document is None:
            continue
        results.hits.append(
            SearchHit(
                title=highlight(document.title, tokens, prefix=prefix),
                url=document.url,
                kind=document.kind,
                kind_label=str(KIND_LABELS.get(document.kind, KIND_LABELS["pagina"])),
                group=document.group,
                snippet=snippet(document.body, tokens, prefix=prefix),
                published_at=document.published_at,
            )
        )
    return results
