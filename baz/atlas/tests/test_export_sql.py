"""The API's data version and the GeoJSON features PostgreSQL builds in SQL."""

import json

import pytest
from django.db import connection

from baz.atlas.export_sql import geojson_features_sql
from baz.atlas.models import EntryKind, EntryStatus, TargetGroup, Theme, Werkvorm
from baz.atlas.presentation import entry_export_rows
from baz.atlas.selectors.filters import atlas_filters_parse
from baz.atlas.tests.factories import EntryFactory
from baz.atlas.versioning import data_version
from baz.core.models import Municipality

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

XSS = '<script>alert("x")</script>"\\ \n\t é'


@pytest.fixture
def gent():
    return Municipality.objects.get(refnis="44021")


def test_every_change_to_an_entry_moves_the_data_version_on(gent):
    before = data_version()[0]
    entry = EntryFactory(municipality=gent)
    after_create = data_version()[0]
    entry.themes.add(Theme.objects.get(slug="armoede"))
    after_theme = data_version()[0]
    entry.delete()
    after_delete = data_version()[0]

    assert before < after_create < after_theme < after_delete


def test_reading_the_version_twice_gives_the_same_answer(gent):
    EntryFactory(municipality=gent)
    assert data_version() == data_version()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="built in SQL on PostgreSQL only")
@pytest.mark.parametrize("query", ["", "near=9000", "q=buurt", "theme=armoede&sort=newest"])
def test_sql_features_equal_the_python_rows(gent, query):
    armoede = Theme.objects.get(slug="armoede")
    werkvorm = Werkvorm.objects.order_by("pk").first()
    group = TargetGroup.objects.order_by("pk").first()
    EntryFactory(
        municipality=gent,
        name=f"Buurtsoep {XSS}",
        summary=XSS,
        themes=[armoede, *Theme.objects.exclude(pk=armoede.pk)[:2]],
        werkvormen=[werkvorm],
        target_groups=[group],
        street="Kerkstraat 1",
        postal_code="9000",
        place="Gent",
        location_is_exact=True,
        website="javascript:alert(1)",
        contact_name="Ann",
        show_contact_name=True,
        contact_email="ann@example.org",
        start_year=2019,
    )
    EntryFactory(
        municipality=gent,
        name="Buurthuis zonder adres",
        kind=EntryKind.ORGANISATION,
        street="Geheim 2",
        location_is_exact=False,
        website="https://example.org/",
        contact_phone="09 000 00 00",
    )
    EntryFactory(municipality=gent, name="Nog niet klaar", status=EntryStatus.SUBMITTED)
    filters = atlas_filters_parse(dict(p.split("=") for p in query.split("&") if p))

    features = json.loads(geojson_features_sql(filters, "https://example.org") or "null")
    rows = entry_export_rows(filters, "https://example.org")

    assert [f["id"] for f in features] == [row["id"] for row in rows]
    for feature, row in zip(features, rows, strict=True):
        assert feature["geometry"]["coordinates"] == [row.pop("longitude"), row.pop("latitude")]
        published = feature["properties"].pop("published_at")
        expected_published = row.pop("published_at")
        # Same instant; PostgreSQL drops trailing zeros of the microseconds.
        assert (published is None) == (expected_published is None)
        if published:
            assert published[:19] == expected_published[:19]
        assert feature["properties"] == row


def test_a_new_theme_shows_in_the_cached_filter_panel_at_once(client):
    from django.core.cache import cache

    cache.clear()
    assert client.get("/inspireer-elkaar/").status_code == 200
    Theme.objects.create(name="Digitale kloof", slug="digitale-kloof", sort_order=99)

    assert "Digitale kloof" in client.get("/inspireer-elkaar/").text


def _export(client):
    from django.core.cache import cache

    cache.clear()
    response = client.get("/api/v1/initiatives.geojson")
    assert response.status_code == 200
    return {f["id"]: f["properties"] for f in response.json()["features"]}


def _stored_rows():
    from baz.atlas.models import EntryFeature

    return EntryFeature.objects.count()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stored features on PostgreSQL")
def test_stored_features_follow_every_change_of_what_they_show(client, gent):
    from baz.atlas.models import Entry
    from baz.core.models import Province

    armoede = Theme.objects.get(slug="armoede")
    entry = EntryFactory(municipality=gent, name="Buurtsoep", themes=[armoede])
    other = EntryFactory(municipality=gent, name="Andere")
    assert _export(client)[entry.pk]["themes"] == ["armoede"]
    assert _stored_rows() == 2  # the first export stored both

    # A term's slug (a plain save of another model, no entry saved).
    Theme.objects.filter(pk=armoede.pk).update(slug="armoede-nieuw")
    assert _export(client)[entry.pk]["themes"] == ["armoede-nieuw"]

    # The municipality's name and the province's slug (reference data).
    Municipality.objects.filter(pk=gent.pk).update(name_nl="Gent (nieuw)")
    Province.objects.filter(pk=gent.province_id).update(slug="oost-vlaanderen-x")
    properties = _export(client)
    assert properties[entry.pk]["municipality_name"] == "Gent (nieuw)"
    assert properties[other.pk]["province"] == "oost-vlaanderen-x"

    # The entry through a queryset update that skips save() and signals, and its links.
    Entry.objects.filter(pk=entry.pk).update(name="Soep voor iedereen")
    entry.werkvormen.add(Werkvorm.objects.order_by("pk").first())
    properties = _export(client)
    assert properties[entry.pk]["name"] == "Soep voor iedereen"
    assert properties[entry.pk]["werkvormen"] == [Werkvorm.objects.order_by("pk").first().slug]

    # Unpublished without save(): gone from the export; deleted: its stored text too.
    Entry.objects.filter(pk=other.pk).update(status=EntryStatus.DRAFT)
    assert other.pk not in _export(client)
    entry.delete()
    assert _export(client) == {}
    assert _stored_rows() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stored features on PostgreSQL")
def test_stored_features_are_equal_to_freshly_built_ones(gent):
    EntryFactory(municipality=gent, name=f"Buurtsoep {XSS}", summary=XSS, website="https://a.b/")
    filters = atlas_filters_parse({})

    first = geojson_features_sql(filters, "https://example.org")  # builds and stores
    second = geojson_features_sql(filters, "https://example.org")  # reads the stored text
    other_origin = geojson_features_sql(filters, "http://localhost:8000")

    assert first == second
    assert json.loads(other_origin)[0]["properties"]["url"].startswith("http://localhost:8000/")


def test_renaming_a_municipality_changes_the_data_version(gent):
    before = data_version()[0]
    gent.name_nl = "Gent (nieuw)"
    gent.save(update_fields=["name_nl"])

    assert data_version()[0] > before
