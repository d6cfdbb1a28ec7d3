"""What people type: realistic queries against the demo content, with the result that must
come first. Run on both databases: `pytest baz/search` and again with DATABASE_URL set to
PostgreSQL; the Dutch normaliser runs in Python, so both must give the same first result.
"""

from __future__ import annotations

import io
from html import unescape

import pytest
from django.core.management import call_command
from django.utils.html import strip_tags

from baz.search.selectors import search_params_parse, site_search

pytestmark = pytest.mark.django_db

# (query, title of the result that must come first). The demo texts say "buurtinitiatieven",
# "eenzaamheid", "vrijwilligers", "mantelzorgers", "Praatcafé", "Gent" and "Leuven".
SOUP_STORY = "Elke donderdag soep, en een buur die weer buitenkomt"
QUERIES = [
    # Singular finds plural, and the other way round.
    ("buurtinitiatief", "Ouderenraad Waasland"),
    ("vrijwilliger", "Strandbabbel"),
    ("mantelzorger", "Een praatcafé voor mantelzorgers opstarten"),
    ("nieuwkomer", "Onthaal Nieuwkomers Mechelen"),
    ("eenzaam", "Netwerk Tegen Eenzaamheid Antwerpen"),
    ("wandelen", "Samen wandelen als het mentaal zwaar is"),
    ("boodschap", "Boodschappendienst Sint-Andries"),
    # Plurals with an apostrophe or on é.
    ("buddy's", "Buddy's voor nieuwkomers"),
    ("buddy", "Buddy's voor nieuwkomers"),
    ("praatcafés", "Praatcafé Mantelzorg Zuid"),
    # Accents or none.
    ("praatcafé", "Praatcafé Mantelzorg Zuid"),
    ("praatcafe", "Praatcafé Mantelzorg Zuid"),
    ("repair cafe", "Repair Café Kessel-Lo"),
    ("mantelzorgcafe melle", "Mantelzorgcafé Melle"),
    # Diminutives.
    ("soep", SOUP_STORY),
    ("soepje", SOUP_STORY),
    ("telefoontje", "Elke ochtend een telefoontje"),
    ("moestuintje", "Moestuin De Groene Draad"),
    ("deelkastje", "Deelkast Kiewit"),
    # French names of municipalities.
    ("Gand", "Lokaal bestuur Gent"),
    ("Louvain", "Lokaal bestuur Leuven"),
    ("Anvers", "Lokaal bestuur Antwerpen"),
    ("Malines", "Lokaal bestuur Mechelen"),
    ("Courtrai", "Lokaal bestuur Kortrijk"),
    ("Ostende", "Lokaal bestuur Oostende"),
    ("soep Gand", SOUP_STORY),
    # Several words, every one must match.
    ("fiets herstellen", "Fietsatelier Op Wielen"),
    ("jonge ouders", "Ouders voor ouders"),
    ("huiswerk", "Huiswerkklas Kiel"),
]


@pytest.fixture
def demo_site(reference_data, site_pages, media_root):
    from baz.atlas import demo as atlas_demo
    from baz.stories import demo as stories_demo

    atlas_demo.load_demo_data(stdout=io.StringIO())
    stories_demo.load_demo_data(stdout=io.StringIO())
    call_command("search_rebuild", verbosity=0)


def _titles(query: str) -> list[str]:
    results = site_search(search_params_parse({"q": query}))
    return [unescape(strip_tags(hit.title)) for hit in results.hits]


def test_each_query_finds_its_result_first(demo_site):
    # One test over all queries: loading the demo content once keeps this affordable, and the
    # failure lists every query that went wrong at once.
    wrong = {}
    for query, expected in QUERIES:
        titles = _titles(query)
        if not titles or titles[0] != expected:
            wrong[query] = titles[:3]
    assert wrong == {}
    assert len(QUERIES) >= 20


def test_the_soup_initiative_itself_follows_its_story(demo_site):
    # "Buurtsoep" is one word: the entry is found through its text, after the story whose
    # title says "soep" (compound words are not split).
    assert _titles("soep")[:2] == [SOUP_STORY, "Buurtsoep De Pollepel"]
