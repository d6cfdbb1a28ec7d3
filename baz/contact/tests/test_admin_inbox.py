"""The contact inbox in the Wagtail admin: who may see it, the list, updates and replies."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from baz.contact.models import ContactReply, MessageStatus
from baz.contact.tests.factories import ContactMessageFactory
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db

INBOX = "/beheer/contact/"


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(INBOX)

    assert response.status_code == 302


def test_staff_without_inbox_rights_are_refused(client, login_verified, initiatiefnemer):
    from django.contrib.auth.models import Group, Permission

    # Someone who may enter the admin, but is neither Redactie nor Coach.
    group = Group.objects.create(name="Alleen beheer")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    initiatiefnemer.groups.add(group)
    login_verified(client, initiatiefnemer)

    message = ContactMessageFactory(name="Sara Janssens")

    # Inside the admin Wagtail turns PermissionDenied into a redirect to the dashboard.
    response = client.get(INBOX)
    assert (response.status_code, response.url) == (302, "/beheer/")
    response = client.post(f"{INBOX}{message.pk}/antwoorden/", {"body": "Hallo"})
    assert (response.status_code, response.url) == (302, "/beheer/")
    assert not ContactReply.objects.exists()


def test_a_coach_sees_the_inbox_with_status_and_assignee(client, login_verified, coach):
    ContactMessageFactory(name="Sara Janssens", assignee=coach, status=MessageStatus.IN_PROGRESS)
    login_verified(client, coach)

    content = client.get(INBOX).content.decode()

    assert "Sara Janssens" in content
    assert "In behandeling" in content
    assert "Koen" in content


def test_the_inbox_list_does_not_query_per_message(client, login_verified, redactie, gent):
    login_verified(client, redactie)
    ContactMessageFactory(assignee=redactie, municipality=gent)
    client.get(INBOX)
    with CaptureQueriesContext(connection) as few:
        client.get(INBOX)
    for _ in range(10):
        ContactMessageFactory(assignee=redactie, municipality=gent)

    with CaptureQueriesContext(connection) as many:
        client.get(INBOX)

    assert len(many) == len(few)


def test_staff_update_status_notes_and_assignee(client, login_verified, redactie):
    message = ContactMessageFactory()
    login_verified(client, redactie)

    response = client.post(
        f"{INBOX}{message.pk}/bijwerken/",
        {"status": "afgehandeld", "assignee": redactie.pk, "internal_notes": "Opgebeld."},
    )

    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.assignee, message.internal_notes) == (
        "afgehandeld",
        redactie,
        "Opgebeld.",
    )


def test_a_reply_written_in_the_inbox_is_kept_and_queued(client, login_verified, redactie):
    message = ContactMessageFactory(email="sara@example.org")
    login_verified(client, redactie)

    response = client.post(f"{INBOX}{message.pk}/antwoorden/", {"body": "Bedankt voor je vraag."})

    assert response.status_code == 302
    reply = ContactReply.objects.get()
    assert reply.author == redactie
    assert OutboxMessage.objects.get().to == ["sara@example.org"]
    detail = client.get(f"{INBOX}{message.pk}/").content.decode()
    assert "Bedankt voor je vraag." in detail


def test_the_partner_snippets_are_in_the_admin(client, login_verified, redactie):
    login_verified(client, redactie)

    assert client.get("/beheer/snippets/contact/partnerorganisation/").status_code == 200
    assert client.get("/beheer/snippets/contact/contactperson/add/").status_code == 200
