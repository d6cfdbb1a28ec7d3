"""Erasing a person's data reaches the copies of their mail in the outbox."""

from datetime import timedelta

import pytest
from django.utils import timezone

from baz.accounts.privacy import user_account_delete
from baz.contact.models import MessageStatus
from baz.contact.services import contact_retention_apply
from baz.contact.tests.factories import ContactMessageFactory
from baz.mail.models import OutboxMessage
from baz.mail.services import email_queue

pytestmark = pytest.mark.django_db


def _mail(to, *, related="", reply_to=None, note="Dag Ilse, je vraag over de buurtsoep."):
    return email_queue(
        to=to,
        subject="Over je vraag, Ilse",
        template="mail/test_message",
        context={"name": "Ilse", "note": note},
        reply_to=reply_to,
        related=related,
    )


def test_deleting_an_account_erases_the_persons_outbox_rows(initiatiefnemer):
    theirs = _mail(initiatiefnemer.email)
    OutboxMessage.objects.filter(pk=theirs.pk).update(
        state=OutboxMessage.State.SENT, sent_at=timezone.now()
    )
    someone_else = _mail("jan@example.org")

    user_account_delete(user=initiatiefnemer, confirmed=True)

    theirs.refresh_from_db()
    assert theirs.to == []
    assert (theirs.subject, theirs.body_text, theirs.body_html) == ("", "", "")
    assert theirs.state == OutboxMessage.State.SENT, "the row stays as a count"
    someone_else.refresh_from_db()
    assert someone_else.body_text
    assert someone_else.to == ["jan@example.org"]


def test_contact_retention_erases_the_mail_about_the_message():
    message = ContactMessageFactory(
        status=MessageStatus.HANDLED,
        email="ilse@example.org",
        handled_at=timezone.now() - timedelta(days=400),
    )
    key = f"contact.message:{message.pk}"
    confirmation = _mail("ilse@example.org", related=key)
    notification = _mail("team@example.org", related=key, reply_to="ilse@example.org")
    other = _mail("ilse@example.org", related="atlas.entry:1")

    assert contact_retention_apply().messages == 1

    confirmation.refresh_from_db()
    assert confirmation.to == []
    assert confirmation.body_text == ""
    notification.refresh_from_db()
    assert notification.to == ["team@example.org"]
    assert notification.reply_to == []
    assert notification.body_text == ""
    other.refresh_from_db()
    assert other.body_text, "mail about other things is not the contact message's"
