"""Bounces at the door: an SMTP server (aiosmtpd) that refuses some recipients at RCPT TO."""

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from baz.mail.models import OutboxMessage
from baz.mail.services import email_queue, outbox_send_due
from baz.mail.tests.factories import SuperuserFactory
from baz.mail.tests.test_smtp_delivery import deliver_outbox_to, free_loopback_port

pytestmark = pytest.mark.django_db

UNKNOWN = "bestaat-niet@example.org"
FULL = "vol@example.org"


class RefusingHandler:
    """Refuses UNKNOWN for good (550) and FULL for now (452); accepts everyone else."""

    def __init__(self):
        self.envelopes = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == UNKNOWN:
            return "550 5.1.1 Mailbox unknown"
        if address == FULL:
            return "452 4.2.2 Mailbox full"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def refusing_server(settings):
    handler = RefusingHandler()
    port = free_loopback_port()
    deliver_outbox_to(settings, port)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler
    controller.stop()


def queue(to):
    return email_queue(
        to=to,
        subject="Uitnodiging voor de vorming",
        template="mail/test_message",
        context={"name": "Sofie", "note": "Tot dan."},
    )


def test_one_refused_recipient_is_recorded_while_the_other_gets_the_mail(refusing_server):
    message = queue(["beleid@example.org", UNKNOWN])

    stats = outbox_send_due(now=timezone.now())

    assert stats.sent == 1
    (envelope,) = refusing_server.envelopes
    assert envelope.rcpt_tos == ["beleid@example.org"]
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert message.bounced is True
    assert list(message.refused_recipients) == [UNKNOWN]
    assert message.refused_recipients[UNKNOWN].startswith("550 5.1.1 Mailbox unknown")
    assert message.status_label == "Verzonden, deels gebouncet"


def test_a_temporary_refusal_is_recorded_but_is_no_bounce(refusing_server):
    message = queue(["beleid@example.org", FULL])

    outbox_send_due(now=timezone.now())

    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert message.bounced is False
    assert message.refused_recipients[FULL].startswith("452")


def test_all_recipients_refused_fails_the_message_as_bounced(refusing_server):
    message = queue([UNKNOWN])

    stats = outbox_send_due(now=timezone.now())

    assert (stats.sent, stats.failed) == (0, 1)
    assert refusing_server.envelopes == []
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED
    assert message.bounced is True
    assert message.refused_recipients == {UNKNOWN: "550 5.1.1 Mailbox unknown"}
    assert "SMTPRecipientsRefused" in message.last_error
    assert message.status_label == "Gebouncet"


def test_a_clean_delivery_after_a_resend_clears_the_bounce(refusing_server):
    message = queue([UNKNOWN])
    outbox_send_due(now=timezone.now())
    message.refresh_from_db()
    message.to = ["beleid@example.org"]  # staff corrected the address
    message.state = OutboxMessage.State.QUEUED
    message.next_attempt_at = timezone.now()
    message.save()

    outbox_send_due(now=timezone.now())

    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert (message.bounced, message.refused_recipients) == (False, {})


def test_the_outbox_admin_shows_bounces_in_dutch(refusing_server, client, login_verified):
    partly = queue(["beleid@example.org", UNKNOWN])
    failed = queue([UNKNOWN])
    outbox_send_due(now=timezone.now())
    login_verified(client, SuperuserFactory())

    listing = client.get("/beheer/e-mail/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Verzonden, deels gebouncet" in html
    assert "Gebouncet" in html
    assert "Geweigerd door de mailserver" in html
    assert UNKNOWN in html

    only_bounced = client.get("/beheer/e-mail/", {"bounced": "true"}).content.decode()
    assert "Verzonden, deels gebouncet" in only_bounced

    detail = client.get(f"/beheer/e-mail/inspect/{partly.pk}/").content.decode()
    assert "Geweigerde ontvangers" in detail
    assert f"{UNKNOWN}: 550 5.1.1 Mailbox unknown" in detail
    detail = client.get(f"/beheer/e-mail/inspect/{failed.pk}/").content.decode()
    assert "Gebouncet" in detail
