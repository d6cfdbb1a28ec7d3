"""The team of a municipality: its beheerder makes a colleague beheerder, takes another out of
the team and sends an open invitation again, with the keyboard alone. Every page passes axe."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import describe_violations

PASSWORD = "Correct-paard-batterij-42"


@pytest.fixture
def team(transactional_db, settings):
    """Gent with a beheerder, two medewerkers and one open invitation."""
    from baz.accounts.models import Membership, Role
    from baz.accounts.services import invitation_create
    from baz.accounts.tests.factories import MunicipalityFactory, UserFactory

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    gent = MunicipalityFactory(refnis="44021", name_nl="Gent", name_fr="Gand", slug="gent")
    people = {}
    for first, last, role in (
        ("Lotte", "Claes", Role.BEHEERDER),
        ("Jonas", "Peeters", Role.MEDEWERKER),
        ("Sara", "Janssens", Role.MEDEWERKER),
    ):
        user = UserFactory(email=f"{first.lower()}@example.org", first_name=first, last_name=last)
        user.set_password(PASSWORD)
        user.save()
        Membership.objects.create(user=user, municipality=gent, role=role)
        people[first] = user
    invitation_create(
        created_by=people["Lotte"],
        email="nieuwe.collega@example.org",
        group_name="Gemeente",
        municipalities=[gent],
        role=Role.MEDEWERKER,
    )
    return people


def _focused(page, js_condition: str) -> bool:
    return page.evaluate(
        f"(() => {{ const el = document.activeElement; return !!el && ({js_condition}); }})()"
    )


def _tab_until(page, js_condition: str, limit: int = 120) -> None:
    for _ in range(limit):
        if _focused(page, js_condition):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Focus never reached an element matching: {js_condition}")


def _activate(page, text: str) -> None:
    """Tab to the link or button whose accessible text is `text`, and press Enter."""
    _tab_until(page, f"el.textContent.replace(/\\s+/g, ' ').trim() === {text!r}")
    page.keyboard.press("Enter")


def _assert_no_violations(page, axe) -> None:
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def test_a_beheerder_manages_the_team_with_the_keyboard(page, live_server, axe, team):
    from baz.accounts.models import Invitation, Membership, Role
    from baz.mail.models import OutboxMessage

    page.goto(live_server.url + "/aanmelden/")
    _tab_until(page, "el.name === 'auth-username'")
    page.keyboard.type("lotte@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/mijn/$"))

    _activate(page, "Team van Gent")
    page.wait_for_url(re.compile(r".*/mijn/gemeenten/44021/team/$"))
    main = page.inner_text("main")
    for text in ("jonas@example.org", "Sara Janssens", "nieuwe.collega@example.org"):
        assert text in main
    _assert_no_violations(page, axe)

    # Jonas becomes beheerder.
    _activate(page, "Maak beheerder: Jonas Peeters")
    page.wait_for_selector("text=Jonas Peeters is nu beheerder.")
    assert Membership.objects.get(user=team["Jonas"]).role == Role.BEHEERDER
    _assert_no_violations(page, axe)

    # Sara leaves the team, after a question.
    _activate(page, "Haal uit het team: Sara Janssens")
    page.wait_for_url(re.compile(r".*/team/\d+/verwijderen/$"))
    assert "Sara Janssens werkt dan niet meer mee voor Gent" in page.inner_text("main")
    _assert_no_violations(page, axe)
    _activate(page, "Ja, haal uit het team")
    page.wait_for_selector("text=Sara Janssens werkt niet meer mee voor Gent.")
    assert not Membership.objects.filter(user=team["Sara"]).exists()
    assert "sara@example.org" not in page.inner_text("main table")

    # The open invitation goes out again.
    sent_before = OutboxMessage.objects.count()
    _activate(page, "Stuur opnieuw: nieuwe.collega@example.org")
    page.wait_for_selector("text=We hebben de uitnodiging opnieuw gestuurd")
    assert OutboxMessage.objects.count() == sent_before + 1
    assert Invitation.objects.count() == 1
    _assert_no_violations(page, axe)
