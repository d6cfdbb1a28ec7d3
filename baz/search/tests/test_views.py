"""/zoeken/: the page, the htmx partial, type filter, highlighting, pagination, limits."""

from __future__ import annotations

import pytest
from django.urls import reverse

from baz.atlas.tests.factories import EntryFactory
from baz.search.selectors import MAX_QUERY_LENGTH, PAGE_SIZE

pytestmark = pytest.mark.django_db


def _results(response) -> str:
    """The results region only: the footer menu lists test pages too."""
    content = response.content.decode()
    return content.split('id="search-results"', 1)[1].split("</main>", 1)[0]


def test_the_url_name_and_an_empty_search(client, site_pages):
    assert reverse("search:index") == "/zoeken/"

    response = client.get("/zoeken/")
    assert response.status_code == 200
    assert "Typ een zoekwoord" in response.content.decode()
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_every_page_has_a_search_box_in_the_header(client, site_pages):
    content = client.get("/").content.decode()

    assert 'action="/zoeken/"' in content
    assert 'id="site-search-q"' in content


def test_results_are_grouped_by_type_with_counts(client, publish_page):
    publish_page("Vrijwilligers gezocht", "Voor het buurthuis.")
    EntryFactory(name="Vrijwilligerscafé", summary="Vrijwilligers ontmoeten elkaar.")
    EntryFactory(name="Repaircafé", summary="Vrijwilligers herstellen spullen.")

    content = _results(client.get("/zoeken/", {"q": "vrijwilliger"}))

    assert 'Inspireer elkaar <span class="search-types__count">(2)</span>' in content
    assert 'Pagina&#x27;s <span class="search-types__count">(' in content
    assert 'Verhalen <span class="search-types__count">(0)</span>' in content

    filtered = client.get("/zoeken/", {"q": "vrijwilliger", "type": "inspireer-elkaar"})
    text = _results(filtered)
    assert "2 resultaten" in text
    assert "Repaircafé" in text
    assert "Vrijwilligers gezocht" not in text


def test_snippets_are_escaped_and_only_matches_are_marked(client, publish_page):
    publish_page("<b>Vet</b> & vrijwilligers", "Als 3 < 5 & vrijwilliger > 2, dan <script>x")

    content = _results(client.get("/zoeken/", {"q": "vrijwilligers"}))

    assert "&lt;b&gt;Vet&lt;/b&gt; &amp; <mark>vrijwilligers</mark>" in content
    assert "Als 3 &lt; 5 &amp; <mark>vrijwilliger</mark> &gt; 2" in content
    assert "<b>" not in content
    assert "<script>" not in content
    # The base pages say "vrijwilligers" too: count the marks in this page's own hit.
    hit = next(part for part in content.split('<li class="search-hit">') if "Vet" in part)
    assert hit.count("<mark>") == 2


def test_htmx_gets_only_the_results_and_the_get_url_works_without_js(client, publish_page):
    publish_page("Buurthuis De Linde", "Een buurthuis.")

    full = client.get("/zoeken/", {"q": "buurthuizen"})
    partial = client.get("/zoeken/", {"q": "buurthuizen"}, headers={"hx-request": "true"})

    assert "<html" in full.content.decode()
    assert 'data-hx-get="/zoeken/"' in full.content.decode()
    assert "<html" not in partial.content.decode()
    assert "De Linde" in partial.content.decode()
    assert 'data-hx-push-url="true"' in partial.content.decode()


def test_pagination_keeps_the_query_and_type(client, publish_page):
    for number in range(PAGE_SIZE + 3):
        publish_page(f"Wijkfeest {number}", "Een feest in de wijk.")

    first = client.get("/zoeken/", {"q": "wijkfeest", "type": "pagina"}).content.decode()
    second = client.get("/zoeken/", {"q": "wijkfeest", "type": "pagina", "page": "2"})

    assert "Pagina 1 van 2" in first
    assert "?q=wijkfeest&amp;type=pagina&amp;page=2" in first
    assert second.content.decode().count('class="search-hit"') == 3


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "1.5", ""])
def test_odd_page_numbers_and_types_give_a_normal_page(client, publish_page, page):
    publish_page("Wijkfeest", "Een feest.")

    response = client.get("/zoeken/", {"q": "wijkfeest", "page": page, "type": "<x>"})
    assert response.status_code == 200


def test_a_long_query_is_cut_with_a_clear_message(client, publish_page):
    publish_page("Wijkfeest", "Een feest.")

    response = client.get("/zoeken/", {"q": "wijkfeest " + "x" * 1000})
    content = response.content.decode()

    assert response.status_code == 200
    assert f"langer dan {MAX_QUERY_LENGTH} tekens" in content
    assert "x" * (MAX_QUERY_LENGTH + 1) not in content


def test_a_query_of_only_function_words_says_so(client, site_pages):
    content = client.get("/zoeken/", {"q": "de en het"}).content.decode()

    assert "Geen zoekwoorden gevonden" in content


def test_the_search_page_uses_a_constant_number_of_queries(
    client, publish_page, django_assert_max_num_queries
):
    for number in range(5):
        publish_page(f"Wijkfeest {number}", "Een feest.")
        EntryFactory(name=f"Wijkfeest vzw {number}")

    with django_assert_max_num_queries(8):
        response = client.get("/zoeken/", {"q": "wijkfeest"})
    assert response.status_code == 200
