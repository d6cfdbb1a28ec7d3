"""The open-data API under /api/v1/ (django-ninja, for routing and the OpenAPI document).

Every endpoint reads the raw query string through `atlas_filters_parse`, the same parser as the
atlas page, so the API accepts exactly the page's filters with the same names and messages.
Parameters are declared for the OpenAPI document only (`openapi_extra`); ninja does not
validate them, so a bad value is always our own 400 `{"error", "parameter"}` and never a 422
or a 500. Responses carry `Access-Control-Allow-Origin: *`, an ETag and Last-Modified, and
answer conditional requests with 304 after one cheap query.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from ninja import NinjaAPI, Swagger

from baz.atlas.export_sql import geojson_features_sql
from baz.atlas.models import EntryKind
from baz.atlas.presentation import entry_export_rows, entry_public_row
from baz.atlas.selectors.entries import entry_api_page
from baz.atlas.selectors.filters import AtlasFilterError, AtlasFilters, atlas_filters_parse
from baz.atlas.selectors.map import map_features
from baz.atlas.selectors.municipalities import municipality_counts
from baz.atlas.versioning import data_version
from baz.core.spreadsheet import csv_row

API_VERSION = "1.0.0"
MAX_QUERY_STRING = 4000
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
ATTRIBUTION = (
    "Bron: BurgersAanZet, Inspireer elkaar (CC BY 4.0). Gemeenten, provincies en postcodes: "
    "© Statbel (CC BY 4.0). Ligging van postcodes: Countries States Cities database (ODbL)."
)
DESCRIPTION = f"""Open data van *Inspireer elkaar*: burgerinitiatieven, lokale besturen en
organisaties in zorg en welzijn, met hun ligging.

**Licentie:** [CC BY 4.0]({LICENCE["url"]}). Vermeld de bron: {ATTRIBUTION}

