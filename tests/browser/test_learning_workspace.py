"""Leren in the workspace: a municipality user logs in, runs the reflection tool and finds it on
/mijn/, with the keyboard alone. Every page passes axe-core."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import describe_violations

PASSWORD = "Correct-paard-batterij-42"


@pytest.fixture
def municipality_user(transactional_db, settings):
    """A beheerder of Gent (the live-server database starts empty)."""
    from baz.accounts.models import Membership, Role
    from baz.accounts.tests.factories import MunicipalityFactory, UserFactory

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    gent = MunicipalityFactory(refnis="44021", name_nl="Gent", name_fr="Gand", slug="gent")
    user = UserFactory(email="lotte@example.org", first_name="Lotte")
    user.set_password(PASSWORD)
    user.save()
    Membership.objects.create(user=user, municipality=gent, role=Role.BEHEERDER)
    return user


def _focused(page, js_condition: str) -> bool:
    return page.evaluate(
        f"(() => {{ const el = document.activeElement; return !!el && ({js_condition}); }})()"
    )


def _tab_until(page, js_condition: str, limit: int = 80) -> None:
    for _ in range(limit):
        if _focused(page, js_condition):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Focus never reached an element matching: {js_condition}")


def _tab_to_id(page, element_id: str) -> None:
    _tab_until(page, f"el.id === '{element_id}'")


def _press_button(page, text: str) -> None:
    _tab_until(page, f"el.textContent.trim() === '{text}'")
    page.keyboard.press("Enter")


def _assert_no_violations(page, axe) -> None:
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def test_a_municipality_user_reflects_in_the_workspace_and_finds_it_on_mijn(
    page, live_server, axe, municipality_user
):
    page.goto(live_server.url + "/aanmelden/?next=/leren/reflectie/")
    _tab_until(page, "el.name === 'auth-username'")
    page.keyboard.type("lotte@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/leren/reflectie/$"))
    assert "De reflectie komt in de werkplek van Gent" in page.inner_text("main")
    _assert_no_violations(page, axe)

    _press_button(page, "Start de reflectie")
    page.wait_for_url(re.compile(r".*/mijn/reflecties/\d+/stap/1/$"))
    assert "Gemeente: Gent" in page.inner_text("main")
    _assert_no_violations(page, axe)

    # Step 1 sent empty: an error, next to the field and in the summary.
    _press_button(page, "Bewaar en ga verder")
    page.wait_for_selector("#foutmeldingen")
    assert page.evaluate("document.activeElement.id") == "foutmeldingen"
    _assert_no_violations(page, axe)

    _tab_to_id(page, "id_own")
    page.keyboard.type("Buurtsoep De Pollepel")
    _press_button(page, "Bewaar en ga verder")
    page.wait_for_url(re.compile(r".*/stap/2/$"))
    _assert_no_violations(page, axe)

    _tab_to_id(page, "id_kies_0")
    page.keyboard.press("Space")
    _tab_to_id(page, "id_waarom_0")
    page.keyboard.type("Buren koken samen voor wie alleen is.")
    _press_button(page, "Bewaar en ga verder")
    page.wait_for_url(re.compile(r".*/stap/3/$"))

    _tab_to_id(page, "id_ruimte_nu")
    page.keyboard.press("Space")
    _press_button(page, "Bewaar en ga verder")
    page.wait_for_url(re.compile(r".*/stap/4/$"))

    _tab_to_id(page, "id_budget_tekst")
    page.keyboard.type("Een klein werkingsbudget.")
    _tab_to_id(page, "id_budget_prioriteit")
    page.keyboard.press("ArrowDown")
    _press_button(page, "Bewaar en bekijk het overzicht")
    page.wait_for_url(re.compile(r".*/mijn/reflecties/\d+/overzicht/$"))
    summary_url = page.url
    main = page.inner_text("main")
    assert "Buren koken samen voor wie alleen is." in main
    assert "Deze reflectie staat in de werkplek van Gent." in main
    _assert_no_violations(page, axe)

    # On /mijn/ the panel loads the list; the reflection is there and opens with Enter.
    page.goto(live_server.url + "/mijn/")
    page.wait_for_selector(".reflection-list a")
    assert "klaar" in page.inner_text(".reflection-list")
    _assert_no_violations(page, axe)
    _tab_until(page, "el.closest('.reflection-list') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url(summary_url)
    assert page.locator("h1").inner_text().startswith("Overzicht van jullie reflectie")
