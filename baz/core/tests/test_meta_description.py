"""base.html's meta description: the search description, else the intro, else the site's."""

import pytest

from baz.core.context_processors import SITE_DESCRIPTION

OPENING = '<meta name="description" content="'


def _description(html: str) -> str:
    start = html.index(OPENING) + len(OPENING)
    return html[start : html.index('"', start)]


@pytest.mark.django_db
def test_a_page_without_search_description_is_described_by_its_intro(client, site_pages):
    site_pages.search_description = ""
    site_pages.intro = "Buren helpen buren, in heel Vlaanderen."
    site_pages.save_revision().publish()

    html = client.get("/").content.decode()

    assert _description(html) == "Buren helpen buren, in heel Vlaanderen."

    site_pages.search_description = "Burgerinitiatieven in zorg en welzijn."
    site_pages.save_revision().publish()

    html = client.get("/").content.decode()

    assert _description(html) == "Burgerinitiatieven in zorg en welzijn."


@pytest.mark.django_db
def test_a_page_without_intro_has_the_site_description(client, site_pages):
    from baz.core.models import ContentPage

    page = ContentPage.objects.get(slug="over-dit-platform")
    page.search_description = ""
    page.intro = ""
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert _description(html) == str(SITE_DESCRIPTION)
