"""Leren: the screencast's chapters jump the player, and a team completes the reflection tool
with the keyboard alone. Every page passes axe-core."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import describe_violations


@pytest.fixture
def learning_demo(settings, learning_demo_media, site_pages_live):
    """The demo screencast (its video is encoded once per test session)."""
    from baz.learning import demo
    from baz.learning.models import ScreencastPage

    settings.MEDIA_ROOT = learning_demo_media
    demo.load_demo_data()
    return ScreencastPage.objects.get()


def _press_tab_until(page, predicate_js: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"Focus never reached an element matching: {predicate_js}")


def _assert_no_violations(page, axe) -> None:
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def test_enter_on_a_chapter_moves_the_player_to_that_moment(page, live_server, axe, learning_demo):
    page.goto(live_server.url + learning_demo.url)
    # The player must know the video's length before it can seek: that needs HTTP Range.
    page.wait_for_function("document.getElementById('speler').readyState >= 1")
    assert page.evaluate("document.getElementById('speler').duration") == pytest.approx(25, abs=1)
    assert page.evaluate("document.querySelector('#speler track').track.mode") == "showing"

    _press_tab_until(
        page,
        "document.activeElement.classList.contains('chapters__link')"
        " && document.activeElement.dataset.start === '15'",
    )
    page.keyboard.press("Enter")

    page.wait_for_function("document.getElementById('speler').currentTime === 15")
    assert page.evaluate("document.activeElement.id") == "speler"
    assert page.locator(".chapters__link[aria-current]").inner_text().endswith("Op welke manier?")
    _assert_no_violations(page, axe)


def test_learning_index_lists_the_screencast(page, live_server, axe, learning_demo):
    page.goto(live_server.url + "/leren/")

    assert page.locator("h1").inner_text() == "Leren"
    assert page.locator(".main-nav a[aria-current='page']").inner_text() == "Leren"
    _press_tab_until(page, f"document.activeElement.textContent.trim() === '{learning_demo.title}'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/leren/rol-van-lokale-besturen/$"))
    _assert_no_violations(page, axe)


@pytest.fixture
def gent(transactional_db):
    """The municipality the team picks (the live-server database starts empty)."""
    from baz.core.tests.factories import MunicipalityFactory, PostalCodeFactory

    municipality = MunicipalityFactory(name_nl="Gent", name_fr="Gand", slug="gent")
    PostalCodeFactory(code="9000", municipality=municipality)
    return municipality


def _focus_is(page, js_condition: str) -> str:
    return f"(() => {{ const el = document.activeElement; return !!el && ({js_condition}); }})()"


def _tab_to_id(page, element_id: str) -> None:
    _press_tab_until(page, _focus_is(page, f"el.id === '{element_id}'"))


def _submit(page) -> None:
    # The form's own submit button, not the site search button in the header.
    _press_tab_until(page, _focus_is(page, "el.type === 'submit' && !el.closest('.site-search')"))
    page.keyboard.press("Enter")


def test_a_team_completes_the_reflection_with_the_keyboard_and_resumes_by_link(
    page, browser, live_server, axe, gent
):
    page.goto(live_server.url + "/leren/reflectie/")
    _assert_no_violations(page, axe)
    _submit(page)
    page.wait_for_url(re.compile(r".*/stap/1/$"))
    _assert_no_violations(page, axe)

    # Step 1 sent empty: the errors are summarised, focused and accessible.
    _submit(page)
    page.wait_for_selector("#foutmeldingen")
    assert page.title().startswith("Fout: ")
    assert page.evaluate("document.activeElement.id") == "foutmeldingen"
    assert "Vul de naam of de postcode van je gemeente in." in page.inner_text("#foutmeldingen")
    _assert_no_violations(page, axe)

    # Step 1, then.
    _tab_to_id(page, "id_municipality")
    page.keyboard.type("9000")
    _tab_to_id(page, "id_own")
    page.keyboard.type("Buurtsoep De Pollepel")
    page.keyboard.press("Enter")
    page.keyboard.type("Repair Cafe Ledeberg")
    _submit(page)
    page.wait_for_url(re.compile(r".*/stap/2/$"))
    edit_link = page.input_value("#deel-link")

    # A reload in the middle loses nothing: the answers of step 1 are saved.
    page.reload()
    assert "We willen Buurtsoep De Pollepel ondersteunen" in page.inner_text("main")
    _assert_no_violations(page, axe)

    # Step 2: tick the first initiative and say why.
    _tab_to_id(page, "id_kies_0")
    page.keyboard.press("Space")
    _tab_to_id(page, "id_waarom_0")
    page.keyboard.type("Buren koken samen voor wie alleen is.")
    _submit(page)
    page.wait_for_url(re.compile(r".*/stap/3/$"))
    _assert_no_violations(page, axe)

    # Step 3: space is there now, a subsidy is wanted.
    _tab_to_id(page, "id_ruimte_nu")
    page.keyboard.press("Space")
    _tab_to_id(page, "id_subsidie_gewenst")
    page.keyboard.press("Space")
    _submit(page)
    page.wait_for_url(re.compile(r".*/stap/4/$"))
    _assert_no_violations(page, axe)

    # A colleague opens the shared link in another browser and lands on step 4.
    colleague = browser.new_context(bypass_csp=True, locale="nl-BE")
    try:
        other = colleague.new_page()
        other.goto(edit_link)
        other.wait_for_url(re.compile(r".*/stap/4/$"))
        _assert_no_violations(other, axe)

        # Step 4 with a text but no priority shows an error next to the field.
        _tab_to_id(other, "id_budget_tekst")
        other.keyboard.type("Een klein werkingsbudget voor buurtinitiatieven.")
        _submit(other)
        other.wait_for_selector("#foutmeldingen")
        assert "Kies een prioriteit voor deze nood." in other.inner_text("#foutmeldingen")
        _assert_no_violations(other, axe)

        _tab_to_id(other, "id_budget_prioriteit")
        other.keyboard.press("ArrowDown")
        assert other.input_value("#id_budget_prioriteit") == "hoog"
        _submit(other)
        other.wait_for_url(re.compile(r".*/overzicht/$"))

        summary = other.inner_text("main")
        for answer in [
            "Gent",
            "Buurtsoep De Pollepel",
            "Repair Cafe Ledeberg",
            "Buren koken samen voor wie alleen is.",
            "Een klein werkingsbudget voor buurtinitiatieven.",
        ]:
            assert answer in summary, answer
        assert other.get_attribute("a[href^='/coaching/aanvragen/?reflectie=']", "class")
        _assert_no_violations(other, axe)
    finally:
        colleague.close()
