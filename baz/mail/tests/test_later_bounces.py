"""Bounces that arrive later by mail: the relay accepted the message, the receiving server
gave up afterwards and sent a bounce report to the envelope sender.

Two real SMTP servers (aiosmtpd): the relay the outbox worker delivers to, and the server of
the bounce address, which delivers into a real Maildir (aiosmtpd's Mailbox handler), as a
mail server does. `manage.py read_bounces` then reads that Maildir.
"""

import mailbox
import smtplib
from datetime import timedelta
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from django.core.management import CommandError, call_command
from django.utils import timezone

from baz.mail.bounces import parse_bounce
from baz.mail.models import OutboxMessage
from baz.mail.services import outbox_bounces_read, outbox_send_due
from baz.mail.tests.factories import delivery_report
from baz.mail.tests.test_smtp_bounces import queue
from baz.mail.tests.test_smtp_delivery import (
    RecordingHandler,
    deliver_outbox_to,
    free_loopback_port,
)

pytestmark = pytest.mark.django_db

BOUNCES = "bounces@baz.example.org"
SENDER = "BurgersAanZet <noreply@baz.example.org>"


@pytest.fixture
def relay(settings):
    handler = RecordingHandler()
    port = free_loopback_port()
    deliver_outbox_to(settings, port)
    settings.DEFAULT_FROM_EMAIL = SENDER
    settings.OUTBOX_BOUNCE_ADDRESS = BOUNCES
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler
    controller.stop()


@pytest.fixture
def bounce_mailbox(tmp_path, settings):
    """The server of the bounce address: what it receives lands in a Maildir."""
    maildir = tmp_path / "bounces"
    port = free_loopback_port()
    controller = Controller(Mailbox(maildir), hostname="127.0.0.1", port=port)
    controller.start()
    settings.OUTBOX_BOUNCE_MAILDIR = str(maildir)

    def deliver(raw: bytes) -> None:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")  # SMTP's line ends
        with smtplib.SMTP("127.0.0.1", port, timeout=5) as client:
            client.sendmail("", [BOUNCES], raw)  # bounces have an empty envelope sender

    deliver.maildir = maildir
    yield deliver
    controller.stop()


def sent_raw(relay, index=0) -> bytes:
    return relay.envelopes[index].original_content


def test_a_later_bounce_by_mail_is_recorded_on_the_message(relay, bounce_mailbox):
    message = queue(["beleid@example.org", "verhuisd@example.org"])
    outbox_send_due(now=timezone.now())
    (envelope,) = relay.envelopes
    # The envelope sender is the bounce address; the visitor sees the usual sender.
    assert envelope.mail_from == BOUNCES
    sent = message_from_bytes(envelope.original_content)
    assert sent["From"] == SENDER
    assert sent["Message-ID"] == message.message_id != ""
    message.refresh_from_db()
    assert (message.state, message.bounced) == (OutboxMessage.State.SENT, False)

    bounce_mailbox(delivery_report(envelope.original_content, {"verhuisd@example.org": "5.1.1"}))
    call_command("read_bounces", verbosity=0)

    message.refresh_from_db()
    assert message.bounced is True
    assert list(message.refused_recipients) == ["verhuisd@example.org"]
    assert message.refused_recipients["verhuisd@example.org"].startswith("5.1.1 smtp; 550")
    assert message.status_label == "Verzonden, deels gebouncet"
    # Read once: the mail is marked as read and kept; the next run has nothing new.
    box = mailbox.Maildir(bounce_mailbox.maildir, create=False)
    (kept,) = box
    assert "S" in kept.get_flags()
    assert kept.get_subdir() == "cur"
    stats = outbox_bounces_read(maildir=str(bounce_mailbox.maildir))
    assert (stats.read, stats.recorded) == (0, 0)


def test_every_recipient_bounced_later_reads_as_bounced(relay, bounce_mailbox, capsys):
    message = queue(["verhuisd@example.org"])
    outbox_send_due(now=timezone.now())
    bounce_mailbox(delivery_report(sent_raw(relay), {"verhuisd@example.org": "5.1.1"}))

    call_command("read_bounces")

    assert "1 gelezen, 1 bounces vastgelegd, 0 genegeerd" in capsys.readouterr().out
    message.refresh_from_db()
    assert message.status_label == "Gebouncet"


def test_a_delay_warning_and_other_mail_are_no_bounce(relay, bounce_mailbox):
    message = queue(["traag@example.org"])
    outbox_send_due(now=timezone.now())
    report = delivery_report(sent_raw(relay), {"traag@example.org": "4.4.1"}, action="delayed")
    bounce_mailbox(report)
    bounce_mailbox(
        b"From: an@example.org\nTo: bounces@baz.example.org\nSubject: Afwezig\n\n"
        b"Ik ben op vakantie tot maandag.\n"
    )

    stats = outbox_bounces_read(maildir=str(bounce_mailbox.maildir))

    assert (stats.read, stats.recorded, stats.ignored) == (2, 0, 2)
    message.refresh_from_db()
    assert (message.bounced, message.refused_recipients) == (False, {})


