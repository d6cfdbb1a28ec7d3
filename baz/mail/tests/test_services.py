import threading
import time
from datetime import timedelta
from typing import ClassVar

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone

from baz.mail.models import OutboxMessage
from baz.mail.services import (
    email_queue,
    outbox_backoff,
    outbox_message_resend,
    outbox_send_due,
)
from baz.mail.tests.factories import (
    OutboxMessageFactory,
    StaffUserFactory,
    SuperuserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def queue_test_message(**overrides):
    arguments = {
        "to": "lien@example.org",
        "subject": "Testbericht",
        "template": "mail/test_message",
        "context": {"name": "Lien", "note": "Zorg & Welzijn <samen>"},
        "related": "test:1",
    }
    arguments.update(overrides)
    return email_queue(**arguments)


class BrokenBackend:
    """A delivery backend whose server answers with the given SMTP error."""

    error: Exception = ConnectionRefusedError(111, "Connection refused")

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise self.error

    def close(self):
        pass


class PermanentlyRefusingBackend(BrokenBackend):
    import smtplib

    error = smtplib.SMTPRecipientsRefused({"lien@example.org": (550, b"No such user")})


def test_email_queue_renders_the_dutch_templates_and_stores_the_message(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://baz.example.org"

    message = queue_test_message()

    message.refresh_from_db()
    assert message.to == ["lien@example.org"]
    assert message.subject == "Testbericht"
    assert message.state == OutboxMessage.State.QUEUED
    assert message.attempts == 0
    assert message.related == "test:1"
    assert "Dag Lien," in message.body_text
    assert "Zorg & Welzijn <samen>" in message.body_text, "plain text is not HTML-escaped"
    assert "https://baz.example.org" in message.body_text, "templates get site_url"
    assert "Zorg &amp; Welzijn &lt;samen&gt;" in message.body_html
    assert message.headers["Message-ID"].endswith("@example.org>")
    assert len(mail.outbox) == 0, "nothing is sent inline"


def test_email_queue_without_an_html_template_stores_only_text(settings, tmp_path):
    (tmp_path / "only_text.txt").write_text("Alleen tekst voor {{ name }}.")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]

    message = email_queue(
        to=["an@example.org", "bo@example.org"],
        subject="Alleen tekst",
        template="only_text",
        context={"name": "An"},
        reply_to="redactie@example.org",
    )

    assert message.body_text == "Alleen tekst voor An."
    assert message.body_html == ""
    assert message.to == ["an@example.org", "bo@example.org"]
    assert message.reply_to == ["redactie@example.org"]


def test_email_queue_puts_a_subject_with_newlines_on_one_line():
    message = queue_test_message(subject="Eerste regel\nBcc: iemand@example.org")

    assert message.subject == "Eerste regel Bcc: iemand@example.org"


def test_email_queue_refuses_a_message_without_recipients():
    with pytest.raises(ValueError, match="recipient"):
        queue_test_message(to=[])


def test_a_message_queued_in_a_rolled_back_transaction_is_never_stored():
    def publish_initiative_and_fail():
        with transaction.atomic():
            queue_test_message()
            raise RuntimeError("the action that caused the mail failed")

    with pytest.raises(RuntimeError):
        publish_initiative_and_fail()

    assert not OutboxMessage.objects.exists()


def test_a_message_queued_in_a_committed_transaction_is_stored():
    with transaction.atomic():
        queue_test_message()

    assert OutboxMessage.objects.count() == 1


def test_outbox_send_due_delivers_due_messages_and_marks_them_sent():
    message = queue_test_message()
    now = timezone.now()

    stats = outbox_send_due(now=now)

    assert (stats.sent, stats.retried, stats.failed) == (1, 0, 0)
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert message.attempts == 1
    assert message.sent_at == now
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == "Testbericht"
    assert sent.to == ["lien@example.org"]
    assert sent.alternatives[0][1] == "text/html"
    assert sent.extra_headers["Message-ID"] == message.headers["Message-ID"]


def test_outbox_send_due_skips_messages_that_are_not_due_or_not_queued():
    now = timezone.now()
    OutboxMessageFactory(next_attempt_at=now + timedelta(minutes=5))
    OutboxMessageFactory(state=OutboxMessage.State.SENT)
    OutboxMessageFactory(state=OutboxMessage.State.FAILED)

    stats = outbox_send_due(now=now)

    assert stats.total == 0
    assert len(mail.outbox) == 0


def test_outbox_send_due_sends_at_most_one_batch_oldest_first():
    now = timezone.now()
    newest = OutboxMessageFactory(next_attempt_at=now - timedelta(minutes=1))
    oldest = OutboxMessageFactory(next_attempt_at=now - timedelta(minutes=3))
    middle = OutboxMessageFactory(next_attempt_at=now - timedelta(minutes=2))

    stats = outbox_send_due(now=now, batch_size=2)

    assert stats.sent == 2
    assert [sent.subject for sent in mail.outbox] == [oldest.subject, middle.subject]
    newest.refresh_from_db()
    assert newest.state == OutboxMessage.State.QUEUED


def test_a_second_worker_pass_does_not_send_a_message_twice():
    message = OutboxMessageFactory()
    now = timezone.now()

    outbox_send_due(now=now)
    outbox_send_due(now=now)

    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.attempts == 1


def test_the_worker_pass_uses_a_fixed_number_of_queries_per_message(
    django_assert_max_num_queries,
):
    OutboxMessageFactory.create_batch(5)

    # claim (savepoint, select, update, release) + one update per message
    with django_assert_max_num_queries(4 + 5):
        stats = outbox_send_due(now=timezone.now())

    assert stats.sent == 5


def test_a_failed_attempt_keeps_the_message_queued_with_the_error_and_a_later_attempt(
    settings,
):
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.BrokenBackend"
    message = OutboxMessageFactory()
    now = timezone.now()

    stats = outbox_send_due(now=now)

    assert stats.retried == 1
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.QUEUED
    assert message.attempts == 1
    assert "Connection refused" in message.last_error
    assert message.next_attempt_at == now + timedelta(seconds=60)


def test_the_back_off_doubles_after_every_attempt_up_to_the_cap(settings):
    settings.OUTBOX_BACKOFF_SECONDS = 60
    settings.OUTBOX_BACKOFF_MAX_SECONDS = 600

    delays = [outbox_backoff(attempts=n).total_seconds() for n in range(1, 7)]

    assert delays == [60, 120, 240, 480, 600, 600]


def test_a_message_is_marked_failed_after_the_maximum_number_of_attempts(settings):
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.BrokenBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = OutboxMessageFactory()
    now = timezone.now()
    results = []

    for _attempt in range(3):
        message.refresh_from_db()
        now = message.next_attempt_at
        stats = outbox_send_due(now=now)
        results.append((stats.retried, stats.failed))

    assert results == [(1, 0), (1, 0), (0, 1)]
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED
    assert message.attempts == 3
    assert outbox_send_due(now=now + timedelta(days=1)).total == 0


def test_a_permanent_refusal_by_the_server_fails_the_message_at_once(settings):
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.PermanentlyRefusingBackend"
    message = OutboxMessageFactory()

    stats = outbox_send_due(now=timezone.now())

    assert stats.failed == 1
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED
    assert "550" in message.last_error


def test_a_worker_that_died_after_claiming_leaves_the_message_for_a_later_pass(settings):
    message = OutboxMessageFactory()
    now = timezone.now()
    from baz.mail.services import _claim_due

    _claim_due(now=now, batch_size=10)  # the worker dies before it sends anything

    assert outbox_send_due(now=now).total == 0
    later = now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    assert outbox_send_due(now=later).sent == 1
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(lambda: AnonymousUser(), id="anonymous"),
        pytest.param(lambda: UserFactory(), id="user-without-permission"),
        pytest.param(lambda: StaffUserFactory(is_active=False), id="inactive-staff"),
    ],
)
def test_resend_is_refused_to_anyone_but_staff(make_user):
    message = OutboxMessageFactory(state=OutboxMessage.State.FAILED, attempts=3)

    with pytest.raises(PermissionDenied):
        outbox_message_resend(message=message, user=make_user())

    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(lambda: StaffUserFactory(), id="staff"),
        pytest.param(lambda: SuperuserFactory(), id="superuser"),
        pytest.param(
            lambda: UserFactory(permissions=["mail.change_outboxmessage"]),
            id="user-with-change-permission",
        ),
    ],
)
def test_resend_puts_a_failed_message_back_in_the_queue(make_user):
    message = OutboxMessageFactory(
        state=OutboxMessage.State.FAILED, attempts=3, last_error="SMTPDataError: 451"
    )

    outbox_message_resend(message=message, user=make_user())

    message.refresh_from_db()
    assert message.state == OutboxMessage.State.QUEUED
    assert message.attempts == 0
    assert message.next_attempt_at <= timezone.now()
    assert message.last_error == "SMTPDataError: 451", "the last error stays visible"
    assert outbox_send_due().sent == 1


