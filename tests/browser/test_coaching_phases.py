"""The phase parts seen by people outside the admin, with the keyboard alone and axe-core:
a participant evaluates a session from the follow-up link; a municipality user opens the
report and makes a private calendar link."""

from datetime import timedelta

import pytest

from tests.browser.conftest import describe_violations


@pytest.fixture
def phase_world(transactional_db, settings):
    """Live-server tests flush the tables: build a trajectory with a session that took place."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from baz.accounts.models import Membership, Role
    from baz.accounts.tests.factories import MunicipalityFactory, UserFactory
    from baz.coaching.models import (
        Agreement,
        SessionParticipant,
        State,
        TrainingSession,
        Trajectory,
    )
    from baz.coaching.services.sessions import token_hash

    settings.COACHING_EVALUATION_MIN_FILL_SECONDS = 0
    Group.objects.get_or_create(name="Gemeente")
    gent = MunicipalityFactory(refnis="44021", name_nl="Gent", slug="gent")
    user = UserFactory(email="lotte@example.org", first_name="Lotte", groups=["Gemeente"])
    Membership.objects.create(user=user, municipality=gent, role=Role.MEDEWERKER)
    trajectory = Trajectory.objects.create(
        municipality=gent,
        state=State.AGREEMENTS,
        analysis_summary="Veel buurtinitiatieven, weinig zicht op wat de stad kan bieden.",
    )
    start = timezone.now() - timedelta(days=3)
    session = TrainingSession.objects.create(
        trajectory=trajectory,
        topic="Wat zijn burgerinitiatieven?",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Stadhuis Gent",
        trainer="Mira Janssens",
    )
    SessionParticipant.objects.create(
        session=session,
        name="Sara Claes",
        email="sara@example.org",
        attended=True,
        evaluation_token_hash=token_hash("een-geheime-test-link"),
        follow_up_sent_at=timezone.now(),
    )
    Agreement.objects.create(
        trajectory=trajectory,
        title="Een vast aanspreekpunt voor burgerinitiatieven",
        owner_name="Lotte",
    )
    return {"user": user, "trajectory": trajectory, "session": session}


def _tab_to(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Focus never reached {selector}")


def _assert_accessible(page, axe, where: str) -> None:
    violations = axe(page)
    assert violations == [], f"{where}:\n{describe_violations(violations)}"


def _log_in(page, live_server, user) -> None:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_a_participant_evaluates_a_session_with_the_keyboard(page, live_server, axe, phase_world):
    from baz.coaching.models import SessionEvaluation

    page.goto(f"{live_server.url}/coaching/evaluatie/een-geheime-test-link/")
    assert page.locator("h1").inner_text() == "Hoe was het vormingsmoment?"
    _assert_accessible(page, axe, "the evaluation form")

    _tab_to(page, "input[name='rating']")
    for _ in range(5):
        if page.evaluate("document.activeElement.value") == "4":
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    _tab_to(page, "textarea[name='useful']")
    page.keyboard.type("De voorbeelden uit andere gemeenten.")
    _tab_to(page, "textarea[name='improve']")
    page.keyboard.type("Meer tijd voor vragen.")
    _tab_to(page, ".coaching-evaluation-form button[type='submit']")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator("h1").inner_text() == "Bedankt voor je evaluatie"
    _assert_accessible(page, axe, "the thank-you page")
    evaluation = SessionEvaluation.objects.get()
    assert (evaluation.rating, evaluation.useful) == (4, "De voorbeelden uit andere gemeenten.")

    page.goto(f"{live_server.url}/coaching/evaluatie/een-geheime-test-link/")
    assert "Je gaf al een evaluatie" in page.locator("main").inner_text()
    _assert_accessible(page, axe, "the used link")


def test_a_municipality_user_reads_the_report_and_makes_a_calendar_link(
    page, live_server, axe, phase_world
):
    trajectory = phase_world["trajectory"]
    _log_in(page, live_server, phase_world["user"])

    page.goto(f"{live_server.url}/mijn/coaching/{trajectory.pk}/verslag/")
    assert page.locator("h1").inner_text() == "Burgerinitiatieven ondersteunen in Gent"
    assert "Een vast aanspreekpunt voor burgerinitiatieven" in page.locator("main").inner_text()
    _assert_accessible(page, axe, "the report")

    page.goto(f"{live_server.url}/mijn/coaching/{trajectory.pk}/agendalink/")
    _assert_accessible(page, axe, "the calendar link page")
    _tab_to(page, "button[value='rotate']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    feed_url = page.locator("#feed-url").input_value()
    assert "/coaching/agenda/" in feed_url
    _assert_accessible(page, axe, "the new calendar link")

    response = page.request.get(feed_url)
    assert response.status == 200
    assert "Wat zijn burgerinitiatieven?" in response.text()
