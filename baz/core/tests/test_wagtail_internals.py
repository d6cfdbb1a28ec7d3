"""Fences around the Wagtail internals that our per-worker caches copy or feed.

`HomePage.route` (baz/core/models.py) remembers which page a path leads to and answers later
requests without Wagtail's tree walk; `WagtailSiteCacheMiddleware` (baz/core/fragments.py) hands
Wagtail the request's Site through `request._wagtail_site`. Both rely on behaviour Wagtail does
not document as API. Written against Wagtail 8.0 (requirements.txt: `wagtail>=8.0,<8.1`): when
one of these tests fails after an upgrade, re-read `Site.find_for_request`, `Page.route`,
`Page.route_for_request` and `wagtail.url_routing.RouteResult`, then fix or drop our copies.
"""

from __future__ import annotations

import copy
import inspect
from itertools import count
from unittest import mock

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from baz.core.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db

_unique = count()


def _request():
    return RequestFactory().get("/")


# --- Site.find_for_request and request._wagtail_site ----------------------------------------


def test_wagtail_reuses_the_site_found_in_request_wagtail_site(
    site_pages, django_assert_num_queries
):
    request = _request()
    request._wagtail_site = preset = copy.copy(Site.objects.get())

    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is preset


def test_wagtail_stores_the_site_it_found_in_request_wagtail_site(site_pages):
    request = _request()

    site = Site.find_for_request(request)

    assert site == Site.objects.get()
    assert request._wagtail_site is site


def test_page_routing_takes_the_site_from_request_wagtail_site(site_pages):
    request = _request()
    request._wagtail_site = copy.copy(Site.objects.get())

    with mock.patch.object(Site, "_find_for_request", side_effect=AssertionError("looked up")):
        page = Page.find_for_request(request, "/")

    assert page is not None
    assert page.specific == site_pages


def test_with_the_middleware_a_second_page_request_does_not_look_the_site_up(client, site_pages):
    assert client.get(f"/?b={next(_unique)}").status_code == 200  # Wagtail finds it, we keep it

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/?b={next(_unique)}")

    assert response.status_code == 200
    assert response.wsgi_request._wagtail_site == Site.objects.get()
    assert not [q["sql"] for q in queries.captured_queries if "wagtailcore_site" in q["sql"]]


# --- Page.route and RouteResult -------------------------------------------------------------


def test_page_route_has_the_signature_our_override_assumes():
    assert list(inspect.signature(Page.route).parameters) == ["self", "request", "path_components"]
    assert list(inspect.signature(HomePage.route).parameters) == [
        "self",
        "request",
        "path_components",
    ]


def test_route_result_has_the_shape_our_override_assumes(site_pages):
    result = RouteResult(site_pages)

    page, args, kwargs = result
    assert (page, args, kwargs) == (site_pages, [], {})
    assert (result.page, result.args, result.kwargs) == (site_pages, [], {})


def test_wagtail_routes_a_plain_page_to_itself_without_arguments(site_pages):
    result = Page.route(site_pages, _request(), [])

    assert isinstance(result, RouteResult)
    assert (result.page, result.args, result.kwargs) == (site_pages, [], {})


def test_wagtail_enters_the_tree_through_the_home_page_route(site_pages):
    child = site_pages.get_children().live().first()
    assert child is not None
    original = HomePage.route

    with mock.patch.object(HomePage, "route", autospec=True, side_effect=original) as route:
        page = Page.find_for_request(_request(), child.url_path.removeprefix(site_pages.url_path))

    assert page is not None
    assert page.pk == child.pk
    assert route.call_count == 1


# --- Our cached route gives Wagtail's own answer ----------------------------------------------


@pytest.fixture
def tree(site_pages):
    """A nested page, a draft, a page under a login restriction and one under a password."""
    section = site_pages.get_children().live().specific().first()
    assert isinstance(section, ContentPage)
    nested = section.add_child(instance=ContentPage(title="Dieper", slug="dieper"))
    nested.save_revision().publish()
    draft = section.add_child(instance=ContentPage(title="Klad", slug="klad", live=False))
    locked = site_pages.add_child(instance=ContentPage(title="Intern", slug="intern"))
    locked.save_revision().publish()
    PageViewRestriction.objects.create(page=locked, restriction_type="login")
    secret = locked.add_child(instance=ContentPage(title="Geheim", slug="geheim"))
    secret.save_revision().publish()
    return {"section": section, "nested": nested, "draft": draft, "locked": locked}


def _outcome(route, home, components):
    try:
        page, args, kwargs = route(home, _request(), components)
    except Http404:
        return "404"
    return (type(page.specific), page.pk, list(args), dict(kwargs), page.live)


@pytest.mark.parametrize(
    "path",
    [
        "",
        "{section}",
        "{section}/dieper",
        "{section}/klad",  # a draft: 404
        "intern",  # under a view restriction (checked when serving, not when routing)
        "intern/geheim",
        "bestaat-niet",
        "{section}/bestaat-niet",
    ],
)
def test_the_cached_route_gives_wagtails_own_answer(site_pages, tree, path):
    components = [part for part in path.format(section=tree["section"].slug).split("/") if part]
    expected = _outcome(Page.route, site_pages, components)

    first = _outcome(HomePage.route, site_pages, components)  # looked up, and remembered
    with CaptureQueriesContext(connection) as queries:
        again = _outcome(HomePage.route, site_pages, components)  # from this worker

    assert first == expected
    assert again == expected
    if expected != "404" and components:
        assert len(queries.captured_queries) == 0  # the cached path was really taken


def test_a_cached_route_hands_every_request_its_own_page(site_pages, tree):
    components = [tree["section"].slug, "dieper"]

    one = site_pages.route(_request(), components).page
    two = site_pages.route(_request(), components).page

    assert one == two
    assert one is not two


def test_a_restricted_page_stays_restricted_when_its_route_is_cached(client, tree):
    url = tree["locked"].url

    for _ in range(2):  # the second request routes from the worker's cache
        response = client.get(f"{url}?b={next(_unique)}")
        assert response.status_code == 302
        assert "next=" in response["Location"]
