"""Sending a contact message with the keyboard alone, with axe-core on every page it shows."""

import pytest

from tests.browser.conftest import describe_violations


@pytest.fixture
def press_contact(transactional_db, settings):
    """Live-server tests flush the tables: create the topics and a person to route to."""
    from baz.accounts.tests.factories import MunicipalityFactory
    from baz.contact.services import contact_topics_ensure
    from baz.contact.tests.factories import (
        ContactPersonFactory,
        PartnerOrganisationFactory,
        ProvinceFactory,
    )

    # People using the keyboard are quick; the bot guard must not refuse this test.
    settings.CONTACT_MIN_FILL_SECONDS = 0
    contact_topics_ensure()
    organisation = PartnerOrganisationFactory(name="Samen Sterk vzw")
    ContactPersonFactory(
        name="Elke Vermeulen", organisation=organisation, is_default=True, topic_slugs=["pers"]
    )
    province = ProvinceFactory(refnis="40000", name_nl="Provincie Oost-Vlaanderen", slug="ovl")
    MunicipalityFactory(
        refnis="44021", name_nl="Gent", slug="gent", province=province, search_text="gent 9000"
    )


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Focus never reached {selector}")


def _submit(page) -> None:
    _tab_to(page, ".contact-form button[type='submit']")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _assert_accessible(page, axe, where: str) -> None:
    violations = axe(page)
    assert violations == [], f"{where}:\n{describe_violations(violations)}"


def test_a_visitor_sends_a_message_and_sees_who_will_answer(page, live_server, axe, press_contact):
    page.goto(f"{live_server.url}/contact/")
    assert page.locator("h1").inner_text() == "Neem contact op"
    _assert_accessible(page, axe, "the contact form")

    # Choose the topic "Pers" with the arrow keys inside the radio group.
    _tab_to(page, "input[name='topic']")
    for _ in range(10):
        if page.evaluate("document.activeElement.value") == "pers":
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    # The municipality through the type-ahead: type, arrow down to the suggestion, Enter.
    _tab_to(page, "input[name='municipality']")
    page.keyboard.type("Gent")
    # With the full reference data the label is "Gent (Gand) · Oost-Vlaanderen".
    page.wait_for_function(
        "() => [...document.querySelectorAll('[role=option]')].some("
        "o => o.textContent.startsWith('Gent') && o.textContent.endsWith('Oost-Vlaanderen'))"
    )
    for _ in range(10):
        page.keyboard.press("ArrowDown")
        active = page.evaluate(
            "document.getElementById(document.activeElement.getAttribute("
            "'aria-activedescendant')).textContent"
        )
        if active.startswith("Gent") and active.endswith(" · Oost-Vlaanderen"):
            break
    page.keyboard.press("Enter")
    assert page.locator("input[name='municipality']").input_value().startswith("Gent")
    _tab_to(page, "input[name='name']")
    page.keyboard.type("Sara Janssens")
    _tab_to(page, "textarea[name='body']")
    page.keyboard.type("Ik schrijf een artikel over burgerinitiatieven in Gent.")
    _tab_to(page, "input[name='consent']")
    page.keyboard.press("Space")
    # The e-mail address is forgotten on purpose.
    _submit(page)

    assert page.locator("#id_email_error").inner_text() == "Vul je e-mailadres in."
    assert page.locator("input[name='name']").input_value() == "Sara Janssens"
    assert page.locator("input[name='topic'][value='pers']").is_checked()
    _assert_accessible(page, axe, "the form with errors")

    _tab_to(page, "input[name='email']")
    page.keyboard.type("sara@example.org")
    _submit(page)

    assert page.url.endswith("/contact/bedankt/")
    assert "Elke Vermeulen van Samen Sterk vzw" in page.locator("#wie-antwoordt").inner_text()
    _assert_accessible(page, axe, "the confirmation")

    from baz.contact.models import ContactMessage

    message = ContactMessage.objects.get()
    assert message.email == "sara@example.org"
    assert message.routed_to_name == "Elke Vermeulen"
    assert message.municipality.name_nl == "Gent"
