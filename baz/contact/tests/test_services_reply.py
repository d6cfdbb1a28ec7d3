"""Replies from the inbox: kept with the message, sent through the outbox to a real SMTP server."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from baz.contact.models import MessageStatus
from baz.contact.services import contact_message_update, contact_reply_send
from baz.contact.tests.factories import ContactMessageFactory
from baz.mail.models import OutboxMessage
from baz.mail.services import outbox_send_due
from baz.mail.tests.test_smtp_delivery import smtp_server  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def outbox_delivery(settings):
    settings.EMAIL_BACKEND = "baz.mail.backends.OutboxBackend"


def test_a_reply_reaches_the_sender_through_the_outbox(redactie, smtp_server):  # noqa: F811
    message = ContactMessageFactory(email="sara@example.org", body="Mag ik bellen?")

    reply = contact_reply_send(user=redactie, message=message, body="Ja, bel ons gerust.")

    assert reply.message == message
    assert reply.sent_to == "sara@example.org"
    assert reply.outbox_message.state == OutboxMessage.State.QUEUED
    message.refresh_from_db()
    assert message.status == MessageStatus.IN_PROGRESS

    assert outbox_send_due(now=timezone.now()).sent == 1
    (received,) = smtp_server.received
    assert received["To"] == "sara@example.org"
    assert received["Reply-To"] == "redactie@example.org"
    assert received["Subject"] == "Antwoord op je bericht aan BurgersAanZet"
    text = received.get_body(preferencelist=("plain",)).get_content()
    assert "Ja, bel ons gerust." in text
    assert "Mag ik bellen?" in text


def test_someone_without_inbox_rights_cannot_reply(initiatiefnemer):
    message = ContactMessageFactory()

    with pytest.raises(PermissionDenied):
        contact_reply_send(user=initiatiefnemer, message=message, body="Hallo")

    assert OutboxMessage.objects.count() == 0


def test_an_anonymised_message_cannot_be_answered(coach):
    message = ContactMessageFactory(email="", anonymised_at=timezone.now())

    with pytest.raises(ValidationError):
        contact_reply_send(user=coach, message=message, body="Hallo")


def test_handling_a_message_records_when_and_by_whom(coach):
    message = ContactMessageFactory()

    contact_message_update(
        user=coach,
        message=message,
        status=MessageStatus.HANDLED,
        assignee=coach,
        internal_notes="Doorverwezen naar de gemeente.",
    )

    message.refresh_from_db()
    assert message.status == MessageStatus.HANDLED
    assert message.handled_at is not None
    assert message.assignee == coach
    assert message.internal_notes == "Doorverwezen naar de gemeente."


def test_someone_without_inbox_rights_cannot_change_a_message(initiatiefnemer):
    message = ContactMessageFactory()

    with pytest.raises(PermissionDenied):
        contact_message_update(
            user=initiatiefnemer,
            message=message,
            status=MessageStatus.HANDLED,
            assignee=None,
            internal_notes="",
        )
