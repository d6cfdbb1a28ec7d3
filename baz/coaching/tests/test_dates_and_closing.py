"""Dates a coach enters are checked, and closing a trajectory with open items needs a
confirmation that is recorded (who, when, what was open)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from baz.accounts.tests.factories import UserFactory
from baz.coaching.models import AgreementStatus, State, TrajectoryEvent
from baz.coaching.selectors.trajectories import progress_steps
from baz.coaching.services.agreements import agreement_create, agreement_update
from baz.coaching.services.sessions import session_create
from baz.coaching.services.trajectories import ClosingNeedsConfirmation, trajectory_transition
from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.coaching.tests.phases_fixtures import make_agreement

TODAY = timezone.localdate()


# --- Sessions ------------------------------------------------------------------------------------


def test_a_session_cannot_be_planned_in_the_past(coach, trajectory_a):
    start = timezone.now() - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        session_create(
            user=coach,
            trajectory=trajectory_a,
            topic="Te laat",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            trainer="Mira",
        )
    assert "verleden" in error.value.message_dict["starts_at"][0]
    assert not trajectory_a.sessions.exists()


def test_a_session_in_the_future_is_planned(coach, trajectory_a):
    start = timezone.now() + timedelta(days=1)
    session = session_create(
        user=coach,
        trajectory=trajectory_a,
        topic="Morgen",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        trainer="Mira",
    )
    assert session.pk


def test_the_admin_form_shows_the_past_date_next_to_the_field(
    client, login_verified, coach, trajectory_a
):
    login_verified(client, coach)
    start = timezone.localtime() - timedelta(days=3)
    response = client.post(
        f"/beheer/coaching/trajecten/{trajectory_a.pk}/vorming/nieuw/",
        {
            "topic": "Vorige week",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "trainer": "Mira",
            "location": "Stadhuis Gent",
        },
    )
    assert response.status_code == 200
    assert "Dit moment ligt in het verleden" in response.content.decode()
    assert not trajectory_a.sessions.exists()


# --- Agreements ----------------------------------------------------------------------------------


def test_a_new_agreement_cannot_have_a_deadline_in_the_past(coach, trajectory_a):
    with pytest.raises(ValidationError) as error:
        agreement_create(
            user=coach,
            trajectory=trajectory_a,
            title="Loket",
            owner_name="Ines",
            deadline=TODAY - timedelta(days=1),
        )
    assert "deadline" in error.value.message_dict


def test_a_new_agreement_may_have_its_deadline_today(coach, trajectory_a):
    agreement = agreement_create(
        user=coach, trajectory=trajectory_a, title="Loket", owner_name="Ines", deadline=TODAY
    )
    assert agreement.deadline == TODAY


@pytest.mark.parametrize("days_after_deadline", [0, 5])
def test_the_follow_up_date_comes_before_the_deadline(coach, trajectory_a, days_after_deadline):
    deadline = TODAY + timedelta(days=30)
    with pytest.raises(ValidationError) as error:
        agreement_create(
            user=coach,
            trajectory=trajectory_a,
            title="Loket",
            owner_name="Ines",
            deadline=deadline,
            follow_up_on=deadline + timedelta(days=days_after_deadline),
        )
    assert "follow_up_on" in error.value.message_dict


def test_changing_an_agreement_checks_the_follow_up_date_too(coach, trajectory_a):
    agreement = make_agreement(trajectory_a, deadline=TODAY + timedelta(days=30))
    with pytest.raises(ValidationError):
        agreement_update(user=coach, agreement=agreement, follow_up_on=TODAY + timedelta(days=31))


def test_a_stored_agreement_keeps_its_past_deadline_when_it_changes(coach, trajectory_a):
    agreement = make_agreement(trajectory_a, deadline=TODAY - timedelta(days=10), created_by=coach)
    agreement_update(user=coach, agreement=agreement, status=AgreementStatus.IN_PROGRESS)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_PROGRESS


def test_the_admin_agreement_form_shows_the_date_errors_next_to_the_fields(
    client, login_verified, coach, trajectory_a
):
    login_verified(client, coach)
    response = client.post(
        f"/beheer/coaching/trajecten/{trajectory_a.pk}/afspraken/nieuw/",
        {
            "title": "Loket",
            "party": "gemeente",
            "owner_name": "Ines",
            "deadline": (TODAY + timedelta(days=10)).isoformat(),
            "follow_up_on": (TODAY + timedelta(days=20)).isoformat(),
            "status": "open",
        },
    )
    assert response.status_code == 200
    assert "moet voor de deadline liggen" in response.content.decode()
    assert not trajectory_a.agreements.exists()


# --- Closing with open items ---------------------------------------------------------------------


@pytest.fixture
def agreements_phase(trajectory_a):
    trajectory_a.state = State.AGREEMENTS
    trajectory_a.save(update_fields=["state"])
    return trajectory_a


def test_closing_with_open_agreements_asks_for_confirmation(coach, agreements_phase):
    make_agreement(agreements_phase, title="Loket", deadline=TODAY + timedelta(days=5))
    make_agreement(agreements_phase, title="Klaar", status=AgreementStatus.DONE)

    with pytest.raises(ClosingNeedsConfirmation) as error:
        trajectory_transition(agreements_phase, State.COMPLETED, coach)

    assert [item["title"] for item in error.value.open_items] == ["Loket"]
    agreements_phase.refresh_from_db()
    assert agreements_phase.state == State.AGREEMENTS


def test_stopping_with_a_session_to_come_asks_for_confirmation(
    coach, trajectory_a, upcoming_session, held_session
):
    with pytest.raises(ClosingNeedsConfirmation) as error:
        trajectory_transition(trajectory_a, State.STOPPED, coach, "Geen tijd meer")
    assert [(i["kind"], i["title"]) for i in error.value.open_items] == [
        ("vorming", upcoming_session.topic)
    ]


def test_a_confirmed_closing_records_who_when_and_what_was_open(coach, agreements_phase):
    agreement = make_agreement(agreements_phase, title="Loket", deadline=TODAY + timedelta(days=5))

    trajectory_transition(agreements_phase, State.COMPLETED, coach, confirm_open=True)

    agreements_phase.refresh_from_db()
    assert agreements_phase.state == State.COMPLETED
    event = TrajectoryEvent.objects.filter(trajectory=agreements_phase).latest("pk")
    assert event.actor == coach
    assert event.created_at is not None
    assert event.open_items == [
        {
            "kind": "afspraak",
            "pk": agreement.pk,
            "title": "Loket",
            "date": (TODAY + timedelta(days=5)).isoformat(),
            "status": "Nog te doen",
        }
    ]


def test_closing_without_open_items_needs_no_confirmation(coach, agreements_phase):
    make_agreement(agreements_phase, status=AgreementStatus.DROPPED)
    trajectory_transition(agreements_phase, State.COMPLETED, coach)
    event = TrajectoryEvent.objects.filter(trajectory=agreements_phase).latest("pk")
    assert event.open_items == []


def test_the_admin_asks_the_coach_to_confirm_and_then_closes(
    client, login_verified, coach, agreements_phase
):
    make_agreement(agreements_phase, title="Loket", deadline=TODAY + timedelta(days=5))
    login_verified(client, coach)
    url = f"/beheer/coaching/trajecten/{agreements_phase.pk}/stap/"

    response = client.post(url, {"to_state": State.COMPLETED, "note": "Goed gewerkt"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Deze punten staan nog open" in content
    assert "Loket" in content
    assert 'name="confirm_open" value="1"' in content
    agreements_phase.refresh_from_db()
    assert agreements_phase.state == State.AGREEMENTS

    response = client.post(
        url, {"to_state": State.COMPLETED, "note": "Goed gewerkt", "confirm_open": "1"}
    )

    assert response.status_code == 302
    agreements_phase.refresh_from_db()
    assert agreements_phase.state == State.COMPLETED
    detail = client.get(f"/beheer/coaching/trajecten/{agreements_phase.pk}/").content.decode()
    assert "Afgesloten door Koen Maes met 1 open punt" in detail


def test_municipality_users_and_others_cannot_confirm_a_closing(
    client, login_verified, member_a, agreements_phase
):
    make_agreement(agreements_phase, title="Loket")
    login_verified(client, member_a)
    response = client.post(
        f"/beheer/coaching/trajecten/{agreements_phase.pk}/stap/",
        {"to_state": State.COMPLETED, "confirm_open": "1"},
    )
    assert response.status_code in (302, 403)
    agreements_phase.refresh_from_db()
    assert agreements_phase.state == State.AGREEMENTS

    with pytest.raises(PermissionDenied):
        trajectory_transition(agreements_phase, State.COMPLETED, member_a, confirm_open=True)
    outsider = UserFactory(email="initiatief@example.org", groups=["Initiatiefnemer"])
    with pytest.raises(PermissionDenied):
        trajectory_transition(agreements_phase, State.COMPLETED, outsider, confirm_open=True)


# --- "Vorming (klaar)" ---------------------------------------------------------------------------


def _step(trajectory, value):
    return next(s for s in progress_steps(trajectory) if s["value"] == value)


def test_vorming_is_done_only_after_a_session_took_place(agreements_phase, upcoming_session):
    assert _step(agreements_phase, State.TRAINING)["done"] is False
    assert _step(agreements_phase, State.ANALYSIS)["done"] is True


def test_vorming_is_done_once_a_session_took_place(agreements_phase, held_session):
    assert _step(agreements_phase, State.TRAINING)["done"] is True


def test_a_cancelled_session_does_not_make_vorming_done(agreements_phase, held_session):
    held_session.cancelled_at = timezone.now()
    held_session.save(update_fields=["cancelled_at"])
    assert _step(agreements_phase, State.TRAINING)["done"] is False
