"""Site search in a real browser, keyboard only, axe-core on the results page and after each
htmx swap: search from the header box, filter by type, search again, open a result."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import describe_violations


@pytest.fixture
def search_data(transactional_db, site_pages_live):
    """A page and two atlas entries about volunteers, indexed by the signals as they are made."""
    from baz.atlas.tests.factories import EntryFactory
    from baz.core.models import ContentPage, HomePage, Municipality
    from baz.core.tests.factories import MunicipalityFactory, ProvinceFactory

    home = HomePage.objects.get()
    page = ContentPage(
        title="Vrijwilligers gezocht",
        slug="vrijwilligers-gezocht",
        intro="Het buurthuis zoekt vrijwilligers voor de zomer.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()

    gent = Municipality.objects.filter(refnis="44021").first() or MunicipalityFactory(
        refnis="44021", name_nl="Gent", province=ProvinceFactory(), latitude=51.05, longitude=3.72
    )
    EntryFactory(
        municipality=gent, name="Repaircafé Gent", summary="Vrijwilligers herstellen spullen."
    )
    EntryFactory(
        municipality=gent, name="Babbelbus", summary="Een vrijwilliger rijdt langs bij ouderen."
    )


def _tab_to(page, predicate_js: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"Focus never reached: {predicate_js}")


def _focused_text_starts(text: str) -> str:
    return (
        f"document.activeElement && document.activeElement.textContent.trim().startsWith({text!r})"
    )


def _assert_no_violations(page, axe) -> None:
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def test_search_filter_by_type_and_open_a_result_with_the_keyboard(
    page, live_server, axe, search_data
):
    page.goto(live_server.url + "/")

    # The header search box: a plain GET form, so it works without JavaScript too.
    _tab_to(page, "document.activeElement && document.activeElement.id === 'site-search-q'")
    page.keyboard.type("vrijwilligers")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zoeken/\?q=vrijwilligers$"))
    heading = page.locator("#search-results-title")
    # The page and the two entries, and the home page and "Over dit platform", which say that
    # the BAZ organisations work with vrijwilligers.
    assert heading.inner_text().startswith("5 resultaten")
    assert page.locator(".search-hit mark").count() >= 3
    _assert_no_violations(page, axe)

    # Filter by type: an htmx swap that pushes the URL and moves focus to the new count.
    _tab_to(page, _focused_text_starts("Inspireer elkaar ("))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"type=inspireer-elkaar"))
    page.wait_for_function(
        "document.activeElement && document.activeElement.id === 'search-results-title'"
    )
    assert heading.inner_text().startswith("2 resultaten")
    assert (
        page.locator('.search-types a[aria-current="true"]')
        .inner_text()
        .startswith("Inspireer elkaar")
    )
    assert page.locator(".search-hit").count() == 2
    _assert_no_violations(page, axe)

    # A new search in the page's own form: another htmx swap.
    page.locator("#search-q").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("ouderen")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=ouderen"))
    page.wait_for_function(
        "document.getElementById('search-results-title').textContent.includes('ouderen')"
    )
    assert heading.inner_text().startswith("1 resultaat")
    _assert_no_violations(page, axe)

    # Open the result with the keyboard.
    _tab_to(page, _focused_text_starts("Babbelbus"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/inspireer-elkaar/\d+-babbelbus/"))
    assert page.locator("h1").inner_text() == "Babbelbus"
