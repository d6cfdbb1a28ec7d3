import os
import signal
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from baz.mail.models import OutboxMessage
from baz.mail.services import SendStats, outbox_send_due
from baz.mail.tests.factories import OutboxMessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    """The loop closes stale connections; inside a test's transaction that would end the test."""
    monkeypatch.setattr(
        "baz.mail.management.commands.send_outbox.close_old_connections", lambda: None
    )


def run_command(*args):
    stdout, stderr = StringIO(), StringIO()
    call_command("send_outbox", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_once_sends_what_is_due_and_stops():
    due = OutboxMessageFactory(subject="Welkom bij BAZ")
    later = OutboxMessageFactory(next_attempt_at=timezone.now() + timedelta(hours=1))

    stdout, _stderr = run_command("--once")

    assert "1 verzonden" in stdout
    assert [sent.subject for sent in mail.outbox] == ["Welkom bij BAZ"]
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.state == OutboxMessage.State.SENT
    assert later.state == OutboxMessage.State.QUEUED


def test_once_is_silent_when_there_is_nothing_to_send():
    stdout, _stderr = run_command("--once")

    assert stdout == ""


def test_dry_run_lists_the_due_messages_without_sending():
    message = OutboxMessageFactory(subject="Uitnodiging vorming", to=["an@example.org"])

    stdout, _stderr = run_command("--dry-run")

    assert "[proefdraai] 1 e-mail(s) klaar om te versturen" in stdout
    assert f"#{message.pk} aan an@example.org: Uitnodiging vorming" in stdout
    assert len(mail.outbox) == 0
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.QUEUED
    assert message.attempts == 0


def test_the_loop_keeps_sending_until_it_receives_sigterm(monkeypatch):
    OutboxMessageFactory()
    passes = []

    def send_then_stop(**kwargs):
        passes.append(kwargs)
        try:
            return outbox_send_due(**kwargs)
        finally:
            if len(passes) >= 2:
                os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr("baz.mail.management.commands.send_outbox.outbox_send_due", send_then_stop)
    previous_handler = signal.getsignal(signal.SIGTERM)

    stdout, _stderr = run_command("--interval", "0.01")

    assert len(passes) == 2
    assert len(mail.outbox) == 1
    assert "Wachtrij voor e-mail gestopt." in stdout
    assert signal.getsignal(signal.SIGTERM) == previous_handler


def test_the_loop_survives_a_failing_round_and_stops_on_ctrl_c(monkeypatch):
    rounds = []

    def flaky(**kwargs):
        rounds.append(1)
        if len(rounds) == 1:
            raise RuntimeError("database is locked")
        raise KeyboardInterrupt

    monkeypatch.setattr("baz.mail.management.commands.send_outbox.outbox_send_due", flaky)

    stdout, stderr = run_command("--interval", "0")

    assert len(rounds) == 2
    assert "Ronde mislukt: RuntimeError: database is locked" in stderr
    assert "gestopt" in stdout


def test_send_stats_summarise_in_dutch():
    assert SendStats(sent=2, retried=1, failed=0).summary() == (
        "2 verzonden, 1 later opnieuw, 0 mislukt"
    )
