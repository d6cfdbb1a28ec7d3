"""The API's data version and the GeoJSON features PostgreSQL builds in SQL."""

import json

import pytest
from django.db import connection

from baz.atlas.export_sql import geojson_features_sql
from baz.atlas.models import EntryKind, EntryStatus, TargetGroup, Theme, Werkvorm
from baz.atlas.presentation import entry_export_rows
from baz.atlas.selectors import atlas_filters_parse
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