Alle lijsten aanvaarden dezelfde filters als de atlaspagina: `kind`, `municipality` (REFNIS),
`province` (slug of REFNIS), `theme`, `werkvorm`, `target_group` (slugs, herhaalbaar; één van de
waarden volstaat), `q`, `near` (postcode), `bbox` (minLon,minLat,maxLon,maxLat), `baz_active`
(true/false), `sort` (relevance, newest, name, distance), `page` en `page_size` (1 tot 100).
Een onbekende of foute parameter geeft `400` met `{{"error": ..., "parameter": ...}}`.
Enkel gepubliceerde fiches; contactgegevens alleen met toestemming van de eigenaar.
Antwoorden hebben een ETag en Last-Modified; stuur `If-None-Match` voor een `304`.
"""

api = NinjaAPI(
    title="BurgersAanZet · Inspireer elkaar — open data",
    version=API_VERSION,
    description=DESCRIPTION,
    urls_namespace="api-v1",
    # The interactive docs (Swagger UI) come from django-ninja's own static files ("ninja" is
    # in INSTALLED_APPS, else ninja would load them from a CDN, which the site's CSP forbids);
    # the page itself is baz/atlas/templates/ninja/swagger.html. No online validator badge.
    docs_url="/docs",
    docs=Swagger(settings={"validatorUrl": None}),
    openapi_extra={
        "info": {
            "license": LICENCE,
            "x-attribution": ATTRIBUTION,
            "contact": {"name": "BurgersAanZet", "url": "https://example.org/contact/"},
        }
    },
)


def _parameter(
    name: str, description: str, schema: dict[str, Any], *, repeat: bool = False
) -> dict[str, Any]:
    if repeat:
        schema = {"type": "array", "items": schema}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
        **({"style": "form", "explode": True} if repeat else {}),
    }


_STRING = {"type": "string", "maxLength": 200}
FILTER_PARAMETERS = [
    _parameter("kind", "Soort fiche.", {"type": "string", "enum": EntryKind.values}),
    _parameter("municipality", "REFNIS-code van een gemeente (bv. 44021).", _STRING),
    _parameter("province", "Provincie: slug (oost-vlaanderen) of REFNIS-code.", _STRING),
    _parameter("theme", "Thema (slug); herhaalbaar.", _STRING, repeat=True),
    _parameter("werkvorm", "Werkvorm (slug); herhaalbaar.", _STRING, repeat=True),
    _parameter("target_group", "Doelgroep (slug); herhaalbaar.", _STRING, repeat=True),
    _parameter("q", "Vrije tekst in naam en korte omschrijving.", _STRING),
    _parameter(
        "near", "Postcode: sorteert op afstand.", {"type": "string", "pattern": "^[1-9][0-9]{3}$"}
    ),
    _parameter("bbox", "minLon,minLat,maxLon,maxLat (WGS84).", _STRING),
    _parameter("baz_active", "Alleen lokale besturen waar BAZ actief is.", {"type": "boolean"}),
    _parameter(
        "sort",
        "Sortering.",
        {"type": "string", "enum": ["relevance", "newest", "name", "distance"]},
    ),
]
PAGE_PARAMETERS = [
    _parameter("page", "Paginanummer, vanaf 1.", {"type": "integer", "minimum": 1}),
    _parameter(
        "page_size",
        "Fiches per pagina (1 tot 100, standaard 20).",
        {"type": "integer", "minimum": 1, "maximum": 100},
    ),
]
# Response schemas: the contract that schemathesis checks every generated request against
# (tests/test_api_schemathesis.py). OpenAPI 3.1, so "null" is a type, not `nullable`.
_NULLABLE_STRING = {"type": ["string", "null"]}
_LICENCE_SCHEMA = {
    "type": "object",
    "required": ["name", "url"],
    "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
}
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error", "parameter"],
    "properties": {"error": {"type": "string"}, "parameter": _NULLABLE_STRING},
}
ENTRY_SCHEMA = {
    "type": "object",
    "required": ["id", "url", "name", "kind", "summary", "municipality", "location"],
    "properties": {
        "id": {"type": "integer"},
        "url": {"type": "string"},
        "name": {"type": "string"},
        "kind": {"type": "string", "enum": EntryKind.values},
        "summary": {"type": "string"},
        "description_html": {"type": "string"},
        "municipality": {
            "type": "object",
            "required": ["refnis", "name"],
            "properties": {
                "refnis": {"type": "string"},
                "name": {"type": "string"},
                "province": _NULLABLE_STRING,
            },
        },
        "location": {
            "type": "object",
            "required": ["latitude", "longitude", "exact"],
            "properties": {
                "latitude": {"type": ["number", "null"]},
                "longitude": {"type": ["number", "null"]},
                "exact": {"type": "boolean"},
            },
        },
        "themes": {"type": "array", "items": {"type": "string"}},
        "werkvormen": {"type": "array", "items": {"type": "string"}},
        "target_groups": {"type": "array", "items": {"type": "string"}},
    },
}
INITIATIVES_SCHEMA = {
    "type": "object",
    "required": ["count", "next", "previous", "licence", "attribution", "results"],
    "properties": {
        "count": {"type": "integer", "minimum": 0},
        "next": _NULLABLE_STRING,
        "previous": _NULLABLE_STRING,
        "licence": _LICENCE_SCHEMA,
        "attribution": {"type": "string"},
        "results": {"type": "array", "items": ENTRY_SCHEMA},
    },
}
_POINT = {
    "type": "object",
    "required": ["type", "coordinates"],
    "properties": {
        "type": {"const": "Point"},
        "coordinates": {
            "type": "array",
            "items": {"type": "number"},
            "minItems": 2,
            "maxItems": 2,
        },
    },
}
_FEATURE = {
    "type": "object",
    "required": ["type", "geometry", "properties"],
    "properties": {
        "type": {"const": "Feature"},
        "geometry": _POINT,
        "properties": {"type": "object"},
    },
}
GEOJSON_SCHEMA = {
    "type": "object",
    "required": ["type", "features", "licence"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "licence": _LICENCE_SCHEMA,
        "attribution": {"type": "string"},
        "features": {"type": "array", "items": _FEATURE},
    },
}
MAP_SCHEMA = {
    "type": "object",
    "required": ["type", "mode", "total", "features", "licence"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "mode": {"type": "string", "enum": ["points", "clusters"]},
        "total": {"type": "integer", "minimum": 0},
        "licence": {"type": "string"},
        "features": {"type": "array", "items": _FEATURE},
    },
}
MUNICIPALITIES_SCHEMA = {
    "type": "object",
    "required": ["count", "licence", "attribution", "results"],
    "properties": {
        "count": {"type": "integer", "minimum": 0},
        "licence": _LICENCE_SCHEMA,
        "attribution": {"type": "string"},
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["refnis", "name", "slug", "count", "counts_by_kind"],
                "properties": {
                    "refnis": {"type": "string"},
                    "name": {"type": "string"},
                    "name_fr": {"type": "string"},
                    "slug": {"type": "string"},
                    "province": _NULLABLE_STRING,
                    "region": _NULLABLE_STRING,
                    "latitude": {"type": ["number", "null"]},
                    "longitude": {"type": ["number", "null"]},
                    "count": {"type": "integer", "minimum": 0},
                    "counts_by_kind": {
                        "type": "object",
                        "additionalProperties": {"type": "integer", "minimum": 0},
                    },
                },
            },
        },
    },
}
ERROR_RESPONSE = {
    400: {
        "description": "Onbekende of foute parameter.",
        "content": {"application/json": {"schema": ERROR_SCHEMA}},
    }
}


def _doc(
    parameters: list[dict[str, Any]],
    media_type: str = "application/json",
    schema: dict[str, Any] | None = None,
) -> dict[str, Any]:
    # Integer status codes, like django-ninja's own: string keys ("200") would sit beside
    # ninja's 200 and appear twice in the JSON document.
    content: dict[str, Any] = {"schema": schema} if schema else {}
    return {
        "parameters": parameters,
        "responses": {
            200: {"description": "OK", "content": {media_type: content}},
            304: {"description": "Niet gewijzigd sinds de ETag of datum die je meestuurde."},
            **ERROR_RESPONSE,
        },
    }


class ApiError(Exception):
    def __init__(self, parameter: str | None, message: str) -> None:
        self.parameter = parameter
        self.message = message


def _error(parameter: str | None, message: str) -> HttpResponse:
    response = JsonResponse({"error": message, "parameter": parameter}, status=400)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@api.exception_handler(AtlasFilterError)
def _filter_error(request: HttpRequest, exc: AtlasFilterError) -> HttpResponse:
    return _error(exc.parameter, exc.message)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _error(exc.parameter, exc.message)


def _query(
    request: HttpRequest, *, extra: tuple[str, ...] = ()
) -> tuple[QueryDict, dict[str, str]]:
    """The request's filter parameters and the `extra` ones (such as `zoom`) split apart."""
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        raise ApiError(None, "De zoekopdracht is te lang (hoogstens 4000 tekens).")
    try:
        params = request.GET.copy()
    except (TooManyFieldsSent, RequestDataTooBig):
        raise ApiError(None, "Te veel parameters.") from None
    extras = {}
    for name in extra:
        values = params.pop(name, [])
        if len(values) > 1:
            raise ApiError(name, f"Geef '{name}' maar één keer mee.")
        if values:
            extras[name] = values[0]
    return params, extras


