"""Submitting a contact message: stored first, then the two e-mails queued."""

import pytest
from django.core.exceptions import ValidationError

from baz.contact import services
from baz.contact.models import ContactMessage
from baz.contact.services import contact_message_submit
from baz.contact.tests.factories import ContactPersonFactory
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db


def submit(**overrides):
    data = {
        "topic": "coaching",
        "municipality": None,
        "name": "Sara Janssens",
        "email": "sara@example.org",
        "body": "Wij willen een coachingtraject voor onze gemeente.",
        "consent": True,
    }
    data.update(overrides)
    return contact_message_submit(**data)


def test_the_sender_and_the_routed_person_each_get_an_e_mail(gent):
    person = ContactPersonFactory(name="Lies Gent", topic_slugs=["coaching"])
    person.municipalities.add(gent)

    message = submit(municipality=gent)

    assert message.routed_to == person
    assert message.routed_to_name == "Lies Gent"
    confirmation, notification = OutboxMessage.objects.order_by("pk")
    assert confirmation.to == ["sara@example.org"]
    assert "Lies Gent" in confirmation.body_text
    assert "Gent" in confirmation.body_text
    assert notification.to == [person.email]
    assert notification.reply_to == ["sara@example.org"]
    assert f"/beheer/contact/{message.pk}/" in notification.body_text
    assert confirmation.related == notification.related == f"contact.message:{message.pk}"


def test_the_message_is_stored_before_any_e_mail_is_queued(monkeypatch):
    ContactPersonFactory(is_default=True)
    seen = []
    real_queue = services.email_queue

    def queue_and_look(**kwargs):
        seen.append(ContactMessage.objects.filter(email="sara@example.org").exists())
        return real_queue(**kwargs)

    monkeypatch.setattr(services, "email_queue", queue_and_look)

    submit()

    assert seen == [True, True]


def test_a_failure_after_storing_still_leaves_the_message(monkeypatch):
    ContactPersonFactory(is_default=True)
    real_queue = services.email_queue
    calls = []

    def fail_on_second(**kwargs):
        calls.append(kwargs["to"])
        if len(calls) == 2:
            raise RuntimeError("template broken")
        return real_queue(**kwargs)

    monkeypatch.setattr(services, "email_queue", fail_on_second)

    message = submit()

    stored = ContactMessage.objects.get()
    assert stored.pk == message.pk
    assert stored.mail_failed is True
    assert stored.body == "Wij willen een coachingtraject voor onze gemeente."
    # The savepoint rolled back the half-queued pair: no confirmation without a notification.
    assert OutboxMessage.objects.count() == 0


def test_without_any_contact_person_the_fallback_address_is_notified(settings):
    settings.CONTACT_FALLBACK_EMAIL = "team@example.org"

    message = submit()

    assert message.routed_to is None
    assert message.routed_to_name == "het team van BurgersAanZet"
    assert OutboxMessage.objects.filter(to=["team@example.org"]).count() == 1


def test_without_consent_nothing_is_stored():
    with pytest.raises(ValidationError):
        submit(consent=False)

    assert ContactMessage.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
