"""Sessions: planning, invitations with an iCalendar file, changes, cancellation, attendance."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from icalendar import Calendar

from baz.coaching.ical import session_uid
from baz.coaching.models import SessionParticipant
from baz.coaching.services.sessions import (
    ParticipantInput,
    session_attendance_set,
    session_cancel,
    session_create,
    session_update,
)
from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.mail.models import OutboxMessage


def _ics(message):
    (attachment,) = message.attachments
    import base64

    return attachment, Calendar.from_ical(base64.b64decode(attachment["content"]))


def _event(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def _plan(coach, trajectory, **kwargs):
    start = (timezone.now() + timedelta(days=14)).replace(microsecond=0)
    values = {
        "topic": "Rollen van een lokaal bestuur",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "location": "Stadhuis Gent",
        "trainer": "Mira Janssens",
        "participants": [
            ParticipantInput(name="Sara Claes", email="Sara@Example.org"),
            ParticipantInput(name="Tom Peeters", email="tom@example.org"),
        ],
    }
    values.update(kwargs)
    return session_create(user=coach, trajectory=trajectory, **values)


def test_planning_a_session_invites_every_participant_with_an_ics_request(coach, trajectory_a):
    session = _plan(coach, trajectory_a)

    messages = list(OutboxMessage.objects.order_by("pk"))
    assert [m.to for m in messages] == [["sara@example.org"], ["tom@example.org"]]
    assert messages[0].subject == "Uitnodiging: Rollen van een lokaal bestuur"
    attachment, calendar = _ics(messages[0])
    assert attachment["filename"] == "uitnodiging.ics"
    assert attachment["mimetype"] == "text/calendar"
    assert attachment["params"] == {"method": "REQUEST"}
    assert str(calendar["METHOD"]) == "REQUEST"
    event = _event(calendar)
    assert str(event["UID"]) == session_uid(session)
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == session.starts_at
    assert str(event["SUMMARY"]) == "Rollen van een lokaal bestuur"
    assert str(event["LOCATION"]) == "Stadhuis Gent"
    assert str(event["ATTENDEE"]) == "mailto:sara@example.org"
    assert SessionParticipant.objects.filter(invited_at__isnull=False).count() == 2


def test_a_change_keeps_the_uid_raises_the_sequence_and_mails_everyone_again(coach, trajectory_a):
    session = _plan(coach, trajectory_a)
    OutboxMessage.objects.all().delete()
    later = session.starts_at + timedelta(days=1)

    session = session_update(
        user=coach, session=session, starts_at=later, ends_at=later + timedelta(hours=2)
    )

    assert session.sequence == 1
    messages = list(OutboxMessage.objects.order_by("pk"))
    assert len(messages) == 2
    assert messages[0].subject.startswith("Gewijzigd:")
    event = _event(_ics(messages[0])[1])
    assert str(event["UID"]) == session_uid(session)
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == later


def test_an_update_without_changes_sends_nothing(coach, trajectory_a):
    session = _plan(coach, trajectory_a)
    OutboxMessage.objects.all().delete()

    session = session_update(user=coach, session=session, topic=session.topic)

    assert session.sequence == 0
    assert not OutboxMessage.objects.exists()


def test_a_new_participant_is_invited_and_a_removed_one_gets_a_cancellation(coach, trajectory_a):
    session = _plan(coach, trajectory_a)
    OutboxMessage.objects.all().delete()

    session_update(
        user=coach,
        session=session,
        participants=[
            ParticipantInput(name="Sara Claes", email="sara@example.org"),
            ParticipantInput(name="Lien Smet", email="lien@example.org"),
        ],
    )

    by_recipient = {m.to[0]: m for m in OutboxMessage.objects.all()}
    assert set(by_recipient) == {"lien@example.org", "tom@example.org"}
    assert str(_ics(by_recipient["lien@example.org"])[1]["METHOD"]) == "REQUEST"
    assert str(_ics(by_recipient["tom@example.org"])[1]["METHOD"]) == "CANCEL"
    assert sorted(session.participants.values_list("email", flat=True)) == [
        "lien@example.org",
        "sara@example.org",
    ]


def test_cancelling_sends_a_cancel_ics_with_a_higher_sequence(coach, trajectory_a):
    session = _plan(coach, trajectory_a)
    OutboxMessage.objects.all().delete()

    session = session_cancel(user=coach, session=session)

    assert session.cancelled_at is not None
    messages = list(OutboxMessage.objects.all())
    assert len(messages) == 2
    attachment, calendar = _ics(messages[0])
    assert attachment["filename"] == "annulering.ics"
    assert str(calendar["METHOD"]) == "CANCEL"
    event = _event(calendar)
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
    assert str(event["UID"]) == session_uid(session)
    # Cancelling twice mails nobody again, and a cancelled session cannot change.
    session_cancel(user=coach, session=session)
    assert OutboxMessage.objects.count() == 2
    with pytest.raises(ValidationError):
        session_update(user=coach, session=session, topic="Toch wel")


def test_only_coaches_plan_sessions(member_a, trajectory_a):
    with pytest.raises(PermissionDenied):
        _plan(member_a, trajectory_a)
    assert not OutboxMessage.objects.exists()


def test_the_end_must_come_after_the_start(coach, trajectory_a):
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError):
        _plan(coach, trajectory_a, starts_at=start, ends_at=start)


def test_attendance_marks_present_and_absent(coach, held_session):
    sara, lien, tom = (
        held_session.participants.get(email=e)
        for e in ("sara@example.org", "lien@example.org", "tom@example.org")
    )

    count = session_attendance_set(user=coach, session=held_session, present_ids={sara.pk, lien.pk})

    assert count == 2
    assert {p.email: p.attended for p in held_session.participants.all()} == {
        "sara@example.org": True,
        "lien@example.org": True,
        "tom@example.org": False,
    }
    assert tom.pk
