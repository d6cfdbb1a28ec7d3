"""The reference data matches real Belgian facts after the mergers of 1 January 2025."""

import pytest

from baz.core.models import Municipality, PostalCode, Province, Region
from baz.core.selectors import (
    municipalities_by_postal_code,
    municipality_get,
    municipality_search,
    postal_code_clean,
)

pytestmark = pytest.mark.usefixtures("reference_data")

# Belgium's bounding box, with a small margin.
LAT_MIN, LAT_MAX, LON_MIN, LON_MAX = 49.49, 51.51, 2.54, 6.41


def test_there_are_565_municipalities_285_of_them_flemish(db):
    assert Municipality.objects.count() == 565
    assert Municipality.objects.flemish().count() == 285


def test_the_19_brussels_municipalities_have_a_region_but_no_province(db):
    brussels = Municipality.objects.filter(region__refnis="04000")

    assert brussels.count() == 19
    assert not brussels.exclude(province=None).exists()
    assert Municipality.objects.filter(province=None).count() == 19


def test_three_regions_and_ten_provinces(db):
    assert Region.objects.count() == 3
    assert Province.objects.count() == 10
    assert Province.objects.get(refnis="40000").short_name == "Oost-Vlaanderen"


def test_every_municipality_has_a_position_inside_belgium(db):
    outside = [
        m.name_nl
        for m in Municipality.objects.all()
        if m.latitude is None
        or m.longitude is None
        or not (LAT_MIN <= m.latitude <= LAT_MAX and LON_MIN <= m.longitude <= LON_MAX)
    ]
    assert outside == []


def test_every_municipality_has_at_least_one_postal_code(db):
    assert not Municipality.objects.filter(postal_codes=None).exists()


@pytest.mark.parametrize(
    ("postal_code", "expected"),
    [
        ("9000", [("44021", "Gent")]),
        ("2000", [("11002", "Antwerpen")]),
        # A former municipality's code finds the merged one.
        ("9090", [("44088", "Merelbeke-Melle")]),
        # One code, two municipalities: the street decides, so both are returned.
        ("1040", [("21004", "Brussel"), ("21005", "Etterbeek")]),
        (" 3000 ", [("24062", "Leuven")]),
        ("B-8000", [("31005", "Brugge")]),
    ],
)
def test_postal_code_finds_its_municipalities(db, postal_code, expected):
    found = municipalities_by_postal_code(postal_code=postal_code)

    assert [(m.refnis, m.name_nl) for m in found] == expected


@pytest.mark.parametrize("value", ["", "900", "90000", "abcd", "0999", "9 000", "9000a"])
def test_malformed_postal_code_raises_a_clear_value_error(db, value):
    with pytest.raises(ValueError, match="geen geldige Belgische postcode"):
        municipalities_by_postal_code(postal_code=value)


def test_unknown_but_well_formed_postal_code_finds_nothing(db):
    assert municipalities_by_postal_code(postal_code="1001") == []


def test_postal_code_clean_keeps_four_digits():
    assert postal_code_clean(" 9000") == "9000"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Gent", "Gent"),
        ("gent", "Gent"),
        ("Anvers", "Antwerpen"),  # French name
        ("Liège", "Luik"),
        ("liege", "Luik"),  # without the accent
        ("Melle", "Merelbeke-Melle"),  # former municipality, now a part of the merged one
        ("9090", "Merelbeke-Melle"),
        ("sint-niklaas", "Sint-Niklaas"),
    ],
)
def test_municipality_search_matches_names_places_and_postal_codes(db, query, first):
    results = municipality_search(query=query)

    assert results, f"no result for {query!r}"
    assert results[0].name_nl == first


def test_municipality_search_returns_both_municipalities_of_a_shared_postal_code(db):
    assert {m.name_nl for m in municipality_search(query="1040")} == {"Brussel", "Etterbeek"}


def test_municipality_search_limits_results_and_ignores_empty_queries(db):
    assert len(municipality_search(query="sint", limit=5)) == 5
    assert municipality_search(query="   ") == []
    assert municipality_search(query="123456") == []


def test_municipality_search_uses_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        municipality_search(query="gent")


def test_municipality_get_by_refnis(db):
    assert municipality_get(refnis="44021").name_nl == "Gent"
    assert municipality_get(refnis="99999") is None


def test_brussels_municipality_shows_its_region_as_area(db):
    assert municipality_get(refnis="21004").area_name == "Brussels Hoofdstedelijk Gewest"
    assert municipality_get(refnis="44021").area_name == "Oost-Vlaanderen"


def test_postal_codes_of_a_merged_municipality_carry_their_place_names(db):
    melle = PostalCode.objects.get(code="9090")

    assert melle.municipality.refnis == "44088"
    assert "Gontrode" in melle.place_names
    assert municipality_search(query="Gontrode")[0].name_nl == "Merelbeke-Melle"
