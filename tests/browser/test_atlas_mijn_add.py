"""A municipality user adds an initiative from /mijn/ with the keyboard alone: the form has
the municipality chosen already, the description is plain text (no tag codes) and the entry
is online at once. Every page passes axe-core."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import describe_violations

PASSWORD = "Correct-paard-batterij-42"


@pytest.fixture
def gent_user(transactional_db, settings):
    """A medewerker of Gent (the live-server database starts empty)."""
    from django.contrib.auth.models import Group
    from django.core.cache import cache

    from baz.accounts.models import Membership, Role
    from baz.accounts.tests.factories import MunicipalityFactory, UserFactory

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    for name in ("Redactie", "Coach", "Gemeente", "Initiatiefnemer"):
        Group.objects.get_or_create(name=name)
    gent = MunicipalityFactory(
        refnis="44021", name_nl="Gent", slug="gent", latitude=51.05, longitude=3.72
    )
    user = UserFactory(email="sofie@example.org", first_name="Sofie", groups=["Gemeente"])
    user.set_password(PASSWORD)
    user.save()
    Membership.objects.create(user=user, municipality=gent, role=Role.MEDEWERKER)
    return user, gent


def _tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Focus never reached {selector}")


def _assert_accessible(page, axe) -> None:
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def test_a_municipality_user_adds_an_initiative_with_the_keyboard(
    page, live_server, axe, gent_user
):
    from baz.atlas.models import Entry, EntryStatus

    _user, gent = gent_user
    page.goto(live_server.url + "/aanmelden/?next=/mijn/")
    _tab_to(page, "input[name='auth-username']")
    page.keyboard.type("sofie@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^http://[^/]+/mijn/$"))

    _tab_to(page, "a[href='/mijn/fiches/nieuw/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/mijn/fiches/nieuw/$"))
    assert page.locator("h1").inner_text() == "Nieuwe fiche"
    # Her only municipality is chosen already; the help text shows no tag codes.
    assert page.locator("#id_municipality").input_value() == str(gent.pk)
    assert "<strong>" not in page.inner_text("main")
    _assert_accessible(page, axe)

    # Tab through the form from the top: the kind, then the name, summary and description.
    _tab_to(page, "input[name='kind']")
    _tab_to(page, "#id_name")
    page.keyboard.type("Soep op zondag")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_summary"
    page.keyboard.type("Buren koken samen soep voor wie alleen is.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_description"
    page.keyboard.type("Elke zondag koken we samen.")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("- soep")
    page.keyboard.press("Enter")
    page.keyboard.type("- brood")
    _tab_to(page, "form.form button[type='submit']")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r".*/mijn/fiches/\d+/$"))
    assert "Je fiche staat online." in page.inner_text("main")
    entry = Entry.objects.get(name="Soep op zondag")
    assert (entry.status, entry.municipality_id) == (EntryStatus.PUBLISHED, gent.pk)
    assert (
        entry.description
        == "<p>Elke zondag koken we samen.</p><ul><li>soep</li><li>brood</li></ul>"
    )
    # The edit form shows the description as she typed it, not as tag codes.
    assert page.locator("#id_description").input_value() == (
        "Elke zondag koken we samen.\n\n- soep\n- brood"
    )
    _assert_accessible(page, axe)

    # The public page shows a paragraph and a list.
    page.goto(live_server.url + entry.get_absolute_url())
    assert page.locator(".prose li").all_inner_texts() == ["soep", "brood"]
