"""Inspireer elkaar in a real browser, keyboard only, with axe-core on every page it lands on:
filter by municipality (htmx swap), open an entry, send a relayed message."""

import re

import pytest

from baz.mail.models import OutboxMessage
from tests.browser.conftest import describe_violations


@pytest.fixture
def atlas_data(transactional_db, settings, monkeypatch):
    """What the journeys need after the flush of a transactional test: two municipalities,
    the taxonomy terms and a few published entries. No map tiles (no network in tests)."""
    from baz.atlas.models import TargetGroup, Theme, Werkvorm
    from baz.atlas.taxonomy import TARGET_GROUPS, THEMES, WERKVORMEN
    from baz.atlas.tests.factories import EntryFactory
    from baz.core.models import Municipality
    from baz.core.tests.factories import MunicipalityFactory, PostalCodeFactory, ProvinceFactory

    settings.MAP_TILE_URL = ""
    settings.ATLAS_VISITOR_MIN_FILL_SECONDS = 0
    for order, (name, slug) in enumerate(THEMES):
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for order, (name, slug, text) in enumerate(WERKVORMEN):
        Werkvorm.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": text, "sort_order": order}
        )
    for order, (name, slug) in enumerate(TARGET_GROUPS):
        TargetGroup.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})

    # The session's reference data may still be there (before the first flush) or not.
    gent = Municipality.objects.filter(refnis="44021").first()
    if gent is None:
        province = ProvinceFactory()
        gent = MunicipalityFactory(
            refnis="44021", name_nl="Gent", province=province, latitude=51.05, longitude=3.72
        )
        PostalCodeFactory(code="9000", municipality=gent, latitude=51.05, longitude=3.72)
    other = Municipality.objects.filter(refnis="44084").first() or MunicipalityFactory(
        refnis="44084", name_nl="Lochristi", province=gent.province, latitude=51.1, longitude=3.83
    )
    armoede = Theme.objects.get(slug="armoede")
    soup = EntryFactory(
        municipality=gent,
        name="Buurtsoep De Pollepel",
        contact_email="pollepel@example.org",
        themes=[armoede],
    )
    EntryFactory(municipality=other, name="Moestuin Lochristi", themes=[armoede])
    return soup


def _tab_to(page, predicate_js: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"Focus never reached: {predicate_js}")


def _focused_id(element_id: str) -> str:
    return f"document.activeElement && document.activeElement.id === '{element_id}'"


def _focused_text(text: str) -> str:
    return f"document.activeElement && document.activeElement.textContent.trim() === {text!r}"


def _entries_on_map(count: int) -> str:
    """Points and groups on the map stand for `count` entries (overlapping symbols group)."""
    return (
        "Array.from(document.querySelectorAll('#atlas-map .leaflet-marker-icon'))"
        f".reduce((n, el) => n + Number(el.dataset.count || 0), 0) === {count}"
    )


def _assert_no_violations(page, axe) -> None:
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def test_filter_by_municipality_swaps_the_results_and_pushes_the_url(
    page, live_server, axe, atlas_data
):
    page.goto(live_server.url + "/inspireer-elkaar/")
    assert page.locator("#atlas-results h2").inner_text() == "2 resultaten"
    # The map asked /api/v1/map for the same result and drew it, without any tiles.
    page.wait_for_function(_entries_on_map(2))
    _assert_no_violations(page, axe)

    _tab_to(page, _focused_id("id_municipality"))
    page.keyboard.type("Gent")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r".*municipality=Gent.*"))
    page.wait_for_function(
        "document.querySelector('#atlas-results h2').textContent.trim() === '1 resultaat'"
    )
    assert "Buurtsoep De Pollepel" in page.locator("#atlas-results").inner_text()
    assert "Moestuin Lochristi" not in page.locator("#atlas-results").inner_text()
    # htmx swapped only the results: the page (and its map) stayed.
    assert page.locator("#atlas-map.leaflet-container").count() == 1
    page.wait_for_function(_entries_on_map(1))
    page.wait_for_function("document.getElementById('atlas-announce').textContent.length > 0")
    _assert_no_violations(page, axe)


def test_open_an_entry_and_send_a_relayed_message(page, live_server, axe, atlas_data):
    page.goto(live_server.url + "/inspireer-elkaar/")

    _tab_to(page, _focused_text("Buurtsoep De Pollepel"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf".*/inspireer-elkaar/{atlas_data.pk}-buurtsoep-de-pollepel/$"))
    assert page.locator("h1").inner_text() == "Buurtsoep De Pollepel"
    assert "pollepel@example.org" not in page.content()
    _assert_no_violations(page, axe)

    # First try without a message: the form says what to fix.
    _tab_to(page, _focused_id("contact_sender_name"))
    page.keyboard.type("Piet Voorbeeld")
    page.keyboard.press("Tab")
    page.keyboard.type("piet@example.org")
    _tab_to(page, _focused_text("Verstuur je bericht"))
    page.keyboard.press("Enter")
    page.wait_for_selector("#contact .field--error")
    assert page.locator("#contact_message").get_attribute("aria-invalid") == "true"
    _assert_no_violations(page, axe)

    # The name and address are kept; add the message and send.
    _tab_to(page, _focused_id("contact_message"))
    page.keyboard.type("Mag ik eens komen helpen op donderdag?")
    _tab_to(page, _focused_text("Verstuur je bericht"))
    page.keyboard.press("Enter")
    page.wait_for_selector("text=We sturen je bericht door naar de initiatiefnemer")

    queued = OutboxMessage.objects.get()
    assert queued.to == ["pollepel@example.org"]
    assert queued.reply_to == ["piet@example.org"]
    _assert_no_violations(page, axe)


def test_on_a_small_screen_the_list_stands_alone(
    browser, live_server, site_pages_live, axe, atlas_data
):
    context = browser.new_context(
        bypass_csp=True, locale="nl-BE", viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/inspireer-elkaar/")

        assert page.locator("#atlas-results h2").inner_text() == "2 resultaten"
        assert not page.locator("#atlas-map").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        _assert_no_violations(page, axe)
    finally:
        context.close()
