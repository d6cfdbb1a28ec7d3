"""/verhalen/, the story pages, feeds, sitemap and robots.txt as a visitor receives them."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from baz.atlas.models import EntryStatus, Theme, Werkvorm
from baz.atlas.tests.factories import EntryFactory
from baz.contact.models import PartnerOrganisation
from baz.core.tests.factories import MunicipalityFactory
from baz.stories.models import GoodPracticePage, StoryPage
from baz.stories.selectors import PAGE_SIZE, stories_for_entry, stories_for_municipality
from baz.stories.tests.factories import story_create

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def melle():
    # A one-word name: the atlas URL `<refnis>-<slug>` cannot yet route hyphenated slugs.
    return MunicipalityFactory(refnis="44043", name_nl="Melle", slug="melle")


@pytest.fixture
def partner():
    return PartnerOrganisation.objects.create(name="Samen Sterk vzw")


@pytest.fixture
def stories(story_index, melle, partner):
    mantelzorg = Theme.objects.get(slug="mantelzorg")
    eenzaamheid = Theme.objects.get(slug="eenzaamheid")
    duo = Werkvorm.objects.get(slug="buddy-of-duowerking")
    return {
        "soep": story_create(
            story_index,
            title="Soep in de straat",
            themes=[eenzaamheid],
            publication_date=date(2026, 10, 1),
        ),
        "mantelzorg": story_create(
            story_index,
            title="Een praatcafe voor mantelzorgers",
            page_class=GoodPracticePage,
            themes=[mantelzorg],
            municipalities=[melle],
            partner=partner,
            publication_date=date(2026, 9, 1),
        ),
        "duo": story_create(
            story_index,
            title="Samen op stap",
            themes=[eenzaamheid],
            werkvormen=[duo],
            publication_date=date(2026, 8, 1),
        ),
        "concept": story_create(story_index, title="Nog niet klaar", live=False),
    }


def _titles(html: str) -> list[str]:
    return re.findall(r'class="story-card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_the_index_lists_published_stories_and_good_practices_newest_first(
    client, stories, django_assert_max_num_queries
):
    # Wagtail's routing and the menu take about half; the rest does not grow with results.
    with django_assert_max_num_queries(20):
        response = client.get("/verhalen/")

    html = response.content.decode()
    assert response.status_code == 200
    assert _titles(html) == [
        "Soep in de straat",
        "Een praatcafe voor mantelzorgers",
        "Samen op stap",
    ]
    assert "Nog niet klaar" not in html
    assert 'aria-current="page">Verhalen' in html  # the main menu item
    assert "3 resultaten" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=praktijkvoorbeeld", ["Een praatcafe voor mantelzorgers"]),
        ("kind=verhaal", ["Soep in de straat", "Samen op stap"]),
        ("theme=eenzaamheid", ["Soep in de straat", "Samen op stap"]),
        ("theme=eenzaamheid&theme=mantelzorg", None),
        ("werkvorm=buddy-of-duowerking", ["Samen op stap"]),
        ("municipality=44043", ["Een praatcafe voor mantelzorgers"]),
        ("theme=eenzaamheid&kind=praktijkvoorbeeld", []),
    ],
)
def test_filters_are_get_urls(client, stories, query, expected):
    html = client.get(f"/verhalen/?{query}").content.decode()

    if expected is None:  # several themes: any of them
        expected = ["Soep in de straat", "Een praatcafe voor mantelzorgers", "Samen op stap"]
    assert _titles(html) == expected


def test_partner_filter_offers_only_partners_with_stories(client, stories, partner):
    PartnerOrganisation.objects.create(name="Zonder verhalen vzw")

    html = client.get(f"/verhalen/?partner={partner.pk}").content.decode()

    assert _titles(html) == ["Een praatcafe voor mantelzorgers"]
    assert "Samen Sterk vzw" in html
    assert "Zonder verhalen vzw" not in html


def test_an_unknown_filter_value_gives_a_normal_page_with_a_message(client, stories):
    response = client.get("/verhalen/?theme=bestaat-niet&municipality=99999&page=abc")

    assert response.status_code == 200
    assert "Een filter kunnen we niet gebruiken" in response.content.decode()
    assert len(_titles(response.content.decode())) == 3


def test_htmx_gets_only_the_results(client, stories, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        response = client.get("/verhalen/?theme=mantelzorg", HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Push-Url"] == "/verhalen/?theme=mantelzorg"
    assert "<html" not in html
    assert 'id="stories-results-title"' in html
    assert _titles(html) == ["Een praatcafe voor mantelzorgers"]


def test_the_filter_form_works_without_javascript_and_htmx_swaps_with_url_push(client, stories):
    html = client.get("/verhalen/").content.decode()

    assert '<form class="filter-panel" method="get" action="/verhalen/"' in html
    assert 'data-hx-target="#stories-results"' in html
    assert 'data-hx-push-url="true"' in html


def test_pagination_keeps_the_filters(client, story_index, django_assert_max_num_queries):
    theme = Theme.objects.get(slug="ouderen")
    for number in range(PAGE_SIZE + 2):
        story_create(story_index, title=f"Verhaal {number}", themes=[theme])

    with django_assert_max_num_queries(20):
        first = client.get("/verhalen/?theme=ouderen").content.decode()
    second = client.get("/verhalen/?theme=ouderen&page=2").content.decode()
    too_far = client.get("/verhalen/?theme=ouderen&page=99")

    assert len(_titles(first)) == PAGE_SIZE
    assert 'href="?theme=ouderen&amp;page=2"' in first
    assert len(_titles(second)) == 2
    assert too_far.status_code == 200
    assert len(_titles(too_far.content.decode())) == 2


def test_the_index_links_its_feeds(client, stories):
    html = client.get("/verhalen/").content.decode()

    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/verhalen/feed.rss"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/verhalen/feed.atom"' in html


def test_rss_feed_is_valid_xml_with_the_published_stories(client, stories):
    response = client.get("/verhalen/feed.rss")

    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own response
    links = [item.findtext("link") for item in channel.findall("item")]
    assert links == [
        "http://testserver/verhalen/soep-in-de-straat/",
        "http://testserver/verhalen/een-praatcafe-voor-mantelzorgers/",
        "http://testserver/verhalen/samen-op-stap/",
    ]
    first = channel.find("item")
    assert first.findtext("guid") == "http://127.0.0.1:8000/verhalen/soep-in-de-straat/"
    assert first.findtext("title") == "Verhaal: Soep in de straat"
    assert first.findtext("category") == "Eenzaamheid"
    assert channel.findtext("language") == "nl-BE"


def test_atom_feed_is_valid_xml_with_the_published_stories(client, stories):
    response = client.get("/verhalen/feed.atom")

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    assert entries[1].findtext(f"{ATOM}title") == (
        "Praktijkvoorbeeld: Een praatcafe voor mantelzorgers"
    )
    assert entries[0].find(f"{ATOM}author").findtext(f"{ATOM}name") == "An Voorbeeld"


def test_a_story_page_is_findable_and_shareable(client, stories):
    response = client.get("/verhalen/een-praatcafe-voor-mantelzorgers/")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<meta name="description" content="Buren koken elke week samen.">' in html
    assert (
        '<link rel="canonical" href="http://127.0.0.1:8000/verhalen/een-praatcafe-voor-mantelzorgers/">'
        in html
    )
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Een praatcafe voor mantelzorgers">' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )
    assert data["@type"] == "Article"
    assert data["headline"] == "Een praatcafe voor mantelzorgers"
    assert data["author"] == {"@type": "Person", "name": "An Voorbeeld"}
    assert data["datePublished"] == "2026-09-01"
    assert data["inLanguage"] == "nl-BE"


def test_json_ld_cannot_break_out_of_its_script_tag(client, story_index):
    story_create(story_index, title="Gevaarlijk", intro='</script><script>alert("x")</script>')

    html = client.get("/verhalen/gevaarlijk/").content.decode()

    assert '<script>alert("x")' not in html
    for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S):
        assert body.strip() == "" or 'type="application/ld+json"' in attrs
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), "inline event handler"


def test_a_story_links_its_published_atlas_entries_only(client, story_index, melle):
    published = EntryFactory(name="Mantelzorgcafé Melle", municipality=melle)
    hidden = EntryFactory(
        name="Nog in moderatie", municipality=melle, status=EntryStatus.SUBMITTED, live=False
    )
    story_create(story_index, title="Koffie voor mantelzorgers", entries=[published, hidden])

    html = client.get("/verhalen/koffie-voor-mantelzorgers/").content.decode()

    assert f'href="/inspireer-elkaar/{published.pk}-mantelzorgcafe-melle/"' in html
    assert "Nog in moderatie" not in html


def test_every_body_block_renders(client, story_index):
    from baz.stories.tests.test_pages import FULL_BODY

    story_create(story_index, title="Alles erin", page_class=GoodPracticePage, body=FULL_BODY)

    html = client.get("/verhalen/alles-erin/").content.decode()

    assert "<h2>Hoe het begon</h2>" in html
    assert "<figcaption>Rita, buurvrouw</figcaption>" in html
    assert 'src="https://player.vimeo.com/video/1" title="De soepketel"' in html
    assert "Hanne roert in de ketel." in html  # the transcript
    assert "<h2>Wat we leerden</h2>" in html
    assert "<strong>Zoek een kookpot</strong>" in html


# --- Reverse links from the atlas ------------------------------------------------------------


def test_an_atlas_entry_page_lists_the_stories_that_mention_it(client, story_index, melle):
    entry = EntryFactory(name="Mantelzorgcafé Melle", municipality=melle)
    story_create(story_index, title="Koffie voor mantelzorgers", entries=[entry])
    story_create(story_index, title="Een concept", entries=[entry], live=False)

    html = client.get(entry.get_absolute_url()).content.decode()

    assert [s.title for s in stories_for_entry(entry)] == ["Koffie voor mantelzorgers"]
    assert 'href="/verhalen/koffie-voor-mantelzorgers/"' in html
    assert "Een concept" not in html


def test_a_municipality_page_lists_its_stories(client, story_index, melle):
    EntryFactory(name="Mantelzorgcafé Melle", municipality=melle)
    story_create(story_index, title="Koffie voor mantelzorgers", municipalities=[melle])

    html = client.get("/inspireer-elkaar/gemeente/44043-melle/").content.decode()
    fragment = client.get("/verhalen/over-gemeente/44043.html")

    assert [s.title for s in stories_for_municipality(melle)] == ["Koffie voor mantelzorgers"]
    # The atlas page loads the list with htmx, so its own query count does not change.
    assert 'data-hx-get="/verhalen/over-gemeente/44043.html" data-hx-trigger="load"' in html
    assert fragment.status_code == 200
    assert 'href="/verhalen/koffie-voor-mantelzorgers/"' in fragment.content.decode()
    assert client.get("/verhalen/over-gemeente/99999.html").status_code == 404


def test_stories_in_a_private_section_are_never_listed(client, story_index, melle):
    from wagtail.models import PageViewRestriction

    entry = EntryFactory(name="Geheim initiatief", municipality=melle)
    secret = story_create(story_index, title="Alleen voor ingelogden", entries=[entry])
    PageViewRestriction.objects.create(page=secret, restriction_type="login")

    assert stories_for_entry(entry) == []
    assert "Alleen voor ingelogden" not in client.get("/verhalen/").content.decode()
    assert "Alleen voor ingelogden" not in client.get("/verhalen/feed.rss").content.decode()


# --- Sitemap and robots.txt ------------------------------------------------------------------


def test_sitemap_is_valid_xml_with_pages_stories_entries_and_municipalities(client, stories, melle):
    entry = EntryFactory(name="Mantelzorgcafé Melle", municipality=melle)
    EntryFactory(name="Ingediend", municipality=melle, status=EntryStatus.SUBMITTED, live=False)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    locations = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert "http://127.0.0.1:8000/verhalen/soep-in-de-straat/" in locations
    assert "http://127.0.0.1:8000/verhalen/" in locations
    assert "http://127.0.0.1:8000/lokale-besturen/" in locations
    assert f"http://testserver/inspireer-elkaar/{entry.pk}-mantelzorgcafe-melle/" in locations
    assert "http://testserver/inspireer-elkaar/gemeente/44043-melle/" in locations
    assert not any("nog-niet-klaar" in loc for loc in locations)
    assert not any("ingediend" in loc for loc in locations)


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    text = response.content.decode()

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /beheer/" in text
    assert "Disallow: /mijn/" in text


def test_story_page_classes_are_the_ones_served(stories):
    assert isinstance(stories["soep"], StoryPage)
    assert isinstance(stories["mantelzorg"], GoodPracticePage)