def _fingerprint() -> tuple[str, Any]:
    """The version of all public entry data: one primary-key read (`baz.atlas.versioning`).

    Every save, delete or taxonomy change of an entry bumps it, so publishing, unpublishing,
    editing and archiving all change every ETag and every cache key built from it.
    """
    counter, changed_at = data_version()
    # The time as well: a rolled-back transaction can reuse a counter value, never a time.
    return f"{counter}:{changed_at.isoformat()}", changed_at


# The last few LARGE answers of this process (the full exports), by ETag. The shared cache
# pickles its values, which for the 15 MB GeoJSON costs more than the rest of an unchanged
# request. Keys carry the data version; the age limit covers what the version does not see
# (reference data such as municipality names), like the shared cache's timeout does.
_LOCAL: OrderedDict[str, tuple[float, Any]] = OrderedDict()
_LOCAL_SIZE = 4
_LOCAL_MIN_BYTES = 1_000_000
_LOCAL_SECONDS = 600


def _local_get(key: str) -> Any:
    found = _LOCAL.get(key)
    if found is None or time.monotonic() - found[0] > _LOCAL_SECONDS:
        return None
    _LOCAL.move_to_end(key)
    return found[1]


def _local_set(key: str, value: Any) -> None:
    if len(value[0]) < _LOCAL_MIN_BYTES:
        return
    _LOCAL[key] = (time.monotonic(), value)
    _LOCAL.move_to_end(key)
    while len(_LOCAL) > _LOCAL_SIZE:
        _LOCAL.popitem(last=False)


