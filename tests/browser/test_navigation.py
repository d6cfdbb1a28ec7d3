"""A visitor finds their way with the keyboard alone, and every page passes axe-core."""

import re

import pytest

from tests.browser.conftest import describe_violations


def _press_tab_until(page, predicate_js: str, limit: int = 30) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"Focus never reached an element matching: {predicate_js}")


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/", "Inspireer elkaar"), ("/lokale-besturen/", "Lokale besturen")],
)
def test_page_loads_in_dutch_without_accessibility_violations(
    page, live_server, axe, path, heading
):
    page.goto(live_server.url + path)

    assert page.locator("html").get_attribute("lang") == "nl-BE"
    assert page.locator("h1").inner_text() == heading
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def test_main_navigation_works_by_keyboard_alone(page, live_server, axe):
    page.goto(live_server.url + "/")

    # The first Tab lands on the skip link, which moves focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Ga naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"

    # From the top of the page, Tab reaches the menu item and Enter follows it.
    page.goto(live_server.url + "/")
    _press_tab_until(
        page,
        "document.activeElement.closest('.main-nav') !== null"
        " && document.activeElement.textContent.trim() === 'Lokale besturen'",
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/lokale-besturen/$"))

    assert page.locator("h1").inner_text() == "Lokale besturen"
    assert page.locator(".main-nav a[aria-current='page']").inner_text() == "Lokale besturen"
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def test_narrow_screen_menu_opens_and_closes_with_the_keyboard(
    browser, live_server, site_pages_live, axe
):
    context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        # Nothing scrolls sideways at 320 px (WCAG 1.4.10 reflow).
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert not page.locator("#hoofdmenu").is_visible()

        _press_tab_until(page, "document.activeElement.classList.contains('main-nav__toggle')")
        page.keyboard.press("Enter")
        assert page.locator(".main-nav__toggle").get_attribute("aria-expanded") == "true"
        assert page.locator("#hoofdmenu").is_visible()

        page.keyboard.press("Tab")
        page.keyboard.press("Escape")
        assert not page.locator("#hoofdmenu").is_visible()
        assert page.evaluate("document.activeElement.classList.contains('main-nav__toggle')")
        violations = axe(page)
        assert violations == [], describe_violations(violations)
    finally:
        context.close()


def test_unknown_address_shows_a_dutch_404_page(page, live_server, axe):
    response = page.goto(live_server.url + "/bestaat-niet/")

    assert response.status == 404
    assert page.locator("h1").inner_text() == "Deze pagina bestaat niet (meer)"
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def test_axe_check_reports_a_real_violation(page, live_server, axe):
    """The accessibility check itself can fail: an image without alt text is reported."""
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const img = document.createElement('img'); img.src = '/static/x.png';"
        " document.querySelector('main').appendChild(img); }"
    )

    assert "image-alt" in {violation["id"] for violation in axe(page)}
