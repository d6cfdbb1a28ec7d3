"""The filter contract and the reads behind the atlas page, the map and the API."""

import pytest
from django.http import QueryDict

from baz.atlas.models import Entry, EntryKind, EntryStatus, Theme, Werkvorm
from baz.atlas.selectors.entries import entry_list, entry_related
from baz.atlas.selectors.filters import AtlasFilterError, AtlasFilters, atlas_filters_parse
from baz.atlas.selectors.map import MAP_MAX_FEATURES, map_features
from baz.atlas.selectors.municipalities import baz_active_municipality_ids, municipality_counts
from baz.atlas.tests.factories import EntryFactory
from baz.core.models import Municipality

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

GENT = "44021"


def parse(query: str) -> AtlasFilters:
    return atlas_filters_parse(QueryDict(query))


# --- Parsing --------------------------------------------------------------------------------


def test_no_parameters_give_the_default_state():
    filters = parse("")

    assert filters == AtlasFilters()
    assert filters.effective_sort == "name"
    assert not filters.is_filtered


def test_every_filter_is_parsed_and_written_back_canonically():
    filters = parse(
        "kind=burgerinitiatief&municipality=44021&province=oost-vlaanderen"
        "&theme=eenzaamheid&theme=armoede&werkvorm=lotgenotenwerking&target_group=ouderen"
        "&q=Buurt++koffie&near=9000&bbox=3.6,50.9,3.9,51.2&baz_active=true&sort=distance"
        "&page=2&page_size=50"
    )

    assert filters.kind == "burgerinitiatief"
    assert filters.municipality == GENT
    assert filters.municipality_name == "Gent"
    assert filters.province == "oost-vlaanderen"
    assert filters.theme == ("eenzaamheid", "armoede")
    assert filters.werkvorm == ("lotgenotenwerking",)
    assert filters.target_group == ("ouderen",)
    assert filters.q == "Buurt koffie"
    assert filters.near == "9000"
    assert filters.near_point is not None
    assert filters.bbox == (3.6, 50.9, 3.9, 51.2)
    assert filters.baz_active is True
    assert filters.sort == "distance"
    assert (filters.page, filters.page_size) == (2, 50)
    assert parse(filters.querystring()) == filters


def test_a_plain_mapping_works_like_a_querydict():
    assert atlas_filters_parse({"theme": ["armoede"], "page": "3"}).theme == ("armoede",)


@pytest.mark.parametrize(
    ("value", "refnis"),
    [("44021", GENT), ("9000", GENT), ("Gent", GENT), ("gent", GENT), ("9090", "44088")],
)
def test_municipality_accepts_refnis_postal_code_or_name(value, refnis):
    assert parse(f"municipality={value}").municipality == refnis


def test_province_accepts_slug_or_refnis():
    assert parse("province=40000").province == "oost-vlaanderen"
    assert parse("province=Oost-Vlaanderen").province == "oost-vlaanderen"


def test_default_sort_follows_the_filters():
    assert parse("q=koffie").effective_sort == "relevance"
    assert parse("near=9000").effective_sort == "distance"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("colour=red", "colour"),
        ("kind=vereniging", "kind"),
        ("kind=a&kind=b", "kind"),
        ("municipality=99999", "municipality"),
        ("municipality=Atlantis", "municipality"),
        ("municipality=0123", "municipality"),
        ("province=atlantis", "province"),
        ("theme=bestaat-niet", "theme"),
        ("theme=<script>", "theme"),
        ("werkvorm=bestaat-niet", "werkvorm"),
        ("target_group=bestaat-niet", "target_group"),
        ("near=90", "near"),
        ("near=abcd", "near"),
        ("bbox=1,2,3", "bbox"),
        ("bbox=a,b,c,d", "bbox"),
        ("bbox=1,2,3,4,5", "bbox"),
        ("bbox=5,50,4,51", "bbox"),
        ("bbox=nan,50,4,51", "bbox"),
        ("bbox=0,-100,1,1", "bbox"),
        ("baz_active=misschien", "baz_active"),
        ("sort=random", "sort"),
        ("sort=distance", "sort"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=twee", "page"),
        ("page_size=0", "page_size"),
        ("page_size=101", "page_size"),
        ("q=" + "x" * 201, "q"),
        ("theme=" + "&theme=".join(["armoede"] * 21), "theme"),
    ],
)
def test_bad_parameters_raise_a_dutch_error_naming_the_parameter(query, parameter):
    with pytest.raises(AtlasFilterError) as caught:
        parse(query)

    assert caught.value.parameter == parameter
    assert caught.value.message


def test_a_query_string_that_is_too_long_in_total_is_refused():
    query = "q=" + "x" * 150
    query += "".join(f"&theme={'x' * 150}" for _ in range(15))
    with pytest.raises(AtlasFilterError):
        parse(query)


