"""`manage.py contact_retention`: personal data of handled messages goes after N months."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from baz.contact.models import ContactMessage, ContactReply, MessageStatus
from baz.contact.tests.factories import ContactMessageFactory

pytestmark = pytest.mark.django_db


def handled(days_ago, **kwargs):
    message = ContactMessageFactory(status=MessageStatus.HANDLED, **kwargs)
    message.handled_at = timezone.now() - timedelta(days=days_ago)
    message.save()
    ContactReply.objects.create(
        message=message, body="Bedankt, we bellen je.", sent_to=message.email
    )
    return message


def run(*args):
    out = StringIO()
    call_command("contact_retention", *args, stdout=out)
    return out.getvalue()


def test_old_handled_messages_lose_their_personal_data():
    old = handled(400, internal_notes="Belde terug op dinsdag.")
    recent = handled(30)
    open_old = ContactMessageFactory(status=MessageStatus.IN_PROGRESS)
    ContactMessage.objects.filter(pk=open_old.pk).update(
        created_at=timezone.now() - timedelta(days=800)
    )

    output = run()

    assert "1 afgehandelde berichten" in output
    old.refresh_from_db()
    assert (old.name, old.email, old.body, old.internal_notes) == ("", "", "", "")
    assert old.anonymised_at is not None
    assert old.topic
    assert old.created_at
    assert old.replies.get().body == ""
    recent.refresh_from_db()
    assert recent.email
    assert recent.anonymised_at is None
    open_old.refresh_from_db()
    assert open_old.email, "a message that is not handled is never cleared"


def test_a_dry_run_changes_nothing():
    old = handled(400)

    output = run("--dry-run")

    assert output.startswith("[proefdraai] 1 ")
    old.refresh_from_db()
    assert old.email
    assert old.anonymised_at is None


def test_running_twice_changes_nothing_more():
    old = handled(400)
    run()
    old.refresh_from_db()
    first = old.anonymised_at

    assert "0 afgehandelde" in run()
    old.refresh_from_db()
    assert old.anonymised_at == first


def test_the_retention_period_is_a_setting(settings):
    settings.CONTACT_RETENTION_MONTHS = 1
    message = handled(40)

    run()

    message.refresh_from_db()
    assert message.anonymised_at is not None