def _conditional(
    request: HttpRequest,
    key: str,
    build: Callable[[], HttpResponse],
    *,
    max_age: int = 60,
    store: bool = False,
) -> HttpResponse:
    """Answer 304 when the client's copy is current, else build (or reuse) the response."""
    version, last_modified = _fingerprint()
    # Responses hold absolute URLs, so the scheme and host are part of the key.
    origin = request.build_absolute_uri("/")
    etag = (
        '"'
        + hashlib.sha256(f"{API_VERSION}|{origin}|{key}|{version}".encode()).hexdigest()[:32]
        + '"'
    )
    last_modified_ts = int(last_modified.timestamp()) if last_modified else None
    response: HttpResponse | None = get_conditional_response(
        request, etag=etag, last_modified=last_modified_ts
    )
    if response is None:
        cache_key = f"atlas-api:{etag}"
        cached = (_local_get(cache_key) or cache.get(cache_key)) if store else None
        if cached is not None:
            content, content_type, headers = cached
            response = HttpResponse(content, content_type=content_type)
            for name, value in headers.items():
                response[name] = value
        else:
            response = build()
            if store:
                extra_headers = {
                    k: v for k, v in response.items() if k.lower() == "content-disposition"
                }
                stored = (response.content, response["Content-Type"], extra_headers)
                cache.set(cache_key, stored, timeout=3600)
                _local_set(cache_key, stored)
    response["ETag"] = etag
    if last_modified_ts is not None:
        response["Last-Modified"] = http_date(last_modified_ts)
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"
    response["Vary"] = "Origin"
    return response


def _json(data: Any) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        content_type="application/json; charset=utf-8",
    )


def _page_url(request: HttpRequest, filters: AtlasFilters, page: int) -> str:
    query = filters.with_page(page).querystring()
    return request.build_absolute_uri(request.path + (f"?{query}" if query else ""))


@api.get(
    "/initiatives",
    url_name="initiatives",
    openapi_extra=_doc(FILTER_PARAMETERS + PAGE_PARAMETERS, schema=INITIATIVES_SCHEMA),
    summary="Fiches (JSON, per pagina)",
)
def initiatives(request: HttpRequest) -> HttpResponse:
    params, _extras = _query(request)
    filters = atlas_filters_parse(params)

    def build() -> HttpResponse:
        page, taxonomies = entry_api_page(filters)
        count = page.paginator.count
        base_url = _base_url(request)
        return _json(
            {
                "count": count,
                "next": _page_url(request, filters, filters.page + 1) if page.has_next() else None,
                "previous": _page_url(request, filters, filters.page - 1)
                if page.has_previous()
                else None,
                "licence": LICENCE,
                "attribution": ATTRIBUTION,
                "results": [
                    entry_public_row(row, taxonomies, base_url) for row in page.object_list
                ],
            }
        )

    return _conditional(request, f"initiatives?{filters.querystring()}", build, store=True)


def _base_url(request: HttpRequest) -> str:
    """Scheme and host, for absolute entry URLs in the exports.

    Exports are unpaginated: `page` and `page_size` are accepted but have no effect.
    """
    return request.build_absolute_uri("/").rstrip("/")


