"""Fixtures for the site-search tests: pages published the way an editor does."""

from __future__ import annotations

import itertools

import pytest

_slugs = itertools.count(1)
TEST_SLUG_PREFIX = "zoektest-"


@pytest.fixture
def publish_page(site_pages):
    """Publish a ContentPage under the home page (signals index it) and return it."""
    from baz.core.models import ContentPage

    def publish(title: str, intro: str = "", *, parent=None, body=None) -> ContentPage:
        page = ContentPage(title=title, slug=f"{TEST_SLUG_PREFIX}{next(_slugs)}", intro=intro)
        if body is not None:
            page.body = body
        (parent or site_pages).add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return publish


@pytest.fixture
def search_urls(db):
    """The URLs /zoeken/ finds for a query (all types, first page), leaving out the base pages
    every test site has: their texts may contain the same words."""
    from wagtail.models import Page

    from baz.search.selectors import search_params_parse, site_search

    def urls(query: str, **params: str) -> list[str]:
        base = {
            page.url
            for page in Page.objects.live().filter(depth__gt=1).specific()
            if not page.slug.startswith(TEST_SLUG_PREFIX)
        }
        results = site_search(search_params_parse({"q": query, **params}))
        return [hit.url for hit in results.hits if hit.url not in base]

    return urls