class SlowRecordingBackend:
    """Delivers slowly and remembers what it delivered, across threads."""

    delivered: ClassVar[list[str]] = []
    lock = threading.Lock()

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        pass

    def close(self):
        pass

    def send_messages(self, messages):
        time.sleep(0.01)
        with self.lock:
            self.delivered.extend(message.subject for message in messages)
        return len(messages)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SKIP LOCKED matters on PostgreSQL only"
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_the_same_time_never_send_the_same_message(settings):
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.SlowRecordingBackend"
    SlowRecordingBackend.delivered = []
    subjects = sorted(message.subject for message in OutboxMessageFactory.create_batch(20))
    start = threading.Barrier(2)

    def worker():
        try:
            start.wait()
            outbox_send_due(batch_size=10)
            outbox_send_due(batch_size=10)
        finally:
            connection.close()

    workers = [threading.Thread(target=worker) for _ in range(2)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=30)

    assert sorted(SlowRecordingBackend.delivered) == subjects
    assert OutboxMessage.objects.filter(state=OutboxMessage.State.SENT).count() == 20


class SilentlyDroppingBackend(BrokenBackend):
    def send_messages(self, messages):
        return 0


def test_a_backend_that_accepts_nothing_counts_as_a_failed_attempt(settings):
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.SilentlyDroppingBackend"
    message = OutboxMessageFactory()

    assert outbox_send_due(now=timezone.now()).retried == 1
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.QUEUED
    assert "accepted nothing" in message.last_error
