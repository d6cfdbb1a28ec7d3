"""The open-data API: the page's filter contract over HTTP, exports, errors and caching."""

import csv
import io

import pytest
from django.core.cache import cache

from baz.atlas.models import EntryKind, EntryStatus, Theme
from baz.atlas.tests.factories import EntryFactory
from baz.core.models import Municipality

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def gent():
    return Municipality.objects.get(refnis="44021")


@pytest.fixture
def leuven():
    return Municipality.objects.get(name_nl="Leuven")


@pytest.fixture
def entries(gent, leuven):
    armoede = Theme.objects.get(slug="armoede")
    return [
        EntryFactory(municipality=gent, name="Buurtsoep Gent", themes=[armoede]),
        EntryFactory(municipality=leuven, name="Duo Leuven", kind=EntryKind.ORGANISATION),
        EntryFactory(municipality=gent, name="Nog niet klaar", status=EntryStatus.SUBMITTED),
    ]


def test_initiatives_lists_only_published_entries_with_pagination(client, entries):
    response = client.get("/api/v1/initiatives", {"page_size": 1})

    data = response.json()
    assert response.status_code == 200
    assert data["count"] == 2
    assert data["previous"] is None
    assert data["next"] == "http://testserver/api/v1/initiatives?page=2&page_size=1"
    assert [row["name"] for row in data["results"]] == ["Buurtsoep Gent"]
    assert data["licence"]["name"] == "CC BY 4.0"

    second = client.get(data["next"]).json()
    assert [row["name"] for row in second["results"]] == ["Duo Leuven"]
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/initiatives?page_size=1"


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"kind": "organisatie"}, ["Duo Leuven"]),
        ({"municipality": "44021"}, ["Buurtsoep Gent"]),
        ({"province": "vlaams-brabant"}, ["Duo Leuven"]),
        ({"theme": "armoede"}, ["Buurtsoep Gent"]),
        ({"werkvorm": "lotgenotenwerking"}, []),
        ({"target_group": "ouderen"}, []),
        ({"q": "SOEP"}, ["Buurtsoep Gent"]),
        ({"near": "3000"}, ["Duo Leuven", "Buurtsoep Gent"]),
        ({"bbox": "3.5,50.9,3.9,51.2"}, ["Buurtsoep Gent"]),
        ({"baz_active": "true"}, []),
        ({"sort": "newest"}, ["Duo Leuven", "Buurtsoep Gent"]),
        ({"sort": "name"}, ["Buurtsoep Gent", "Duo Leuven"]),
    ],
)
def test_every_filter_works_in_the_api(client, entries, query, names):
    response = client.get("/api/v1/initiatives", query)

    assert response.status_code == 200, response.content
    assert [row["name"] for row in response.json()["results"]] == names


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("kind=vereniging", "kind"),
        ("municipality=99999", "municipality"),
        ("bbox=1,2,3", "bbox"),
        ("bbox=a,b,c,d", "bbox"),
        ("page=-1", "page"),
        ("page_size=0", "page_size"),
        ("page=99", "page"),
        ("colour=red", "colour"),
        ("q=" + "x" * 10_000, None),
        ("&".join(f"a{i}=1" for i in range(1500)), None),
    ],
)
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/initiatives",
        "/api/v1/initiatives.geojson",
        "/api/v1/initiatives.csv",
        "/api/v1/map",
    ],
)
def test_bad_input_answers_400_json_never_500(client, entries, path, query, parameter):
    if path != "/api/v1/initiatives" and query == "page=99":
        return  # exports are not paginated
    response = client.get(f"{path}?{query}")

    assert response.status_code == 400
    body = response.json()
    assert body["error"]
    assert body["parameter"] == parameter
    assert response["Access-Control-Allow-Origin"] == "*"


def test_map_rejects_a_bad_zoom(client):
    response = client.get("/api/v1/map?zoom=99")

    assert response.status_code == 400
    assert response.json()["parameter"] == "zoom"


def test_contact_fields_appear_only_with_consent(client, gent):
    EntryFactory(
        municipality=gent,
        contact_name="An Voorbeeld",
        contact_phone="09 111 22 33",
        contact_email="an@example.org",
        show_contact_name=True,
        show_contact_email=False,
        show_contact_phone=False,
    )

    row = client.get("/api/v1/initiatives").json()["results"][0]
    geojson = client.get("/api/v1/initiatives.geojson").json()
    csv_text = client.get("/api/v1/initiatives.csv").content.decode()

    assert row["contact"] == {"name": "An Voorbeeld", "phone": None, "email": None}
    properties = geojson["features"][0]["properties"]
    assert properties["contact_name"] == "An Voorbeeld"
    assert properties["contact_email"] is None
    assert properties["contact_phone"] is None
    assert "an@example.org" not in csv_text
    assert "09 111 22 33" not in csv_text
    assert "An Voorbeeld" in csv_text


