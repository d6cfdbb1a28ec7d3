"""The entry page when the page cache misses: a fixed number of queries, and every shared
cache behind it (the entry, its related entries and stories, the menus, the blank forms)
shows a change at once and never carries one visitor's data to another."""

import re
from itertools import count

import pytest
from django.test import Client

from baz.accounts.tests.factories import UserFactory
from baz.atlas.models import EntryStatus, Theme
from baz.atlas.selectors.entries import entry_related
from baz.atlas.tests.factories import EntryFactory
from baz.core.generation import content_generation
from baz.core.models import Municipality

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data", "site_pages")]

_unique = count()


def _uncached(client: Client, url: str):
    """The page as rendered (a new query string misses the anonymous page cache)."""
    response = client.get(f"{url}?b={next(_unique)}")
    assert response.get("X-Page-Cache") != "hit"
    return response


@pytest.fixture
def gent():
    return Municipality.objects.get(refnis="44021")


@pytest.fixture
def leuven():
    return Municipality.objects.get(name_nl="Leuven")


@pytest.fixture
def armoede():
    return Theme.objects.get(slug="armoede")


@pytest.fixture
def entry(gent, armoede):
    return EntryFactory(
        municipality=gent,
        name="Soepbus Gent",
        contact_email="soep@example.org",
        themes=[armoede],
    )


def _many_entries(gent, leuven, armoede, n):
    for i in range(n):
        EntryFactory(municipality=gent if i % 2 else leuven, themes=[armoede])


@pytest.mark.parametrize("others", [2, 25])
def test_the_entry_page_costs_a_fixed_number_of_queries(
    client, entry, gent, leuven, armoede, others, django_assert_max_num_queries
):
    _many_entries(gent, leuven, armoede, others)
    url = entry.get_absolute_url()

    # Nothing cached yet: the entry, its five taxonomy/offer lists, related entries (at most
    # three circles), the stories that mention it and the menus (home page and its children).
    with django_assert_max_num_queries(14):
        assert _uncached(client, url).status_code == 200

    # The page cache misses but the shared parts are cached: no query at all.
    with django_assert_max_num_queries(0):
        page = _uncached(client, url)
    assert page.content.decode().count('class="atlas-card__title"') == min(others, 6)


def test_related_entries_are_the_nearest_whatever_the_search_circle(gent, leuven, armoede):
    entry = EntryFactory(municipality=gent, themes=[armoede])
    nearby = [EntryFactory(municipality=gent, themes=[armoede]) for _ in range(3)]
    far = [EntryFactory(municipality=leuven, themes=[armoede]) for _ in range(5)]

    related = entry_related(entry)

    # Fewer than six within the circles: the far ones fill up, nearest first.
    assert related[:3] == sorted(nearby, key=lambda e: e.name)
    assert set(related[3:]) <= set(far)
    assert len(related) == 6


def test_a_changed_related_entry_shows_at_once(client, entry, gent, armoede):
    other = EntryFactory(municipality=gent, name="Buurtkeuken Brugse Poort", themes=[armoede])
    url = entry.get_absolute_url()
    assert "Buurtkeuken Brugse Poort" in _uncached(client, url).content.decode()

    other.name = "Buurtkeuken Sluizeken"
    other.save()
    html = _uncached(client, url).content.decode()
    assert "Buurtkeuken Sluizeken" in html
    assert "Buurtkeuken Brugse Poort" not in html

    other.status = EntryStatus.ARCHIVED
    other.save()
    assert "Buurtkeuken Sluizeken" not in _uncached(client, url).content.decode()


def test_an_edited_entry_shows_at_once(client, entry):
    url = entry.get_absolute_url()
    assert "Soepbus Gent" in _uncached(client, url).content.decode()

    entry.summary = "Elke vrijdag warme soep aan het station."
    entry.save()

    assert "Elke vrijdag warme soep aan het station." in _uncached(client, url).content.decode()


def test_an_archived_entry_is_gone_at_once(client, entry):
    url = entry.get_absolute_url()
    assert _uncached(client, url).status_code == 200

    entry.status = EntryStatus.ARCHIVED
    entry.save()

    assert _uncached(client, url).status_code == 404


def test_an_archive_without_signals_still_invalidates(client, entry):
    """Bulk writes (queryset update) skip the signals; the atlas data version they bump
    moves the content generation on as well."""
    from baz.atlas.models import Entry
    from baz.atlas.versioning import data_version_bump

    url = entry.get_absolute_url()
    assert _uncached(client, url).status_code == 200
    generation = content_generation()

    Entry.objects.filter(pk=entry.pk).update(status=EntryStatus.ARCHIVED, live=False)
    data_version_bump()

    assert content_generation() > generation
    assert _uncached(client, url).status_code == 404


def test_a_new_story_about_the_entry_shows_at_once(client, entry):
    from baz.stories.services import story_index_ensure
    from baz.stories.tests.factories import story_create

    url = entry.get_absolute_url()
    assert "Soep voor de hele wijk" not in _uncached(client, url).content.decode()

    index, _created = story_index_ensure()
    story_create(index, title="Soep voor de hele wijk", entries=[entry])

    assert "Soep voor de hele wijk" in _uncached(client, url).content.decode()


def test_blank_forms_get_a_fresh_start_time_and_token_for_every_visitor(entry, monkeypatch):
    import time

    url = entry.get_absolute_url()
    seen = []
    real_time = time.time
    for offset in (0, 100, 200):
        monkeypatch.setattr(time, "time", lambda offset=offset: real_time() + offset)
        html = _uncached(Client(), url).content.decode()
        started = re.findall(r'name="started" value="([^"]+)"', html)
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert len(started) == 2  # the message form and the correction form
        assert len(tokens) == 2
        assert "__baz_form_started__" not in html
        seen.append((started[0], tokens[0]))
    assert len({s for s, _t in seen}) == 3
    assert len({t for _s, t in seen}) == 3


def test_a_form_with_errors_is_rendered_for_that_visitor_only(client, entry):
    url = entry.get_absolute_url()
    _uncached(client, url)  # the blank forms are now rendered once

    response = client.post(
        url + "bericht/",
        {"sender_name": "Jan Voorbeeld", "sender_email": "geen-adres", "message": "Dag"},
    )
    assert response.status_code == 400
    assert 'value="Jan Voorbeeld"' in response.content.decode()

    html = _uncached(Client(), url).content.decode()
    assert "Jan Voorbeeld" not in html
    assert "Er ging iets mis" not in html


def test_the_logged_in_header_and_edit_button_never_reach_anonymous_visitors(entry, armoede):
    owner = UserFactory(email="eigenaar@example.org")
    entry.owner = owner
    entry.save()
    url = entry.get_absolute_url()

    member = Client()
    member.force_login(owner)
    html = member.get(url).content.decode()
    assert "Mijn werkplek" in html
    assert "Bewerk deze fiche" in html

    anonymous = _uncached(Client(), url).content.decode()
    assert "Mijn werkplek" not in anonymous
    assert "Bewerk deze fiche" not in anonymous
    assert "Aanmelden" in anonymous
