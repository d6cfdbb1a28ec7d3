"""Search through the database: the same word pairs and hostile queries on SQLite and PostgreSQL.

Run on both: `pytest baz/search` (SQLite) and with DATABASE_URL pointing at PostgreSQL.
"""

from __future__ import annotations

import pytest
from django.db import connection

from baz.search.models import SearchDocument, SearchGroup
from baz.search.selectors import search_params_parse, site_search
from baz.search.tests.test_dutch import WORD_PAIRS

pytestmark = pytest.mark.django_db


def test_the_full_text_structure_of_this_database_exists():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'search_fts'")
            assert cursor.fetchone() is not None
        else:
            assert connection.vendor == "postgresql"
            cursor.execute(
                "SELECT 1 FROM information_schema.columns "
                "WHERE table_name = 'search_searchdocument' AND column_name = 'search_vector'"
            )
            assert cursor.fetchone() is not None


@pytest.mark.parametrize(("written", "asked"), WORD_PAIRS)
def test_a_query_finds_the_other_form_of_the_word(publish_page, search_urls, written, asked):
    page = publish_page("Een pagina", f"Hier staat het woord {written} in een zin.")
    other = publish_page("Een andere", f"Hier staat {asked} als woord.")
    publish_page("Ruis", "Over iets helemaal anders: de bibliotheek en de markt.")

    assert sorted(search_urls(asked)) == sorted([page.url, other.url])
    assert sorted(search_urls(written)) == sorted([page.url, other.url])


def test_a_french_municipality_name_finds_the_dutch_one(reference_data, publish_page, search_urls):
    gent = publish_page("Buurtsoep", "Elke donderdag soep in Gent.")
    leuven = publish_page("Repair café", "Samen herstellen in Leuven.")
    brussels = publish_page("Taalcafé", "Nederlands praten in Sint-Gillis.")

    assert search_urls("Gand") == [gent.url]
    assert search_urls("soep gand") == [gent.url]
    assert search_urls("Louvain") == [leuven.url]
    assert search_urls("Saint-Gilles") == [brussels.url]
    assert search_urls("Gent") == [gent.url]


def test_every_word_of_the_query_must_match_and_title_ranks_first(publish_page, search_urls):
    in_text = publish_page("Boodschappendienst", "Vrijwilligers doen boodschappen in de wijk.")
    in_title = publish_page("Vrijwilligers in de wijk", "Een buurt die samenwerkt.")
    publish_page("Alleen vrijwilligers", "Zonder dat andere woord.")

    assert search_urls("vrijwilliger wijken") == [in_title.url, in_text.url]


HOSTILE_QUERIES = [
    "",
    " ",
    '"',
    "'",
    '""',
    "*",
    "-",
    ":",
    "NEAR",
    "NEAR(vrijwilliger buurt)",
    "vrijwilliger AND buurt",
    "vrijwilliger OR",
    "NOT vrijwilliger",
    "-vrijwilliger",
    "title:vrijwilliger",
    "vrijwil*",
    '"vrijwilliger',
    "'; DROP TABLE search_searchdocument; --",
    "1' OR '1'='1",
    "<script>alert('x')</script>",
    "<b>vrijwilliger</b>",
    "& | ! ( ) <->",
    "%_\\",
    "a" * 1000,
    "vrijwilliger " * 100,
    "\x00",
    "😀 vrijwilliger",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_give_a_normal_page(client, publish_page, query):
    publish_page("Vrijwilligers in de buurt", "Een buurt met vrijwilligers.")

    # A NUL character is refused for the whole site with a Dutch 400 page (PostgreSQL cannot
    # hold it; see RejectNulBytesMiddleware); everything else gives the normal results page.
    expected = 400 if "\x00" in query else 200
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == expected
    content = response.content.decode()
    assert "<script>alert" not in content
    partial = client.get("/zoeken/", {"q": query, "type": "pagina"}, headers={"hx-request": "true"})
    assert partial.status_code == expected
    assert SearchDocument.objects.count() >= 1  # the table is still there


def test_fts_operators_are_searched_as_words_not_obeyed(publish_page, search_urls):
    page = publish_page("Near and not", "Vrijwilligers in de buurt, near en and en not.")

    # As operators these would exclude the page ("NOT", "-") or fail to parse ("NEAR", "AND").
    assert search_urls("NEAR AND") == [page.url]
    assert search_urls("NOT vrijwilliger") == [page.url]
    assert search_urls("vrijwilliger -buurt") == [page.url]
    assert search_urls("buurt: vrijwilliger*") == [page.url]


def test_spelling_tolerance_or_prefix_fallback(publish_page):
    page = publish_page("Vrijwilligerswerk", "Wij zoeken vrijwilligers voor het buurthuis.")
    noise = publish_page("Bibliotheek", "Boeken lenen op de markt.")

    if connection.vendor == "sqlite":
        # A prefix fallback: the start of a word finds it.
        results = site_search(search_params_parse({"q": "buurth"}))
    else:
        # pg_trgm: a misspelling still finds it.
        results = site_search(search_params_parse({"q": "vrijwiligers"}))
    found = [hit.url for hit in results.hits]
    assert page.url in found
    assert noise.url not in found
    assert results.fallback in {"prefix", "trigram"}


def test_counts_per_type_and_filter(publish_page, search_urls):
    for number in range(3):
        publish_page(f"Buurthuis {number}", "Een buurthuis voor iedereen.")

    results = site_search(search_params_parse({"q": "buurthuizen"}))
    assert results.counts == {SearchGroup.PAGE: 3}
    assert results.total == 3
    assert search_urls("buurthuizen", type="verhaal") == []
    assert len(search_urls("buurthuizen", type="pagina")) == 3
