import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives, send_mail
from django.db import transaction
from django.urls import reverse

from baz.mail.models import OutboxMessage
from baz.mail.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_project_uses_the_outbox_as_its_email_backend():
    from baz import settings as project_settings

    assert project_settings.EMAIL_BACKEND == "baz.mail.backends.OutboxBackend"


def test_djangos_send_mail_is_stored_in_the_outbox_and_not_sent():
    count = send_mail(
        "Je aanvraag is ontvangen",
        "Dag Jan, we hebben je aanvraag goed ontvangen.",
        "coaching@example.org",
        ["jan@example.org"],
        html_message="<p>Dag Jan, we hebben je aanvraag goed ontvangen.</p>",
    )

    assert count == 1
    assert len(mail.outbox) == 0
    message = OutboxMessage.objects.get()
    assert message.to == ["jan@example.org"]
    assert message.from_email == "coaching@example.org"
    assert message.subject == "Je aanvraag is ontvangen"
    assert message.body_text == "Dag Jan, we hebben je aanvraag goed ontvangen."
    assert message.body_html == "<p>Dag Jan, we hebben je aanvraag goed ontvangen.</p>"
    assert message.state == OutboxMessage.State.QUEUED


def test_cc_bcc_reply_to_and_extra_headers_are_kept():
    email = EmailMultiAlternatives(
        "Verslag van de vorming",
        "Hier is het verslag.",
        to=["an@example.org"],
        cc=["bo@example.org"],
        bcc=["archief@example.org"],
        reply_to=["coach@example.org"],
        headers={"X-BAZ-Trajectory": "12"},
    )

    email.send()

    message = OutboxMessage.objects.get()
    assert message.cc == ["bo@example.org"]
    assert message.bcc == ["archief@example.org"]
    assert message.reply_to == ["coach@example.org"]
    assert message.from_email == "BurgersAanZet <noreply@example.org>"
    assert message.headers["X-BAZ-Trajectory"] == "12"
    assert "Message-ID" in message.headers


def test_an_html_only_message_gets_a_plain_text_body():
    email = EmailMessage(
        "Nieuw verhaal", "<p>Lees het <b>nieuwe</b> verhaal.</p>", to=["a@example.org"]
    )
    email.content_subtype = "html"

    email.send()

    message = OutboxMessage.objects.get()
    assert message.body_html == "<p>Lees het <b>nieuwe</b> verhaal.</p>"
    assert message.body_text == "Lees het nieuwe verhaal."


def test_a_message_with_an_attachment_is_refused_loudly():
    email = EmailMessage("Met bijlage", "Zie bijlage.", to=["a@example.org"])
    email.attach("verslag.txt", "inhoud", "text/plain")

    with pytest.raises(ValueError, match="attachments"):
        email.send()

    assert not OutboxMessage.objects.exists()


def test_fail_silently_keeps_the_callers_transaction_usable():
    email = EmailMessage("Met bijlage", "Zie bijlage.", to=["a@example.org"])
    email.attach("verslag.txt", "inhoud", "text/plain")

    with transaction.atomic():
        assert email.send(fail_silently=True) == 0
        send_mail("Zonder bijlage", "Tekst", None, ["b@example.org"])

    assert list(OutboxMessage.objects.values_list("subject", flat=True)) == ["Zonder bijlage"]


def test_mail_sent_inside_a_rolled_back_transaction_is_not_stored():
    with transaction.atomic():
        send_mail("Welkom", "Welkom bij BAZ.", None, ["c@example.org"])
        transaction.set_rollback(True)

    assert not OutboxMessage.objects.exists()


def test_the_wagtail_password_reset_mail_goes_to_the_outbox(client):
    UserFactory(email="redacteur@example.org", is_staff=True)

    response = client.post(
        reverse("wagtailadmin_password_reset"), {"email": "redacteur@example.org"}
    )

    assert response.status_code == 302
    assert len(mail.outbox) == 0
    message = OutboxMessage.objects.get()
    assert message.to == ["redacteur@example.org"]
    assert "/beheer/password_reset/" in message.body_text
