"""The invitations screen in the Wagtail admin (/beheer/uitnodigingen/)."""

import json

import pytest

from baz.accounts.models import Invitation, InvitationStatus
from baz.accounts.services import invitation_create
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db
URL = "/beheer/uitnodigingen/"


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith("/aanmelden/")


def test_a_coach_is_refused(client, coach, login_verified):
    login_verified(client, coach)

    response = client.get(URL)

    # Inside the admin Wagtail turns PermissionDenied into a redirect to the dashboard with a
    # message, instead of the site's 403 page.
    assert response.status_code == 302
    assert response.url == "/beheer/"
    assert client.post(URL, {"email": "x@example.org", "group": "Coach"}).status_code == 302
    assert not Invitation.objects.exists()


def test_redactie_sees_the_screen_and_the_menu_item(client, redactie, login_verified):
    login_verified(client, redactie)

    response = client.get(URL)

    assert response.status_code == 200
    assert "Nodig iemand uit" in response.content.decode()
    assert response.content.decode().count("<option") < 20, "no select of every municipality"
    assert URL in client.get("/beheer/").content.decode()


def test_the_menu_item_is_hidden_from_coaches(client, coach, login_verified):
    login_verified(client, coach)

    assert URL not in client.get("/beheer/").content.decode()


def test_redactie_invites_a_municipality_beheerder(client, redactie, login_verified, gemeente_a):
    login_verified(client, redactie)

    response = client.post(
        URL,
        {
            "email": "nieuw@example.org",
            "group": "Gemeente",
            # What the type-ahead chooser posts.
            "municipalities": json.dumps([{"pk": gemeente_a.pk, "title": "Gent"}]),
            "role": "beheerder",
        },
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.group.name, invitation.role) == ("Gemeente", "beheerder")
    assert list(invitation.municipalities.all()) == [gemeente_a]
    assert OutboxMessage.objects.count() == 1


def test_a_municipality_invitation_without_municipality_shows_an_error(
    client, redactie, login_verified
):
    login_verified(client, redactie)

    response = client.post(URL, {"email": "nieuw@example.org", "group": "Gemeente"})

    assert response.status_code == 200
    assert "Kies minstens één gemeente." in response.content.decode()
    assert not Invitation.objects.exists()


def test_redactie_revokes_an_invitation(client, redactie, login_verified):
    invitation, _ = invitation_create(
        created_by=redactie, email="x@example.org", group_name="Coach"
    )
    login_verified(client, redactie)

    response = client.post(f"/beheer/uitnodigingen/{invitation.pk}/intrekken/")

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED


def test_the_admin_screen_also_needs_two_factor(client, redactie):
    client.force_login(redactie, backend="django.contrib.auth.backends.ModelBackend")

    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith("/mijn/beveiliging/instellen/")