@api.get(
    "/initiatives.geojson",
    url_name="initiatives-geojson",
    openapi_extra=_doc(FILTER_PARAMETERS, "application/geo+json", GEOJSON_SCHEMA),
    summary="Alle fiches als GeoJSON",
)
def initiatives_geojson(request: HttpRequest) -> HttpResponse:
    params, _extras = _query(request)
    filters = atlas_filters_parse(params)

    def build() -> HttpResponse:
        base_url = _base_url(request)
        features = geojson_features_sql(filters, base_url)
        if features is None:  # SQLite: build the same features in Python
            features = json.dumps(
                [
                    {
                        "type": "Feature",
                        "id": row["id"],
                        "geometry": {
                            "type": "Point",
                            "coordinates": [row.pop("longitude"), row.pop("latitude")],
                        },
                        "properties": row,
                    }
                    for row in entry_export_rows(filters, base_url)
                ],
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode()
        head = json.dumps(
            {"type": "FeatureCollection", "licence": LICENCE, "attribution": ATTRIBUTION},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return HttpResponse(
            b"".join((head[:-1].encode(), b',"features":', features, b"}")),
            content_type="application/geo+json; charset=utf-8",
        )

    return _conditional(
        request, f"geojson?{filters.querystring(without=('page', 'page_size'))}", build, store=True
    )


CSV_COLUMNS = [
    "id",
    "url",
    "name",
    "kind",
    "summary",
    "municipality_refnis",
    "municipality_name",
    "province",
    "latitude",
    "longitude",
    "location_is_exact",
    "themes",
    "werkvormen",
    "target_groups",
    "website",
    "contact_name",
    "contact_phone",
    "contact_email",
    "start_year",
    "last_confirmed_at",
    "published_at",
]


@api.get(
    "/initiatives.csv",
    url_name="initiatives-csv",
    openapi_extra=_doc(FILTER_PARAMETERS, "text/csv"),
    summary="Alle fiches als CSV",
)
def initiatives_csv(request: HttpRequest) -> HttpResponse:
    params, _extras = _query(request)
    filters = atlas_filters_parse(params)

    def build() -> HttpResponse:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for row in entry_export_rows(filters, _base_url(request)):
            writer.writerow(csv_row(row.get(column) for column in CSV_COLUMNS))
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="inspireer-elkaar.csv"'
        return response

    return _conditional(
        request, f"csv?{filters.querystring(without=('page', 'page_size'))}", build, store=True
    )


MAP_PARAMETERS = [
    *FILTER_PARAMETERS,
    _parameter(
        "zoom",
        "Zoomniveau van de kaart (0 tot 20).",
        {"type": "integer", "minimum": 0, "maximum": 20},
    ),
]


@api.get(
    "/map",
    url_name="map",
    openapi_extra=_doc(MAP_PARAMETERS, "application/geo+json", MAP_SCHEMA),
    summary="Punten of clusters voor een kaartbeeld",
)
def map_view(request: HttpRequest) -> HttpResponse:
    params, extras = _query(request, extra=("zoom",))
    raw_zoom = extras.get("zoom", "8")
    if not raw_zoom.isdigit() or not 0 <= int(raw_zoom) <= 20:
        raise ApiError("zoom", "'zoom' moet een geheel getal tussen 0 en 20 zijn.")
    zoom = int(raw_zoom)
    filters = atlas_filters_parse(params)

    def build() -> HttpResponse:
        data = map_features(filters, zoom)
        data["licence"] = LICENCE["name"]
        response = _json(data)
        response["Content-Type"] = "application/geo+json; charset=utf-8"
        return response

    return _conditional(
        request, f"map?{filters.querystring()}&zoom={zoom}", build, max_age=30, store=True
    )


@api.get(
    "/municipalities",
    url_name="municipalities",
    openapi_extra=_doc([], schema=MUNICIPALITIES_SCHEMA),
    summary="Alle gemeenten met het aantal fiches",
)
def municipalities(request: HttpRequest) -> HttpResponse:
    params, _extras = _query(request)
    if params:
        name = next(iter(params))[:50]
        raise ApiError(name, f"Onbekende parameter '{name}': deze lijst heeft geen filters.")

    def build() -> HttpResponse:
        rows = municipality_counts()
        return _json(
            {
                "count": len(rows),
                "licence": LICENCE,
                "attribution": ATTRIBUTION,
                "results": [
                    {
                        "refnis": row["refnis"],
                        "name": row["name_nl"],
                        "name_fr": row["name_fr"],
                        "slug": row["slug"],
                        "province": row["province__slug"],
                        "region": row["region__name_nl"],
                        "latitude": row["latitude"],
                        "longitude": row["longitude"],
                        "count": row["count"],
                        "counts_by_kind": {
                            kind: row[f"count_{kind.replace('-', '_')}"]
                            for kind in EntryKind.values
                        },
                    }
                    for row in rows
                ],
            }
        )

    return _conditional(request, "municipalities", build, max_age=300, store=True)
