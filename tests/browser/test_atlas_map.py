"""The atlas on a phone (390 x 844) and a laptop (1280 x 800): the first result on the first
screen, the filters folded behind a button on the phone, the "Lijst / Kaart" switch, and the
map walked by keyboard (markers, popups, clusters), with axe-core on every state."""

import re

import pytest

from tests.browser.conftest import describe_violations

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}


@pytest.fixture
def map_data(transactional_db, settings):
    """Two municipalities with one entry each, the taxonomy, no map tiles (no network)."""
    from baz.atlas.models import Theme
    from baz.atlas.taxonomy import THEMES
    from baz.atlas.tests.factories import EntryFactory
    from baz.core.models import Municipality
    from baz.core.tests.factories import MunicipalityFactory, PostalCodeFactory, ProvinceFactory

    settings.MAP_TILE_URL = ""
    for order, (name, slug) in enumerate(THEMES):
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    gent = Municipality.objects.filter(refnis="44021").first()
    if gent is None:
        gent = MunicipalityFactory(
            refnis="44021",
            name_nl="Gent",
            province=ProvinceFactory(),
            latitude=51.05,
            longitude=3.72,
        )
        PostalCodeFactory(code="9000", municipality=gent, latitude=51.05, longitude=3.72)
    leuven = Municipality.objects.filter(refnis="24062").first() or MunicipalityFactory(
        refnis="24062", name_nl="Leuven", province=gent.province, latitude=50.88, longitude=4.70
    )
    armoede = Theme.objects.get(slug="armoede")
    EntryFactory(
        municipality=gent,
        name="Buurtsoep De Pollepel",
        # As long as most summaries in the demo data: two lines on a phone.
        summary="Buren koken elke donderdag soep voor wie niet meer goed buiten kan.",
        themes=[armoede],
    )
    EntryFactory(municipality=leuven, name="Moestuin De Kouter", themes=[armoede])


@pytest.fixture
def open_page(browser, live_server, site_pages_live):
    contexts = []

    def open_at(viewport: dict, path: str = "/inspireer-elkaar/", *, javascript: bool = True):
        context = browser.new_context(
            bypass_csp=True, locale="nl-BE", viewport=viewport, java_script_enabled=javascript
        )
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


def _assert_on_first_screen(page, selector: str, viewport: dict) -> None:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= viewport["height"], (
        f"{selector} ends at {box['y'] + box['height']:.0f} px, below the first screen"
    )


def _summary_text(page) -> str:
    return " ".join(page.locator("#atlas-filters summary").inner_text().split())


def _tab_until(page, predicate_js: str, limit: int = 150) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"Focus never reached: {predicate_js}")


ON_MARKER = (
    "document.activeElement && document.activeElement.matches('#atlas-map .leaflet-marker-icon')"
)


def _assert_focus_is_visible(page) -> None:
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_first_result_is_on_the_first_screen(open_page, axe, map_data, viewport):
    page = open_page(viewport)

    _assert_on_first_screen(page, "#atlas-results .atlas-card", viewport)
    assert page.locator("#atlas-results h2").inner_text() == "2 resultaten"
    if viewport is PHONE:
        # The filters wait behind their button; the map behind the switch.
        assert page.locator("#atlas-filters").get_attribute("open") is None
        assert not page.locator("#id_q").is_visible()
        assert not page.locator("#atlas-map").is_visible()
    else:
        # Beside the results, open, and the map is on the first screen as well.
        assert page.locator("#id_q").is_visible()
        assert not page.locator(".view-switch").is_visible()
        map_box = page.locator("#atlas-map").bounding_box()
        assert map_box["y"] + map_box["height"] / 2 < viewport["height"]
        page.wait_for_function("document.querySelectorAll('#atlas-map .atlas-point').length === 2")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    _assert_no_violations(page, axe)


