"""The page *Lokale besturen*: it leads to every part of the platform and names the BAZ
contact person for local governments, whom editors change on the page itself."""

import re

import pytest
from django.core.exceptions import ValidationError

from baz.core.models import ContentPage, LinkCardBlock

pytestmark = pytest.mark.usefixtures("site_pages")

PARTS = {
    "/inspireer-elkaar/?kind=lokaal-bestuur": "Lokale besturen in Inspireer elkaar",
    "/verhalen/": "Verhalen en praktijkvoorbeelden",
    "/leren/": "Screencast voor lokale besturen",
    "/leren/reflectie/": "Reflectie-instrument",
    "/coaching/": "Coaching",
    "/contact/": "Contact",
}


def _links(html: str) -> dict[str, str]:
    return {
        href.replace("&amp;", "&"): text
        for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', html)
    }


def test_the_page_links_to_each_part_of_the_platform(client):
    html = client.get("/lokale-besturen/").content.decode()

    cards = html[html.index('<ul class="link-cards">') :]
    cards = cards[: cards.index("</ul>")]
    assert _links(cards) == PARTS
    # Each of those addresses answers (the atlas with its filter on local governments).
    for url in PARTS:
        if url in {"/verhalen/", "/leren/"}:
            continue  # Wagtail pages that the stories and learning demo loaders create
        assert client.get(url).status_code == 200, url


def test_the_page_names_the_contact_person_for_local_governments(client):
    html = client.get("/lokale-besturen/").content.decode()

    person = html[html.index('<div class="contact-person">') :]
    assert '<p class="contact-person__name">Lotte Verbeke</p>' in person
    assert "Aanspreekpunt voor lokale besturen, BurgersAanZet" in person
    assert '<a href="mailto:lotte.verbeke@example.org">lotte.verbeke@example.org</a>' in person
    assert '<a href="tel:091234567">09 123 45 67</a>' in person
    assert "<img" not in person  # the photo is optional


def test_editors_change_the_contact_person_on_the_page(client):
    page = ContentPage.objects.get(slug="lokale-besturen")
    body = page.body.get_prep_value()
    person = next(block for block in body if block["type"] == "contact_person")
    person["value"].update(
        name="Jan Peeters", role="Coach", organisation="", email="jan@example.org", phone=""
    )
    page.body = body
    page.save_revision().publish()

    html = client.get("/lokale-besturen/").content.decode()

    assert '<p class="contact-person__name">Jan Peeters</p>' in html
    assert '<p class="contact-person__role">Coach</p>' in html
    assert "Lotte Verbeke" not in html
    assert "Telefoon:" not in html


@pytest.mark.parametrize("link", ["/coaching/", "https://example.org/", "http://example.org/"])
def test_a_link_card_takes_an_address_on_the_site_or_the_web(link):
    block = LinkCardBlock()
    block.clean(block.to_python({"title": "Coaching", "text": "", "link": link}))


@pytest.mark.parametrize("link", ["coaching", "//evil.example", "javascript:alert(1)"])
def test_a_link_card_refuses_other_addresses(link):
    block = LinkCardBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "Coaching", "text": "", "link": link}))


def test_redactie_finds_the_contact_person_in_the_page_editor(client, login_verified):
    from baz.accounts.tests.factories import UserFactory

    login_verified(client, UserFactory(email="redactie@example.org", groups=["Redactie"]))
    page = ContentPage.objects.get(slug="lokale-besturen")

    response = client.get(f"/beheer/pages/{page.pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Lotte Verbeke" in html
    assert "contactpersoon" in html
