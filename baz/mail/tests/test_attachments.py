"""Small generated attachments (an invitation's .ics) stored with a message and sent with it."""

import pytest
from django.core import mail
from django.utils import timezone

from baz.mail.models import OutboxMessage
from baz.mail.services import (
    MAX_ATTACHMENT_BYTES,
    OutboxAttachment,
    email_queue,
    outbox_send_due,
)

pytestmark = pytest.mark.django_db

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"


def _queue(*attachments):
    return email_queue(
        to="beleid@example.org",
        subject="Uitnodiging",
        template="mail/test_message",
        context={"name": "Sofie", "note": "Tot dan."},
        attachments=list(attachments),
    )


def test_an_attachment_is_stored_and_sent_with_its_content_type():
    message = _queue(
        OutboxAttachment("uitnodiging.ics", ICS, "text/calendar", params={"method": "REQUEST"})
    )

    stored = OutboxMessage.objects.get(pk=message.pk).attachments
    assert [(a["filename"], a["mimetype"], a["params"]) for a in stored] == [
        ("uitnodiging.ics", "text/calendar", {"method": "REQUEST"})
    ]

    assert outbox_send_due(now=timezone.now()).sent == 1
    (sent,) = mail.outbox
    parsed = sent.message()
    (part,) = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_filename() == "uitnodiging.ics"
    assert part.get_param("method") == "REQUEST"
    assert part.get_payload(decode=True) == ICS


def test_a_binary_attachment_survives_the_round_trip():
    content = bytes(range(256))
    _queue(OutboxAttachment("data.bin", content, "application/octet-stream"))

    outbox_send_due(now=timezone.now())

    (sent,) = mail.outbox
    (part,) = [p for p in sent.message().walk() if p.get_filename() == "data.bin"]
    assert part.get_payload(decode=True) == content


def test_big_attachments_are_refused():
    with pytest.raises(ValueError, match="small generated files"):
        _queue(OutboxAttachment("groot.pdf", b"0" * (MAX_ATTACHMENT_BYTES + 1), "application/pdf"))
    assert not OutboxMessage.objects.exists()
