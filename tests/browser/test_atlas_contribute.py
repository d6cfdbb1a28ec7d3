"""Proposing an atlas entry with the keyboard alone, then confirming it with the button."""

import re

import pytest

from tests.browser.conftest import describe_violations


@pytest.fixture
def atlas_setup(transactional_db, settings):
    """Live-server tests flush the tables: create the groups and the municipality they need."""
    from django.contrib.auth.models import Group
    from django.core.cache import cache

    from baz.accounts.tests.factories import MunicipalityFactory

    settings.ATLAS_PROPOSE_MIN_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    for name in ("Redactie", "Coach", "Gemeente", "Initiatiefnemer"):
        Group.objects.get_or_create(name=name)
    return MunicipalityFactory(
        refnis="44021", name_nl="Gent", slug="gent", latitude=51.05, longitude=3.72
    )


def _tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Focus never reached {selector}")


def _type_into(page, selector: str, text: str) -> None:
    _tab_to(page, selector)
    page.keyboard.type(text)


def _assert_accessible(page, axe) -> None:
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def test_someone_proposes_an_initiative_and_confirms_it_with_the_button(
    page, live_server, axe, atlas_setup
):
    from baz.atlas.models import Entry, EntryStatus
    from baz.mail.models import OutboxMessage

    page.goto(live_server.url + "/inspireer-elkaar/voorstellen/")
    assert page.locator("h1").inner_text() == "Stel een initiatief voor"
    _assert_accessible(page, axe)

    # First try: only a name. The errors sit next to the fields and the name stays.
    _type_into(page, "#id_name", "Soep op zondag")
    _tab_to(page, "form.form button[type='submit']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#foutmeldingen")
    assert page.locator("#id_name").input_value() == "Soep op zondag"
    assert page.locator("#id_summary_error").is_visible()
    _assert_accessible(page, axe)

    _type_into(page, "#id_summary", "Buren koken samen soep voor wie alleen is.")
    # A native select: typing the first letters picks the municipality.
    _tab_to(page, "#id_municipality")
    page.keyboard.type("Gent")
    assert page.locator("#id_municipality").input_value() == str(atlas_setup.pk)
    _type_into(page, "#id_submitter_name", "An Peeters")
    _type_into(page, "#id_submitter_email", "an@example.org")
    _tab_to(page, "form.form button[type='submit']")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/inspireer-elkaar/voorstellen/verstuurd/$"))
    assert page.locator("h1").inner_text() == "Kijk in je mailbox"
    _assert_accessible(page, axe)

    link = re.search(
        r"https?://\S+(/inspireer-elkaar/bevestig/\S+/)", OutboxMessage.objects.get().body_text
    )
    assert link is not None
    page.goto(live_server.url + link.group(1))
    assert page.locator("h1").inner_text() == "Bevestig je voorstel"
    assert Entry.objects.get().status == EntryStatus.DRAFT  # opening the link changes nothing
    _assert_accessible(page, axe)

    _tab_to(page, "main button[type='submit']")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Bedankt, je voorstel is ingediend")
    _assert_accessible(page, axe)
    assert Entry.objects.get().status == EntryStatus.SUBMITTED
