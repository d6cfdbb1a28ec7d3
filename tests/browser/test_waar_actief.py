""" "Waar is BAZ actief" on a phone (390 x 844) and a laptop (1280 x 800): the first
municipality of the list on the first screen, the "Lijst / Kaart" switch on the phone, and
the map walked by keyboard, with axe-core on every state."""

import re

import pytest

from tests.browser.conftest import describe_violations

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}

ON_MARKER = (
    "document.activeElement && document.activeElement.matches('#coaching-map .leaflet-marker-icon')"
)


@pytest.fixture
def active_places(transactional_db, settings):
    """Two municipalities where BAZ is active, far enough apart to be two markers."""
    from baz.coaching.models import State, Trajectory
    from baz.core.models import Municipality
    from baz.core.tests.factories import MunicipalityFactory

    settings.MAP_TILE_URL = ""
    for name, state, lat, lon in [
        ("Gent", State.ANALYSIS, 51.05, 3.72),
        ("Hasselt", State.COMPLETED, 50.93, 5.34),
    ]:
        # The session's reference data may still be there (before the first flush) or not.
        municipality = Municipality.objects.filter(name_nl=name).first() or MunicipalityFactory(
            name_nl=name
        )
        Municipality.objects.filter(pk=municipality.pk).update(latitude=lat, longitude=lon)
        Trajectory.objects.create(municipality=municipality, state=state, map_consent=True)


@pytest.fixture
def open_page(browser, live_server, site_pages_live):
    contexts = []

    def open_at(viewport: dict, path: str = "/coaching/waar-actief/"):
        context = browser.new_context(bypass_csp=True, locale="nl-BE", viewport=viewport)
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        tab.goto(live_server.url + path)
        return tab

    yield open_at
    for context in contexts:
        context.close()


def _assert_no_violations(page, axe) -> None:
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def _tab_until(page, predicate_js: str, limit: int = 100) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"Focus never reached: {predicate_js}")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_first_municipality_is_on_the_first_screen(open_page, axe, active_places, viewport):
    page = open_page(viewport)

    box = page.locator("tbody tr").first.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= viewport["height"]
    assert page.locator("tbody tr").first.inner_text().startswith("Gent")
    assert page.locator("#coaching-map").is_visible() is (viewport is LAPTOP)
    _assert_no_violations(page, axe)


def test_on_a_phone_the_switch_shows_the_map_and_the_list_again(open_page, axe, active_places):
    page = open_page(PHONE)

    page.locator(".view-switch a[data-view='kaart']").click()
    page.wait_for_url(re.compile(r".*/coaching/waar-actief/\?weergave=kaart$"))
    assert page.locator("#coaching-map").is_visible()
    assert not page.locator("table").is_visible()
    page.wait_for_function(
        "document.querySelectorAll('#coaching-map .leaflet-marker-icon').length === 2"
    )
    _assert_no_violations(page, axe)

    page.locator(".view-switch a[data-view='lijst']").click()
    page.wait_for_url(re.compile(r".*/coaching/waar-actief/$"))
    assert page.locator("table").is_visible()
    assert not page.locator("#coaching-map").is_visible()
    _assert_no_violations(page, axe)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_walk_the_map_by_keyboard(open_page, axe, active_places, viewport):
    page = open_page(viewport, "/coaching/waar-actief/?weergave=kaart")
    page.wait_for_function(
        "document.querySelectorAll('#coaching-map .leaflet-marker-icon').length === 2"
    )
    names = page.eval_on_selector_all(
        "#coaching-map .leaflet-marker-icon", "els => els.map(e => e.getAttribute('aria-label'))"
    )
    assert sorted(names) == ["Gent (loopt)", "Hasselt (afgerond)"]
    _assert_no_violations(page, axe)

    _tab_until(page, ON_MARKER)
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"

    page.keyboard.press("Enter")
    popup = page.locator("#coaching-map .leaflet-popup")
    popup.wait_for()
    assert name.startswith(page.evaluate("document.activeElement.textContent"))
    _assert_no_violations(page, axe)

    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == name

    page.keyboard.press(" ")
    popup.wait_for()
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert page.evaluate(ON_MARKER)
