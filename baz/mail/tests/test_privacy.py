"""The outbox does not keep what it need not keep: secret links, old bodies, erased people."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from baz.mail.models import OutboxMessage
from baz.mail.services import (
    email_queue,
    outbox_body_retention_apply,
    outbox_forget,
    outbox_forget_address,
    outbox_message_resend,
    outbox_send_due,
)
from baz.mail.tests.factories import OutboxMessageFactory, SuperuserFactory

pytestmark = pytest.mark.django_db

LINK = "https://baz.example.org/uitnodiging/geheim-token-123/"


def queue_secret(**overrides):
    arguments = {
        "to": "lien@example.org",
        "subject": "Je bent uitgenodigd",
        "template": "mail/test_message",
        "context": {"name": "Lien", "note": LINK},
        "secret": True,
    }
    arguments.update(overrides)
    return email_queue(**arguments)


@pytest.fixture
def staff_client(client, login_verified):
    login_verified(client, SuperuserFactory())
    return client


# --- Secret links ---------------------------------------------------------------------------


def test_the_admin_never_shows_the_body_of_a_queued_secret_message(staff_client):
    message = queue_secret()
    assert message.secret
    assert message.state == OutboxMessage.State.QUEUED

    response = staff_client.get(reverse("outbox:inspect", args=[message.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Je bent uitgenodigd" in content
    assert "geheim-token-123" not in content
    assert "Verborgen: deze e-mail bevat een persoonlijke link" in content
    assert reverse("outbox:resend", args=[message.pk]) not in content


def test_the_backend_marks_mail_with_the_secret_header_and_does_not_send_the_header():
    mail = EmailMultiAlternatives(
        subject="Je account", body=f"Kies je wachtwoord: {LINK}", to=["an@example.org"]
    )
    mail.extra_headers["X-BAZ-Secret"] = "1"
    mail.extra_headers["X-BAZ-Related"] = "accounts.user:7"

    mail.send()

    message = OutboxMessage.objects.get()
    assert message.secret
    assert message.related == "accounts.user:7"
    assert not any(name.lower().startswith("x-baz") for name in message.headers)


def test_mail_with_a_token_link_is_secret_even_without_a_marker():
    """Django's own password reset cannot pass a flag; its link gives it away."""
    EmailMultiAlternatives(subject="Wachtwoord", body=f"Klik: {LINK}", to=["an@example.org"]).send()
    EmailMultiAlternatives(
        subject="Nieuws", body="Lees https://baz.example.org/verhalen/", to=["an@example.org"]
    ).send()

    assert dict(OutboxMessage.objects.values_list("subject", "secret")) == {
        "Wachtwoord": True,
        "Nieuws": False,
    }


def test_delivery_clears_the_body_of_a_secret_message_and_keeps_the_rest(mailoutbox):
    message = queue_secret()

    assert outbox_send_due().sent == 1

    assert LINK in mailoutbox[0].body, "the person still gets the link"
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert (message.body_text, message.body_html) == ("", "")
    assert message.body_cleared_at is not None
    assert message.to == ["lien@example.org"]
    assert message.subject == "Je bent uitgenodigd"


def test_send_again_refuses_a_secret_message_with_a_dutch_reason(staff_client):
    message = queue_secret()
    OutboxMessage.objects.filter(pk=message.pk).update(state=OutboxMessage.State.FAILED)
    message.refresh_from_db()

    with pytest.raises(ValidationError, match="persoonlijke link"):
        outbox_message_resend(message=message, user=SuperuserFactory())

    response = staff_client.post(reverse("outbox:resend", args=[message.pk]), follow=True)

    assert "kan niet opnieuw verstuurd worden" in response.content.decode()
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED


# --- Retention of other bodies --------------------------------------------------------------


def test_retention_clears_bodies_delivered_more_than_the_setting_ago(settings):
    settings.OUTBOX_BODY_RETENTION_DAYS = 30
    now = timezone.now()
    old = OutboxMessageFactory(
        state=OutboxMessage.State.SENT,
        created_at=now - timedelta(days=32),
        sent_at=now - timedelta(days=31),
    )
    recent = OutboxMessageFactory(
        state=OutboxMessage.State.SENT,
        created_at=now - timedelta(days=40),
        sent_at=now - timedelta(days=29),
    )
    waiting = OutboxMessageFactory(created_at=now - timedelta(days=40))

    out = StringIO()
    call_command("outbox_retention", stdout=out)

    assert "1 " in out.getvalue()
    old.refresh_from_db()
    assert (old.body_text, old.body_html, old.subject) == ("", "", old.subject)
    assert old.body_cleared_at is not None
    for kept in (recent, waiting):
        kept.refresh_from_db()
        assert kept.body_text
        assert kept.body_cleared_at is None
    assert outbox_body_retention_apply(now=now).messages == 0, "idempotent"


# --- Forgetting a person --------------------------------------------------------------------


def test_forgetting_an_address_clears_its_rows_and_leaves_other_people_alone():
    mine = OutboxMessageFactory(to=["Lien@Example.org", "jan@example.org"], subject="Dag Lien")
    reply = OutboxMessageFactory(to=["info@example.org"], reply_to=["lien@example.org"])
    longer = OutboxMessageFactory(to=["marie.lien@example.org.uk"])
    other = OutboxMessageFactory(to=["jan@example.org"])

    assert outbox_forget_address("lien@example.org") == 2

    mine.refresh_from_db()
    assert mine.to == ["jan@example.org"]
    assert (mine.subject, mine.body_text, mine.body_html) == ("", "", "")
    assert mine.body_cleared_at is not None
    reply.refresh_from_db()
    assert reply.reply_to == []
    assert reply.body_text == ""
    for untouched in (longer, other):
        untouched.refresh_from_db()
        assert untouched.body_text
        assert untouched.body_cleared_at is None


def test_a_waiting_message_of_a_forgotten_person_is_not_sent_any_more(mailoutbox):
    OutboxMessageFactory(to=["lien@example.org"], related="contact.message:3")

    assert outbox_forget(related=["contact.message:3"]) == 1

    assert outbox_send_due().total == 0
    assert mailoutbox == []
    assert OutboxMessage.objects.get().state == OutboxMessage.State.FAILED