def test_geojson_is_a_feature_collection_of_points(client, entries):
    response = client.get("/api/v1/initiatives.geojson")

    data = response.json()
    assert response["Content-Type"].startswith("application/geo+json")
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 2
    feature = data["features"][0]
    assert feature["geometry"]["type"] == "Point"
    lon, lat = feature["geometry"]["coordinates"]
    assert 2.5 < lon < 6.5
    assert 49.4 < lat < 51.6
    assert "Statbel" in data["attribution"]


def test_csv_has_a_header_and_one_row_per_entry(client, entries):
    response = client.get("/api/v1/initiatives.csv", {"kind": "burgerinitiatief"})

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert len(rows) == 1
    assert rows[0]["name"] == "Buurtsoep Gent"
    assert rows[0]["municipality_refnis"] == "44021"
    assert rows[0]["themes"] == "armoede"


def test_csv_cells_cannot_become_spreadsheet_formulas(client, gent):
    EntryFactory(municipality=gent, name="=HYPERLINK(1)")

    text = client.get("/api/v1/initiatives.csv").content.decode("utf-8-sig")

    assert "'=HYPERLINK(1)" in text


def test_map_gives_points_for_few_results(client, entries):
    data = client.get("/api/v1/map", {"bbox": "2.5,49.5,6.5,51.6", "zoom": "8"}).json()

    assert data["mode"] == "points"
    assert data["total"] == 2
    assert {f["properties"]["name"] for f in data["features"]} == {"Buurtsoep Gent", "Duo Leuven"}


def test_municipalities_lists_all_565_with_counts(client, entries):
    data = client.get("/api/v1/municipalities").json()

    assert data["count"] == 565
    gent = next(row for row in data["results"] if row["refnis"] == "44021")
    assert gent["count"] == 1
    assert gent["counts_by_kind"]["burgerinitiatief"] == 1
    assert client.get("/api/v1/municipalities?kind=x").status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/initiatives",
        "/api/v1/initiatives.geojson",
        "/api/v1/initiatives.csv",
        "/api/v1/map?zoom=8",
        "/api/v1/municipalities",
    ],
)
def test_unchanged_data_answers_304_to_a_conditional_request(client, entries, path):
    first = client.get(path)
    assert first.status_code == 200
    assert first["Access-Control-Allow-Origin"] == "*"
    assert first["Last-Modified"]

    again = client.get(path, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304

    entries[0].name = "Buurtsoep Gent (nieuw)"
    entries[0].save()
    changed = client.get(path, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


@pytest.mark.parametrize(
    ("path", "max_queries"),
    [
        ("/api/v1/initiatives?theme=armoede&municipality=Gent", 7),
        ("/api/v1/initiatives.geojson", 6),
        ("/api/v1/initiatives.csv", 6),
        ("/api/v1/map?zoom=8&bbox=2.5,49.5,6.5,51.6", 3),
        ("/api/v1/municipalities", 2),
    ],
)
def test_query_counts_do_not_grow_with_results(
    client, gent, path, max_queries, django_assert_max_num_queries
):
    armoede = Theme.objects.get(slug="armoede")
    for _ in range(2):
        EntryFactory(municipality=gent, themes=[armoede])
    with django_assert_max_num_queries(max_queries):
        client.get(path)
    for _ in range(25):
        EntryFactory(municipality=gent, themes=[armoede])
    cache.clear()

    with django_assert_max_num_queries(max_queries):
        response = client.get(path)

    assert response.status_code == 200


def test_text_fields_stay_inert_in_the_api(client, gent):
    EntryFactory(
        municipality=gent,
        name=XSS,
        summary=XSS,
        description=f'<p>Hallo</p>{XSS}<a href="javascript:alert(1)">klik</a>',
    )

    row = client.get("/api/v1/initiatives").json()["results"][0]

    assert row["name"] == XSS  # data stays data; consumers escape it
    assert "<script" not in row["description_html"]
    assert "onerror" not in row["description_html"]
    assert "javascript:" not in row["description_html"]
    assert client.get("/api/v1/initiatives")["Content-Type"].startswith("application/json")


def test_openapi_document_states_the_licence_and_the_filters(client):
    doc = client.get("/api/v1/openapi.json").json()

    assert doc["info"]["license"]["name"] == "CC BY 4.0"
    assert "Statbel" in doc["info"]["x-attribution"]
    assert "ODbL" in doc["info"]["x-attribution"]
    names = {p["name"] for p in doc["paths"]["/api/v1/initiatives"]["get"]["parameters"]}
    assert names == {
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
    }
    assert {
        "/api/v1/initiatives.geojson",
        "/api/v1/initiatives.csv",
        "/api/v1/map",
        "/api/v1/municipalities",
    } <= set(doc["paths"])