def test_a_report_about_someone_else_or_an_unknown_message_changes_nothing(relay, bounce_mailbox):
    message = queue(["beleid@example.org"])
    outbox_send_due(now=timezone.now())
    original = sent_raw(relay)
    bounce_mailbox(delivery_report(original, {"vreemde@example.org": "5.1.1"}))
    unknown = original.replace(message.message_id.encode(), b"<onbekend@example.org>")
    bounce_mailbox(delivery_report(unknown, {"beleid@example.org": "5.1.1"}))

    stats = outbox_bounces_read(maildir=str(bounce_mailbox.maildir))

    assert (stats.recorded, stats.ignored) == (0, 2)
    message.refresh_from_db()
    assert message.bounced is False


def test_an_old_style_bounce_with_x_failed_recipients_is_read(relay, bounce_mailbox):
    message = queue(["beleid@example.org", "weg@example.org"])
    outbox_send_due(now=timezone.now())
    headers = sent_raw(relay).split(b"\r\n\r\n", 1)[0].replace(b"\r\n", b"\n")
    bounce_mailbox(
        b"From: Mail Delivery System <Mailer-Daemon@mx.example.org>\n"
        b"To: bounces@baz.example.org\n"
        b"Subject: Mail delivery failed: returning message to sender\n"
        b"X-Failed-Recipients: weg@example.org\n"
        b"Message-ID: <E1dsn-0001@mx.example.org>\n\n"
        b"This message was created automatically by mail delivery software.\n\n"
        b"  weg@example.org\n    Unrouteable address\n\n"
        b"------ This is a copy of the message, including all the headers. ------\n\n"
        + headers
        + b"\n\nHallo Sofie\n"
    )

    call_command("read_bounces", verbosity=0)

    message.refresh_from_db()
    assert message.bounced is True
    assert list(message.refused_recipients) == ["weg@example.org"]


def test_a_report_with_the_whole_original_message_is_read():
    original = (
        b"From: noreply@baz.example.org\nTo: weg@example.org\n"
        b"Message-ID: <abc.1@baz.example.org>\nSubject: Hallo\n\nTekst\n"
    )
    report = delivery_report(original, {"weg@example.org": "5.2.1"}).replace(
        b"Content-Type: text/rfc822-headers", b"Content-Type: message/rfc822"
    )
    bounce = parse_bounce(report)
    assert bounce is not None
    assert bounce.message_id == "<abc.1@baz.example.org>"
    assert list(bounce.failed) == ["weg@example.org"]
    assert bounce.failed["weg@example.org"].startswith("5.2.1 ")


def test_read_bounce_mail_is_deleted_after_the_retention(relay, bounce_mailbox):
    queue(["verhuisd@example.org"])
    outbox_send_due(now=timezone.now())
    bounce_mailbox(delivery_report(sent_raw(relay), {"verhuisd@example.org": "5.1.1"}))
    maildir = str(bounce_mailbox.maildir)
    outbox_bounces_read(maildir=maildir)

    kept = outbox_bounces_read(maildir=maildir, keep_days=30, now=timezone.now())
    assert kept.removed == 0
    later = outbox_bounces_read(
        maildir=maildir, keep_days=30, now=timezone.now() + timedelta(days=31)
    )
    assert later.removed == 1
    assert len(mailbox.Maildir(maildir, create=False)) == 0


def test_without_a_bounce_address_the_from_address_is_the_envelope_sender(relay, settings):
    settings.OUTBOX_BOUNCE_ADDRESS = ""
    queue(["beleid@example.org"])
    outbox_send_due(now=timezone.now())
    (envelope,) = relay.envelopes
    assert envelope.mail_from == "noreply@baz.example.org"


def test_the_command_explains_a_missing_or_wrong_mailbox(settings, tmp_path):
    settings.OUTBOX_BOUNCE_MAILDIR = ""
    with pytest.raises(CommandError, match="Geen bounce-mailbox ingesteld"):
        call_command("read_bounces")
    with pytest.raises(CommandError, match="is geen Maildir"):
        call_command("read_bounces", maildir=str(tmp_path))


def test_the_message_id_is_kept_in_its_own_column():
    message = queue(["beleid@example.org"])
    assert message.message_id == message.headers["Message-ID"]
    assert OutboxMessage.objects.get(message_id=message.message_id) == message