# --- Lists ----------------------------------------------------------------------------------


@pytest.fixture
def gent():
    return Municipality.objects.get(refnis=GENT)


@pytest.fixture
def leuven():
    return Municipality.objects.get(name_nl="Leuven")


def test_only_published_entries_are_listed(gent):
    shown = EntryFactory(municipality=gent)
    for status in (EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.ARCHIVED):
        EntryFactory(municipality=gent, status=status)

    assert list(entry_list(parse(""))) == [shown]


def test_filters_combine_and_repeated_values_mean_any_of_them(gent, leuven):
    armoede = Theme.objects.get(slug="armoede")
    eenzaamheid = Theme.objects.get(slug="eenzaamheid")
    buddy = Werkvorm.objects.get(slug="buddy-of-duowerking")
    a = EntryFactory(municipality=gent, themes=[armoede], werkvormen=[buddy])
    b = EntryFactory(municipality=gent, themes=[eenzaamheid, armoede])
    c = EntryFactory(municipality=leuven, themes=[eenzaamheid])
    EntryFactory(municipality=leuven, kind=EntryKind.ORGANISATION)

    assert set(entry_list(parse("theme=armoede&theme=eenzaamheid"))) == {a, b, c}
    assert set(entry_list(parse("theme=armoede&werkvorm=buddy-of-duowerking"))) == {a}
    assert set(entry_list(parse("municipality=Leuven&theme=eenzaamheid"))) == {c}
    assert set(entry_list(parse("province=vlaams-brabant"))) == {c, Entry.objects.last()}
    assert entry_list(parse("kind=organisatie")).count() == 1
    # Two matching themes never count one entry twice.
    assert entry_list(parse("theme=armoede&theme=eenzaamheid")).count() == 3


def test_taxonomy_filters_match_by_id_as_by_slug(gent, leuven):
    """Parsed filters carry the terms' ids (the database plans better on them); filters built
    by hand with slugs only must find exactly the same entries."""
    armoede = Theme.objects.get(slug="armoede")
    buddy = Werkvorm.objects.get(slug="buddy-of-duowerking")
    a = EntryFactory(municipality=gent, themes=[armoede], werkvormen=[buddy])
    b = EntryFactory(municipality=leuven, themes=[armoede])
    EntryFactory(municipality=leuven, werkvormen=[buddy])

    parsed = parse("theme=armoede&werkvorm=buddy-of-duowerking")
    assert parsed.theme_ids == (armoede.pk,)
    assert parsed.werkvorm_ids == (buddy.pk,)
    by_hand = AtlasFilters(theme=("armoede",), werkvorm=("buddy-of-duowerking",))
    assert parsed == by_hand  # the ids are derived, not part of the state
    assert list(entry_list(parsed)) == list(entry_list(by_hand)) == [a]
    newest = parse("theme=armoede&sort=newest")
    assert set(entry_list(newest)) == set(entry_list(AtlasFilters(theme=("armoede",)))) == {a, b}


def test_an_entry_serving_a_municipality_is_found_there(gent, leuven):
    entry = EntryFactory(municipality=gent)
    entry.served_municipalities.add(leuven)

    assert list(entry_list(parse("municipality=Leuven"))) == [entry]


def test_free_text_ignores_accents_and_case_and_ranks_names_first(gent):
    summary_hit = EntryFactory(
        municipality=gent, name="Buurtwerk", summary="Een café voor iedereen"
    )
    name_hit = EntryFactory(municipality=gent, name="Café Samen", summary="Koffie en babbel")
    EntryFactory(municipality=gent, name="Fietsherstel", summary="Samen fietsen maken")

    assert list(entry_list(parse("q=CAFE"))) == [name_hit, summary_hit]
    assert list(entry_list(parse("q=cafe samen"))) == [name_hit]


def test_near_sorts_by_distance(gent, leuven):
    far = EntryFactory(municipality=leuven, name="A in Leuven")
    close = EntryFactory(municipality=gent, name="Z in Gent")

    assert list(entry_list(parse("near=9000"))) == [close, far]
    assert list(entry_list(parse("near=3000"))) == [far, close]
    assert list(entry_list(parse("near=9000&sort=name"))) == [far, close]


def test_bbox_keeps_entries_inside_it(gent, leuven):
    inside = EntryFactory(municipality=gent)
    EntryFactory(municipality=leuven)

    assert list(entry_list(parse("bbox=3.5,50.9,3.9,51.2"))) == [inside]


def test_baz_active_lists_consenting_collaborating_local_governments(gent, leuven):
    active = EntryFactory(
        municipality=gent,
        kind=EntryKind.LOCAL_GOVERNMENT,
        baz_collaboration=True,
        baz_map_consent=True,
    )
    EntryFactory(municipality=leuven, kind=EntryKind.LOCAL_GOVERNMENT, baz_collaboration=True)
    EntryFactory(municipality=gent)

    assert baz_active_municipality_ids() == {gent.pk}
    assert list(entry_list(parse("baz_active=true"))) == [active]
    assert entry_list(parse("baz_active=false")).count() == 3


