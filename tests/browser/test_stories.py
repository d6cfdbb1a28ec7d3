"""Verhalen in a real browser, keyboard only, with axe-core on every page and after each htmx
swap: filter the stories by theme, open one, follow its linked atlas entry."""

import re

import pytest

from tests.browser.conftest import describe_violations


@pytest.fixture
def stories_data(transactional_db, settings, site_pages_live):
    """After the flush of a transactional test: the taxonomy, a municipality, an atlas entry,
    the story index and three published stories (one about the entry)."""
    from baz.atlas.models import Theme, Werkvorm
    from baz.atlas.taxonomy import THEMES, WERKVORMEN
    from baz.atlas.tests.factories import EntryFactory
    from baz.core.models import Municipality
    from baz.core.tests.factories import MunicipalityFactory
    from baz.stories.models import GoodPracticePage
    from baz.stories.services import story_index_ensure
    from baz.stories.tests.factories import story_create

    settings.MAP_TILE_URL = ""
    for order, (name, slug) in enumerate(THEMES):
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for order, (name, slug, text) in enumerate(WERKVORMEN):
        Werkvorm.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": text, "sort_order": order}
        )
    melle = Municipality.objects.filter(refnis="44043").first() or MunicipalityFactory(
        refnis="44043", name_nl="Melle", slug="melle", latitude=51.0, longitude=3.8
    )
    entry = EntryFactory(municipality=melle, name="Mantelzorgcafé Melle")
    index, _created = story_index_ensure()
    mantelzorg = Theme.objects.get(slug="mantelzorg")
    eenzaamheid = Theme.objects.get(slug="eenzaamheid")
    story_create(index, title="Soep in de straat", themes=[eenzaamheid])
    story_create(index, title="Elke ochtend een telefoontje", themes=[eenzaamheid])
    story_create(
        index,
        title="Een praatcafé voor mantelzorgers",
        slug="praatcafe-voor-mantelzorgers",
        page_class=GoodPracticePage,
        themes=[mantelzorg],
        municipalities=[melle],
        entries=[entry],
        body=[
            {"type": "paragraph", "value": "<p>Mantelzorgers komen maandelijks samen.</p>"},
            {
                "type": "lessons",
                "value": {"title": "Wat we leerden", "items": ["Kies een vast moment."]},
            },
        ],
    )
    return entry


def _tab_to(page, predicate_js: str, limit: int = 150) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"Focus never reached: {predicate_js}")


def _focused_text(text: str) -> str:
    return f"document.activeElement && document.activeElement.textContent.trim() === {text!r}"


def _assert_no_violations(page, axe) -> None:
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def test_filter_by_theme_open_a_story_and_follow_its_atlas_entry(
    page, live_server, axe, stories_data
):
    page.goto(live_server.url + "/verhalen/")
    assert page.locator("h1").inner_text() == "Verhalen"
    assert page.locator("#stories-results-title").inner_text() == "3 resultaten"
    _assert_no_violations(page, axe)

    # Tick the theme "Mantelzorg" with the space bar, then submit with Enter.
    _tab_to(
        page,
        "document.activeElement && document.activeElement.name === 'theme'"
        " && document.activeElement.value === 'mantelzorg'",
    )
    page.keyboard.press("Space")
    _tab_to(page, _focused_text("Toon de verhalen"))
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/verhalen/\?theme=mantelzorg$"))
    page.wait_for_function(
        "document.getElementById('stories-results-title').textContent.trim() === '1 resultaat'"
    )
    # htmx swapped only the results: the page (and the ticked box) stayed.
    assert page.locator("h1").count() == 1
    assert page.locator("input[name=theme][value=mantelzorg]").is_checked()
    page.wait_for_function(
        "document.getElementById('stories-announce').textContent.trim() === '1 resultaat'"
    )
    _assert_no_violations(page, axe)

    _tab_to(page, _focused_text("Een praatcafé voor mantelzorgers"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/verhalen/praatcafe-voor-mantelzorgers/$"))
    assert page.locator("h1").inner_text() == "Een praatcafé voor mantelzorgers"
    assert page.locator(".story-lessons h2").inner_text() == "Wat we leerden"
    _assert_no_violations(page, axe)

    _tab_to(page, _focused_text("Mantelzorgcafé Melle"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/inspireer-elkaar/{stories_data.pk}-mantelzorgcafe-melle/$"))
    assert page.locator("h1").inner_text() == "Mantelzorgcafé Melle"
    # The entry page links back to the story.
    assert page.locator(".related-stories a").inner_text() == "Een praatcafé voor mantelzorgers"
    _assert_no_violations(page, axe)


def test_clearing_the_filters_and_going_back_keep_form_and_list_in_step(
    page, live_server, axe, stories_data
):
    page.goto(live_server.url + "/verhalen/?theme=eenzaamheid")
    assert page.locator("#stories-results-title").inner_text() == "2 resultaten"
    _tab_to(page, _focused_text("Wis alle filters"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/verhalen/$"))
    page.wait_for_function(
        "document.getElementById('stories-results-title').textContent.trim() === '3 resultaten'"
    )
    # The form follows the URL: no theme is ticked any more.
    page.wait_for_function("!document.querySelector('input[name=theme]:checked')")
    _assert_no_violations(page, axe)

    page.go_back()
    page.wait_for_url(re.compile(r"\?theme=eenzaamheid$"))
    page.wait_for_function(
        "document.getElementById('stories-results-title').textContent.trim() === '2 resultaten'"
    )
    page.wait_for_function("document.querySelector('input[name=theme][value=eenzaamheid]').checked")
    _assert_no_violations(page, axe)
