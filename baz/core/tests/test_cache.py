"""The anonymous page cache: hits, what is never cached, and invalidation by events."""

import re

import pytest
from django.test import Client

from baz.atlas.models import Theme
from baz.atlas.tests.factories import EntryFactory
from baz.core.generation import content_generation, installed_content_models
from baz.core.models import HomePage, Municipality

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data", "site_pages")]


@pytest.fixture
def entry():
    return EntryFactory(
        municipality=Municipality.objects.get(refnis="44021"),
        name="Soepbus Gent",
        contact_email="soep@example.org",
        themes=[Theme.objects.get(slug="armoede")],
    )


def test_an_anonymous_page_comes_from_the_cache_without_queries(client, django_assert_num_queries):
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get("/")

    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # The security headers were stored with the page.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_publishing_a_page_shows_the_change_at_once(client):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    generation = content_generation()

    home = HomePage.objects.get()
    home.intro = "Nieuw: de zomerschool voor lokale besturen."
    home.save_revision().publish()

    assert content_generation() > generation
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "zomerschool voor lokale besturen" in response.content.decode()


def test_changing_an_atlas_entry_shows_the_change_at_once(client, entry):
    url = entry.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get("/inspireer-elkaar/")["X-Page-Cache"] == "miss"

    entry.name = "Soepbus Gent-Zuid"
    entry.save()

    page = client.get(url)
    assert "Soepbus Gent-Zuid" in page.content.decode()
    assert "Soepbus Gent-Zuid" in client.get("/inspireer-elkaar/").content.decode()


def test_archiving_an_entry_removes_its_page_at_once(client, entry):
    url = entry.get_absolute_url()
    client.get(url)

    entry.delete()

    assert client.get(url).status_code == 404


def test_a_partner_change_invalidates_the_cache():
    from baz.contact.models import PartnerOrganisation

    generation = content_generation()
    PartnerOrganisation.objects.create(name="Buurtwerk Voorbeeld")
    assert content_generation() > generation


def test_visitor_writes_do_not_invalidate_the_cache(entry):
    from baz.atlas.models import ContactRelay

    generation = content_generation()
    ContactRelay.objects.create(
        entry=entry, sender_name="Jan", sender_email="jan@example.org", message="Hallo"
    )
    assert content_generation() == generation


def test_cached_forms_get_a_fresh_csrf_token_for_every_visitor(entry):
    url = entry.get_absolute_url()
    tokens = []
    for _ in range(3):
        visitor = Client(enforce_csrf_checks=True)
        response = visitor.get(url)
        html = response.content.decode()
        assert "__baz_csrf_token__" not in html
        found = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert found, "the entry page has a form with a token"
        assert "csrftoken" in response.cookies
        tokens.append(found[0])
    assert response["X-Page-Cache"] == "hit"
    assert len(set(tokens)) == 3

    # The token from a cached page is accepted; without it the POST is refused.
    data = {"sender_name": "Jan", "sender_email": "jan@example.org", "message": "Dag!"}
    post_url = url + "bericht/"
    refused = Client(enforce_csrf_checks=True).post(post_url, data)
    assert refused.status_code == 403
    accepted = visitor.post(post_url, {**data, "csrfmiddlewaretoken": tokens[-1]})
    assert accepted.status_code in {302, 400}  # past CSRF: redirected or a form error


def test_logged_in_visitors_and_sessions_are_never_served_from_the_cache(client, django_user_model):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"

    user = django_user_model.objects.create_user(email="lid@example.org", password="x" * 14)
    client.force_login(user)
    response = client.get("/")
    assert "X-Page-Cache" not in response


def test_private_and_excluded_pages_are_not_cached(client):
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/inspireer-elkaar/voorstellen/")
        assert "X-Page-Cache" not in client.get("/api/v1/municipalities")


def test_the_page_cache_can_be_switched_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_public_content_models_invalidate_and_visitor_models_do_not():
    models = installed_content_models()
    for label in [
        "atlas.Entry",
        "contact.PartnerOrganisation",
        "wagtailcore.Page",
        "core.HomePage",
    ]:
        assert label in models
    for label in ["atlas.ContactRelay", "contact.ContactMessage", "learning.Reflection"]:
        assert label not in models


def test_a_migration_makes_every_cached_page_and_fragment_stale():
    from django.core.management import call_command

    before = content_generation()
    call_command("migrate", "core", verbosity=0)
    assert content_generation() != before
