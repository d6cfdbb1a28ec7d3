"""The outbox against a real SMTP server (aiosmtpd) on a loopback port that goes down and up."""

import socket
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from baz.mail.models import OutboxMessage
from baz.mail.services import email_queue, outbox_send_due

pytestmark = pytest.mark.django_db


class RecordingHandler:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


class LocalSMTPServer:
    def __init__(self, port):
        self.port = port
        self.handler = RecordingHandler()
        self.controller = None

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def received(self):
        return [
            message_from_bytes(e.original_content, policy=policy.default)
            for e in self.handler.envelopes
        ]


def free_loopback_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def deliver_outbox_to(settings, port):
    """The worker delivers through Django's SMTP backend (the setting most installations
    have; the worker swaps in its recording subclass) to a plain server on this port."""
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def smtp_server(settings):
    server = LocalSMTPServer(free_loopback_port())
    deliver_outbox_to(settings, server.port)
    server.start()
    yield server
    server.stop()


def queue_message():
    return email_queue(
        to="beleid@example.org",
        subject="Je coachingtraject start",
        template="mail/test_message",
        context={"name": "Sofie", "note": "Tot binnenkort in Gent."},
        related="coaching.trajectory:7",
    )


def test_the_worker_delivers_the_exact_subject_and_body_to_the_smtp_server(smtp_server):
    message = queue_message()

    stats = outbox_send_due(now=timezone.now())

    assert stats.sent == 1
    (received,) = smtp_server.received
    assert received["Subject"] == "Je coachingtraject start"
    assert received["To"] == "beleid@example.org"
    assert received["Message-ID"] == message.headers["Message-ID"]
    assert smtp_server.handler.envelopes[0].rcpt_tos == ["beleid@example.org"]
    text = received.get_body(preferencelist=("plain",)).get_content()
    html = received.get_body(preferencelist=("html",)).get_content()
    assert text.replace("\r\n", "\n") == message.body_text
    assert "<p>Dag Sofie,</p>" in html
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT


def test_nothing_is_lost_while_the_smtp_server_is_down(smtp_server):
    message = queue_message()
    smtp_server.stop()
    first_try = timezone.now()

    stats = outbox_send_due(now=first_try)

    assert (stats.sent, stats.retried) == (0, 1)
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.QUEUED
    assert message.attempts == 1
    assert message.last_error
    assert message.next_attempt_at > first_try
    assert smtp_server.received == []

    smtp_server.start()
    assert outbox_send_due(now=first_try + timedelta(seconds=1)).total == 0, "still backing off"

    stats = outbox_send_due(now=message.next_attempt_at)

    assert stats.sent == 1
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert message.attempts == 2
    assert [m["Subject"] for m in smtp_server.received] == ["Je coachingtraject start"]


def test_one_pass_sends_several_messages(smtp_server):
    for _ in range(3):
        queue_message()

    assert outbox_send_due(now=timezone.now()).sent == 3
    assert len(smtp_server.received) == 3
