"""A story page when the page cache misses: a fixed number of queries, and its shared caches
(the article data and the rendered article) show a publish at once and never a draft."""

from itertools import count

import pytest
from django.test import Client

from baz.atlas.models import Theme
from baz.atlas.tests.factories import EntryFactory
from baz.core.tests.factories import MunicipalityFactory
from baz.stories.tests.factories import story_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

_unique = count()


def _uncached(client: Client, url: str):
    response = client.get(f"{url}?b={next(_unique)}")
    assert response.get("X-Page-Cache") != "hit"
    return response


@pytest.fixture
def story(story_index):
    melle = MunicipalityFactory(refnis="44043", name_nl="Melle", slug="melle")
    entry = EntryFactory(municipality=melle, name="Soepbus Melle")
    return story_create(
        story_index,
        title="Soep in de straat",
        themes=[Theme.objects.get(slug="eenzaamheid")],
        municipalities=[melle],
        entries=[entry],
    )


@pytest.mark.parametrize("others", [1, 20])
def test_a_story_page_costs_a_fixed_number_of_queries(
    client, story_index, story, others, django_assert_max_num_queries
):
    for i in range(others):
        story_create(story_index, title=f"Ander verhaal {i}")

    with django_assert_max_num_queries(22):  # nothing cached yet
        assert _uncached(client, story.url).status_code == 200

    # Shared parts cached, and the worker knows the page at this path and that no view
    # restriction covers it: no query at all.
    with django_assert_max_num_queries(0):
        page = _uncached(client, story.url)
    html = page.content.decode()
    assert "Soep in de straat" in html
    assert "Soepbus Melle" in html


def test_a_republished_story_shows_at_once(client, story):
    assert "Buren koken samen soep" in _uncached(client, story.url).content.decode()

    story.title = "Soep en een babbel"
    story.body = [{"type": "paragraph", "value": "<p>Nu ook met een babbel.</p>"}]
    story.save_revision().publish()

    html = _uncached(client, story.url).content.decode()
    assert "Soep en een babbel" in html
    assert "Nu ook met een babbel." in html
    assert "Buren koken samen soep" not in html


def test_a_changed_linked_entry_shows_at_once(client, story):
    assert "Soepbus Melle" in _uncached(client, story.url).content.decode()

    entry = story.atlas_links.get().entry
    entry.name = "Soepkar Melle"
    entry.save()

    assert "Soepkar Melle" in _uncached(client, story.url).content.decode()


def test_an_unpublished_story_is_gone_at_once(client, story):
    url = story.url
    assert _uncached(client, url).status_code == 200

    story.unpublish()

    assert _uncached(client, url).status_code == 404


def test_a_draft_shown_in_preview_is_never_cached(client, story):
    _uncached(client, story.url)  # the published version is cached now
    story.title = "Concepttitel die nog niemand mag zien"
    story.save_revision()
    draft = story.get_latest_revision_as_object()

    # As the admin's preview does it: through the middleware, with request.is_preview set.
    preview = draft.make_preview_request(preview_mode=draft.default_preview_mode)
    assert "Concepttitel die nog niemand mag zien" in preview.content.decode()

    public = _uncached(client, story.url).content.decode()
    assert "Concepttitel die nog niemand mag zien" not in public
    assert "Soep in de straat" in public


def test_a_renamed_story_address_routes_at_once(client, story):
    old_url = story.url
    assert _uncached(client, old_url).status_code == 200  # the route is remembered now

    story.slug = "soep-op-het-plein"
    story.save_revision().publish()
    story.refresh_from_db()

    assert story.url != old_url
    assert _uncached(client, old_url).status_code == 404
    assert _uncached(client, story.url).status_code == 200


def test_a_view_restriction_added_later_applies_at_once(client, story):
    from wagtail.models import PageViewRestriction

    assert _uncached(client, story.url).status_code == 200  # known to be unrestricted now

    PageViewRestriction.objects.create(page=story, restriction_type="login")
    response = _uncached(client, story.url)
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"] or "login" in response["Location"]

    PageViewRestriction.objects.filter(page=story).delete()
    assert _uncached(client, story.url).status_code == 200


def test_a_password_on_the_section_covers_the_stories_under_it(client, story, story_index):
    from wagtail.models import PageViewRestriction

    assert _uncached(client, story.url).status_code == 200
    PageViewRestriction.objects.create(
        page=story_index, restriction_type="password", password="soep-geheim"
    )

    html = _uncached(client, story.url).content.decode()
    assert "Soep in de straat" not in html
    assert "soep-geheim" not in html
    assert 'name="password"' in html


def test_every_request_gets_its_own_copy_of_the_remembered_page(client, story):
    first = _uncached(client, story.url)
    second = _uncached(client, story.url)
    third = _uncached(client, story.url)

    pages = [response.context["page"] for response in (first, second, third)]
    assert [page.pk for page in pages] == [story.pk] * 3
    assert len({id(page) for page in pages}) == 3
    # Something a request sets on its page stays with that request.
    pages[1].title = "Gewijzigd in het geheugen van één verzoek"
    assert "Gewijzigd in het geheugen" not in _uncached(client, story.url).content.decode()
