"""Retention: personal data of finished trajectories goes; agreements and counts stay."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from baz.coaching.models import (
    Agreement,
    CoachingRequest,
    SessionEvaluation,
    SessionParticipant,
    State,
    Trajectory,
)
from baz.coaching.selectors.agreements import trajectory_report
from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.coaching.tests.phases_fixtures import make_agreement
from baz.core.dates import months_before


def _finish(trajectory, *, months_ago, state=State.COMPLETED, days=1):
    """Close `trajectory` `days` days more than `months_ago` calendar months ago."""
    closed_at = months_before(timezone.now(), months_ago) - timedelta(days=days)
    Trajectory.objects.filter(pk=trajectory.pk).update(state=state, closed_at=closed_at)
    trajectory.refresh_from_db()


def _request(trajectory):
    return CoachingRequest.objects.create(
        trajectory=trajectory,
        municipality=trajectory.municipality,
        name="Ines Wouters",
        role="Beleidsmedewerker welzijn",
        email="ines.gent@example.org",
        phone="09 123 45 67",
        motivation="Ines wil de stad beter laten samenwerken met buurten.",
    )


def _run(*args):
    out = StringIO()
    call_command("coaching_retention", *args, stdout=out)
    return out.getvalue()


def test_personal_data_goes_and_agreements_and_counts_stay(trajectory_a, held_session):
    request = _request(trajectory_a)
    make_agreement(trajectory_a, owner_email="ines.gent@example.org")
    sara = held_session.participants.get(email="sara@example.org")
    SessionEvaluation.objects.create(
        participant=sara, session=held_session, rating=5, useful="Heel concreet"
    )
    sara.evaluation_token_hash = "a" * 64
    sara.save()
    _finish(trajectory_a, months_ago=25)

    output = _run()

    assert f"1 trajecten zonder persoonsgegevens ({trajectory_a.pk})" in output
    trajectory_a.refresh_from_db()
    assert trajectory_a.anonymised_at is not None
    participants = list(SessionParticipant.objects.filter(session=held_session))
    assert {p.name for p in participants} == {""}
    assert all(p.email.endswith("@verwijderd.invalid") for p in participants)
    assert {p.evaluation_token_hash for p in participants} == {""}
    assert sorted(p.attended for p in participants) == [False, True, True]
    request.refresh_from_db()
    assert (request.name, request.role, request.email, request.phone, request.motivation) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert request.municipality == trajectory_a.municipality
    agreement = Agreement.objects.get()
    assert agreement.title == "Een vast aanspreekpunt voor burgerinitiatieven"
    assert (agreement.owner_name, agreement.owner_email) == ("Gemeente", "")
    evaluation = SessionEvaluation.objects.get()
    assert (evaluation.participant, evaluation.rating, evaluation.useful) == (
        None,
        5,
        "Heel concreet",
    )
    report = trajectory_report(trajectory=trajectory_a)
    assert (report.attended_total, report.participants_total) == (2, 3)


def test_it_is_idempotent_and_has_a_dry_run(trajectory_a, held_session):
    _finish(trajectory_a, months_ago=25, state=State.STOPPED)

    assert "[proefdraai] 1 trajecten" in _run("--dry-run")
    assert SessionParticipant.objects.filter(name="Sara Claes").exists()

    _run()
    first = Trajectory.objects.get(pk=trajectory_a.pk).anonymised_at
    assert "0 trajecten" in _run()
    assert Trajectory.objects.get(pk=trajectory_a.pk).anonymised_at == first


def test_the_retention_period_is_counted_in_calendar_months(trajectory_a, settings):
    settings.COACHING_RETENTION_MONTHS = 24
    _finish(trajectory_a, months_ago=24, days=-1)  # a day short of 24 calendar months

    assert "0 trajecten" in _run()

    _finish(trajectory_a, months_ago=24, days=1)

    assert "1 trajecten" in _run()


def test_recent_and_open_trajectories_are_left_alone(trajectory_a, trajectory_b, held_session):
    _finish(trajectory_a, months_ago=23)
    _request(trajectory_b)  # trajectory_b is still open (vorming)

    assert "0 trajecten" in _run()

    assert SessionParticipant.objects.filter(name="Sara Claes").exists()
    assert CoachingRequest.objects.get().name == "Ines Wouters"


def test_message_authors_are_replaced_by_their_side(trajectory_a, held_session):
    from baz.coaching.models import Message

    Message.objects.create(
        trajectory=trajectory_a, author_name="Ines Wouters", from_baz=False, body="Dag coach"
    )
    Message.objects.create(
        trajectory=trajectory_a, author_name="Coach Kim", from_baz=True, body="Dag Ines"
    )
    _finish(trajectory_a, months_ago=25)

    _run()

    names = dict(Message.objects.values_list("body", "author_name"))
    assert names == {"Dag coach": "Gemeente", "Dag Ines": "BurgersAanZet"}