def test_list_queries_do_not_grow_with_results(gent, django_assert_num_queries):
    armoede = Theme.objects.get(slug="armoede")
    for _ in range(15):
        EntryFactory(municipality=gent, themes=[armoede])

    with django_assert_num_queries(4):  # entries + three prefetched taxonomies
        rows = list(entry_list(parse("")))
        for row in rows:
            _ = [t.slug for t in row.themes.all()], row.municipality.province

    assert len(rows) == 15


def test_related_entries_share_a_theme_and_come_nearest_first(gent, leuven):
    armoede = Theme.objects.get(slug="armoede")
    entry = EntryFactory(municipality=gent, themes=[armoede])
    far = EntryFactory(municipality=leuven, themes=[armoede])
    near = EntryFactory(municipality=gent, themes=[armoede])
    EntryFactory(municipality=gent)

    assert entry_related(entry) == [near, far]


# --- Map ------------------------------------------------------------------------------------


def test_few_results_are_points_with_a_link(gent):
    entry = EntryFactory(municipality=gent)

    result = map_features(parse(""), zoom=8)

    assert result["mode"] == "points"
    assert (
        result["features"][0]["properties"]["url"] == f"/inspireer-elkaar/{entry.pk}-{entry.slug}/"
    )


@pytest.fixture
def many_entries(gent):
    """A few thousand entries spread over Flanders, bulk-created."""
    import random

    rng = random.Random(4)
    # At most one published lokaal-bestuur profile per municipality (a database constraint).
    kinds = [kind for kind in EntryKind.values if kind != EntryKind.LOCAL_GOVERNMENT]
    Entry.objects.bulk_create(
        [
            Entry(
                kind=rng.choice(kinds),
                name=f"Synthetisch {i}",
                slug=f"synthetisch-{i}",
                summary="Test",
                municipality=gent,
                latitude=rng.uniform(50.7, 51.4),
                longitude=rng.uniform(2.6, 5.8),
                status=EntryStatus.PUBLISHED,
            )
            for i in range(3000)
        ]
    )


@pytest.mark.usefixtures("many_entries")
def test_cluster_counts_add_up_to_the_list_count_at_every_zoom(django_assert_max_num_queries):
    queries = [
        "",
        "kind=organisatie",
        "bbox=2.5,50.6,6.0,51.5",
        "bbox=3.5,50.9,4.4,51.2",
        "bbox=-180,-90,180,90",
        "bbox=4.0,51.0,4.05,51.05",
    ]
    for query in queries:
        filters = parse(query)
        expected = entry_list(filters).count()
        for zoom in (0, 5, 8, 10, 13, 18):
            # One aggregate query for clusters; a second one only to fetch few points.
            with django_assert_max_num_queries(2):
                result = map_features(filters, zoom=zoom)

            assert len(result["features"]) <= MAP_MAX_FEATURES, (query, zoom)
            counted = sum(
                f["properties"]["count"] if f["properties"]["cluster"] else 1
                for f in result["features"]
            )
            assert counted == result["total"] == expected, (query, zoom)


def test_municipality_counts_cover_every_municipality(gent):
    EntryFactory(municipality=gent)
    EntryFactory(municipality=gent, kind=EntryKind.ORGANISATION)
    EntryFactory(municipality=gent, status=EntryStatus.DRAFT)

    rows = {row["refnis"]: row for row in municipality_counts()}

    assert len(rows) == 565
    assert rows[GENT]["count"] == 2
    assert rows[GENT]["count_organisatie"] == 1
    assert rows["24062"]["count"] == 0


def test_newest_first_with_a_theme_can_walk_an_index_on_postgresql(gent):
    """On PostgreSQL the API's "newest first" page of a theme has a plan without a sort: it
    reads the newest entries in index order and stops after one page (at 20,000 entries the
    database picks it; this tiny table needs sorting switched off to show it exists)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from baz.atlas.selectors.entries import entry_api_page

    if connection.vendor != "postgresql":
        pytest.skip("the index and the plan are PostgreSQL's")
    armoede = Theme.objects.get(slug="armoede")
    for _ in range(3):
        EntryFactory(municipality=gent, themes=[armoede])
    with CaptureQueriesContext(connection) as queries:
        page, _slugs = entry_api_page(parse("theme=armoede&sort=newest"))
    assert len(page.object_list) == 3
    ordered = [q["sql"] for q in queries if "ORDER BY" in q["sql"] and "LIMIT" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + ordered[0])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "atlas_entry_status_newest" in plan, plan
    assert "Sort" not in plan, plan
