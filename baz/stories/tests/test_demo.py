"""The demo loader makes at least eight linked stories, once."""

import io

import pytest
from django.test import Client

from baz.stories.models import ArticleAtlasLink, ArticlePage, GoodPracticePage, StoryPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data", "site_pages")]


def test_demo_stories_are_linked_to_the_atlas_and_load_only_once():
    from baz.atlas import demo as atlas_demo
    from baz.contact import demo as contact_demo
    from baz.stories import demo

    out = io.StringIO()
    atlas_demo.load_demo_data(out)
    contact_demo.load_demo_data(out)

    created = demo.load_demo_data(out)

    pages = ArticlePage.objects.live()
    assert "Verhalen" in created
    assert pages.count() >= 8
    assert StoryPage.objects.live().count() >= 4
    assert GoodPracticePage.objects.live().count() >= 4
    assert all(page.hero_image_id and page.hero_alt for page in pages)
    assert ArticleAtlasLink.objects.filter(entry__status="gepubliceerd").count() >= 8
    assert pages.filter(partner__isnull=False).exists()
    assert not pages.filter(themes__isnull=True).exists()

    assert demo.load_demo_data(out) == []
    assert ArticlePage.objects.count() == pages.count()

    client = Client()
    assert client.get("/verhalen/").status_code == 200
    for page in pages:
        assert client.get(page.url).status_code == 200, page.url
