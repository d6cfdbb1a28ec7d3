"""Pages, headers and error pages as a visitor (and a browser) receives them."""

import re

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.usefixtures("site_pages")


def test_home_page_shows_the_platform_and_the_main_navigation(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl-BE">' in html
    assert 'href="#inhoud"' in html
    assert 'id="inhoud"' in html
    assert '<nav class="main-nav" aria-label="Hoofdmenu">' in html
    assert 'href="/lokale-besturen/"' in html


def test_lokale_besturen_page_covers_the_whole_offer(client):
    response = client.get("/lokale-besturen/")

    text = response.content.decode()
    assert response.status_code == 200
    for phrase in [
        "Verhalen en praktijkvoorbeelden",
        "Inspireer elkaar",
        "Screencast",
        "Analyse",
        "Vorming",
        "Conclusies en afspraken",
        "Contact",
    ]:
        assert phrase in text, phrase
    assert 'aria-current="page">Lokale besturen' in text


def test_about_page_credits_the_data_sources(client):
    text = client.get("/over-dit-platform/").content.decode()

    assert "Statbel" in text
    assert "CC BY 4.0" in text
    assert "ODbL" in text


def test_accessibility_statement_is_linked_from_every_page(client):
    assert 'href="/toegankelijkheid/"' in client.get("/").content.decode()
    assert client.get("/toegankelijkheid/").status_code == 200


def _main_menu_labels(html: str) -> list[str]:
    menu = html.split('id="hoofdmenu"')[1].split("</ul>")[0]
    return re.findall(r">([^<]+)</a>", menu)


def test_platform_parts_appear_in_the_menu_only_once_they_exist(client):
    html = client.get("/").content.decode()

    # The atlas, stories, learning, coaching and contact are installed; "Verhalen" and
    # "Leren" wait for their pages.
    assert _main_menu_labels(html) == [
        "Start",
        "Inspireer elkaar",
        "Coaching",
        "Lokale besturen",
        "Contact",
    ]


def test_a_section_with_a_page_appears_once_that_page_is_live(client, site_pages):
    from baz.learning.models import LearningIndexPage

    index = LearningIndexPage(title="Leren", slug="leren")
    site_pages.add_child(instance=index)
    index.save_revision().publish()

    # /leren/ is not listed twice: once as the platform part, not again as a page.
    assert _main_menu_labels(client.get("/").content.decode()) == [
        "Start",
        "Inspireer elkaar",
        "Leren",
        "Coaching",
        "Lokale besturen",
        "Contact",
    ]

    index.unpublish()
    assert "Leren" not in _main_menu_labels(client.get("/").content.decode())


def test_unknown_address_gives_a_dutch_404(client):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in response.content.decode()


def test_server_error_page_is_dutch_and_needs_no_request_context():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Er ging iets mis bij ons" in response.content.decode()


def test_django_admin_is_not_exposed(client):
    assert client.get("/admin/").status_code == 404
    assert client.get("/django-admin/").status_code == 404


def test_wagtail_admin_lives_at_beheer(client):
    response = client.get("/beheer/")

    assert response.status_code == 302
    assert response["Location"].startswith("/aanmelden/?next=/beheer/")


def test_public_pages_have_a_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_admin_gets_its_own_looser_policy_only_under_its_prefix(client):
    policy = client.get("/beheer/login/").headers["Content-Security-Policy"]

    assert "script-src 'self' 'unsafe-inline'" in policy


def test_secure_headers_are_sent(client):
    headers = client.get("/").headers

    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize(
    "path", ["/", "/lokale-besturen/", "/over-dit-platform/", "/bestaat-niet/"]
)
def test_pages_have_no_inline_scripts(client, path):
    html = client.get(path).content.decode()

    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S)
    assert scripts, "expected the site's own script files"
    assert all(body.strip() == "" for body in scripts)
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), "inline event handler"


def test_assets_come_from_installed_packages():
    from django.contrib.staticfiles import finders

    assert finders.find("django_htmx/htmx-2.min.js")
    assert finders.find("leaflet/leaflet.js")
    assert finders.find("core/css/site.css")


@pytest.mark.usefixtures("reference_data")
def test_municipality_lookup_answers_json_for_type_ahead(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/gemeenten/zoeken/", {"q": "9090"})

    assert response.status_code == 200
    assert response.json()["results"][0] == {
        "refnis": "44088",
        "name": "Merelbeke-Melle",
        "label": "Merelbeke-Melle · Oost-Vlaanderen",
    }


def test_municipality_lookup_with_an_empty_query_returns_nothing(client):
    assert client.get("/gemeenten/zoeken/").json() == {"query": "", "results": []}


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/api/v1/initiatives?q=a%00b", None),
        ("get", "/inspireer-elkaar/?q=a%00b", None),
        ("post", "/aanmelden/", {"auth-username": "a\x00b", "auth-password": "x"}),
    ],
)
def test_a_nul_character_gets_a_400_not_a_server_error(client, method, path, data):
    response = getattr(client, method)(path, data=data) if data else client.get(path)

    assert response.status_code == 400


def test_a_very_long_login_name_is_a_failed_login_not_a_server_error(client):
    response = client.post("/aanmelden/", data={"auth-username": "a" * 400, "auth-password": "x"})

    # Without the login wizard's management form Django answers 400; never a 500.
    assert response.status_code in (200, 400)
