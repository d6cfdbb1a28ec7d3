"""An invitation with its .ics attachment, delivered to a real SMTP server (aiosmtpd)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from baz.coaching.ical import session_uid
from baz.coaching.services.sessions import ParticipantInput, session_cancel, session_create
from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.mail.services import outbox_send_due
from baz.mail.tests.test_smtp_delivery import LocalSMTPServer, free_loopback_port


@pytest.fixture
def smtp_server(settings):
    server = LocalSMTPServer(free_loopback_port())
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    server.start()
    yield server
    server.stop()


def _calendar_part(message):
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return part


def test_the_invitation_and_the_cancellation_reach_the_smtp_server_with_ics(
    smtp_server, coach, trajectory_a
):
    start = (timezone.now() + timedelta(days=7)).replace(microsecond=0)
    session = session_create(
        user=coach,
        trajectory=trajectory_a,
        topic="Rollen van een lokaal bestuur",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Stadhuis Gent",
        trainer="Mira Janssens",
        participants=[ParticipantInput(name="Sara Claes", email="sara@example.org")],
    )

    assert outbox_send_due(now=timezone.now()).sent == 1

    (received,) = smtp_server.received
    assert received["Subject"] == "Uitnodiging: Rollen van een lokaal bestuur"
    assert "Dag Sara Claes" in received.get_body(preferencelist=("plain",)).get_content()
    part = _calendar_part(received)
    assert part.get_filename() == "uitnodiging.ics"
    assert part.get_param("method") == "REQUEST"
    calendar = Calendar.from_ical(part.get_content())
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == session_uid(session)
    assert event.decoded("DTSTART") == start

    session_cancel(user=coach, session=session)
    assert outbox_send_due(now=timezone.now()).sent == 1

    cancellation = smtp_server.received[1]
    part = _calendar_part(cancellation)
    assert part.get_filename() == "annulering.ics"
    calendar = Calendar.from_ical(part.get_content())
    assert str(calendar["METHOD"]) == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == session_uid(session)
    assert int(event["SEQUENCE"]) == 1