def test_on_a_phone_the_filters_button_counts_the_active_filters(open_page, axe, map_data):
    page = open_page(PHONE, "/inspireer-elkaar/?theme=armoede&q=soep")
    assert _summary_text(page) == "Filters (2 actief)"
    _assert_on_first_screen(page, "#atlas-results .atlas-card", PHONE)

    # Open the filters by keyboard, choose a municipality: htmx swaps the results, the
    # button counts one more filter, the filters fold and focus goes to the results.
    page.locator("#atlas-filters summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("#id_municipality").is_visible()
    _assert_no_violations(page, axe)
    page.locator("#id_municipality").fill("Gent")
    page.locator("#id_municipality").press("Enter")
    page.wait_for_url(re.compile(r".*municipality=Gent.*"))
    page.wait_for_function(
        "document.querySelector('#atlas-filters summary').textContent.trim() === "
        "'Filters (3 actief)'"
    )
    assert page.locator("#atlas-filters").get_attribute("open") is None
    assert page.evaluate("document.activeElement.id") == "atlas-results-title"
    assert page.locator("#atlas-results h2").inner_text() == "1 resultaat"
    _assert_no_violations(page, axe)


def test_on_a_phone_the_switch_shows_the_map_and_the_list_again(open_page, axe, map_data):
    page = open_page(PHONE, "/inspireer-elkaar/?theme=armoede")

    page.locator(".view-switch a[data-view='kaart']").click()
    page.wait_for_url(re.compile(r".*theme=armoede.*weergave=kaart$"))
    assert page.locator("#atlas-map").is_visible()
    assert not page.locator("#atlas-results").is_visible()
    assert page.locator(".view-switch a[aria-current]").inner_text() == "Kaart"
    page.wait_for_function("document.querySelectorAll('#atlas-map .atlas-point').length === 2")
    # Filtering on the map keeps the map.
    assert page.locator("#atlas-filters input[name='weergave']").get_attribute("value") == "kaart"
    _assert_no_violations(page, axe)

    page.locator(".view-switch a[data-view='lijst']").click()
    page.wait_for_url(re.compile(r".*/inspireer-elkaar/\?theme=armoede$"))
    assert page.locator("#atlas-results").is_visible()
    assert not page.locator("#atlas-map").is_visible()
    assert page.locator("#atlas-filters input[name='weergave']").count() == 0
    _assert_no_violations(page, axe)

    # The choice is in the address: loading it shows the map straight away.
    page.goto(page.url + "&weergave=kaart")
    assert page.locator("#atlas-map").is_visible()
    assert not page.locator("#atlas-results").is_visible()


def test_without_javascript_the_filters_and_the_switch_are_plain_links_and_forms(
    open_page, map_data
):
    page = open_page(PHONE, javascript=False)

    page.locator("#atlas-filters summary").click()
    page.locator("#id_municipality").fill("Gent")
    page.locator("#atlas-filters button[type='submit']").click()
    page.wait_for_url(re.compile(r".*municipality=Gent.*"))
    assert page.locator("#atlas-results h2").inner_text() == "1 resultaat"
    assert _summary_text(page) == "Filters (1 actief)"

    page.locator(".view-switch a[data-view='kaart']").click()
    # The switch keeps the filters, in their canonical form (the REFNIS code of Gent).
    page.wait_for_url(re.compile(r".*\?municipality=44021&weergave=kaart$"))
    assert not page.locator("#atlas-results").is_visible()
    assert page.locator("#atlas-filters input[name='weergave']").get_attribute("value") == "kaart"
    page.locator(".view-switch a[data-view='lijst']").click()
    page.wait_for_url(re.compile(r".*\?municipality=44021$"))
    assert page.locator("#atlas-results").is_visible()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_walk_the_map_by_keyboard_and_open_a_popup(open_page, axe, map_data, viewport):
    page = open_page(viewport, "/inspireer-elkaar/?weergave=kaart")
    page.wait_for_function("document.querySelectorAll('#atlas-map .atlas-point').length === 2")

    _tab_until(page, ON_MARKER)
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert name in {"Buurtsoep De Pollepel", "Moestuin De Kouter"}
    assert page.evaluate("document.activeElement.getAttribute('role')") == "button"
    _assert_focus_is_visible(page)
    _assert_no_violations(page, axe)

    page.keyboard.press("Enter")
    popup = page.locator("#atlas-map .leaflet-popup")
    popup.wait_for()
    # Focus moved to the link in the popup.
    assert page.evaluate("document.activeElement.textContent") == name
    assert page.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "Sluit"
    _assert_no_violations(page, axe)

    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert page.evaluate(ON_MARKER)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == name

    # Space opens it as well.
    page.keyboard.press(" ")
    popup.wait_for()
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert page.evaluate(ON_MARKER)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_a_cluster_zooms_in_with_enter(open_page, axe, map_data, viewport, monkeypatch):
    # Clusters from the first entry up, so two entries make clusters.
    monkeypatch.setattr("baz.atlas.selectors.map.MAP_POINT_THRESHOLD", 1)
    page = open_page(viewport, "/inspireer-elkaar/?weergave=kaart")
    page.wait_for_selector("#atlas-map .atlas-cluster")

    _tab_until(page, ON_MARKER)
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label in {"Groep van 2 fiches: zoom in", "Groep met 1 fiche: zoom in"}
    _assert_focus_is_visible(page)
    _assert_no_violations(page, axe)
    zoom = int(page.locator("#atlas-map").get_attribute("data-zoom"))

    page.keyboard.press("Enter")
    page.wait_for_function(
        f"Number(document.getElementById('atlas-map').getAttribute('data-zoom')) > {zoom}"
    )
    # After the redraw the focus is on the map again, on the nearest group.
    page.wait_for_function(
        "document.activeElement && document.activeElement.matches("
        "'#atlas-map .leaflet-marker-icon')"
    )
    _assert_no_violations(page, axe)


def test_entries_at_the_same_place_are_one_group_whose_popup_lists_them(open_page, axe, map_data):
    from baz.atlas.tests.factories import EntryFactory
    from baz.core.models import Municipality

    # Placed at its municipality, like the soup in Gent: the same point on the map.
    EntryFactory(municipality=Municipality.objects.get(refnis="44021"), name="Praatcafé Gent")
    page = open_page(LAPTOP)
    page.wait_for_selector("#atlas-map .atlas-cluster")

    _tab_until(page, "document.activeElement && document.activeElement.dataset.count === '2'")
    assert (
        page.evaluate("document.activeElement.getAttribute('aria-label')")
        == "2 fiches op dezelfde plaats: toon ze"
    )
    page.keyboard.press("Enter")
    popup = page.locator("#atlas-map .leaflet-popup")
    popup.wait_for()
    assert sorted(popup.locator("li a").all_inner_texts()) == [
        "Buurtsoep De Pollepel",
        "Praatcafé Gent",
    ]
    assert page.evaluate("document.activeElement.closest('.leaflet-popup') !== null")
    _assert_no_violations(page, axe)

    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert page.evaluate("document.activeElement.dataset.count") == "2"
