import pytest
from django.utils import timezone

from baz.accounts.models import Invitation, Role, User
from baz.accounts.services import invitation_accept, invitation_create, invitation_revoke
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Een-lang-nieuw-wachtwoord-7"


@pytest.fixture
def colleague_invitation(beheerder_a, gemeente_a):
    return invitation_create(
        created_by=beheerder_a,
        email="collega@example.org",
        group_name="Gemeente",
        municipalities=[gemeente_a],
        role=Role.MEDEWERKER,
        first_name="Mira",
    )


def _accept(client, token, password=NEW_PASSWORD):
    return client.post(
        f"/uitnodiging/{token}/",
        {
            "first_name": "Mira",
            "last_name": "Wouters",
            "password1": password,
            "password2": password,
        },
    )


def test_the_invitation_page_asks_for_a_name_and_a_password(client, colleague_invitation):
    _, token = colleague_invitation

    response = client.get(f"/uitnodiging/{token}/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Maak je account aan" in content
    assert "collega@example.org" in content
    assert 'value="Mira"' in content


def test_a_municipality_user_accepts_and_lands_in_their_workspace(client, colleague_invitation):
    _, token = colleague_invitation

    response = _accept(client, token)

    assert response.status_code == 302
    assert response.url == "/mijn/"
    workspace = client.get("/mijn/")
    assert workspace.status_code == 200
    assert "Gent" in workspace.content.decode()


def test_a_staff_member_accepts_and_is_sent_to_set_up_two_factor(client, redactie):
    _, token = invitation_create(created_by=redactie, email="nieuw@example.org", group_name="Coach")

    response = _accept(client, token)

    assert response.status_code == 302
    assert response.url == "/mijn/beveiliging/instellen/?next=%2Fbeheer%2F"
    # Without the second factor the admin stays closed.
    assert client.get("/beheer/").url.startswith("/mijn/beveiliging/instellen/")


def test_a_weak_password_is_explained_next_to_the_field(client, colleague_invitation):
    _, token = colleague_invitation

    response = _accept(client, token, password="kort")

    assert response.status_code == 200
    assert "field--error" in response.content.decode()
    assert not User.objects.filter(email="collega@example.org").exists()


def test_different_passwords_are_refused(client, colleague_invitation):
    _, token = colleague_invitation

    response = client.post(
        f"/uitnodiging/{token}/",
        {"first_name": "M", "last_name": "W", "password1": NEW_PASSWORD, "password2": "anders"},
    )

    assert "De twee wachtwoorden zijn niet gelijk" in response.content.decode()


def test_a_used_link_explains_itself_in_dutch(client, colleague_invitation):
    _, token = colleague_invitation
    invitation_accept(token=token, password=NEW_PASSWORD, first_name="M", last_name="W")

    response = client.get(f"/uitnodiging/{token}/")

    assert response.status_code == 200
    assert "Deze uitnodiging is al gebruikt" in response.content.decode()


def test_an_expired_link_explains_itself_in_dutch(client, colleague_invitation):
    invitation, token = colleague_invitation
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())

    response = client.get(f"/uitnodiging/{token}/")
    posted = _accept(client, token)

    assert response.status_code == posted.status_code == 200
    assert "Deze uitnodiging is verlopen" in response.content.decode()
    assert "Deze uitnodiging is verlopen" in posted.content.decode()
    assert not User.objects.filter(email="collega@example.org").exists()


def test_a_revoked_link_explains_itself_in_dutch(client, colleague_invitation, beheerder_a):
    invitation, token = colleague_invitation
    invitation_revoke(revoked_by=beheerder_a, invitation=invitation)

    response = client.get(f"/uitnodiging/{token}/")

    assert response.status_code == 200
    assert "Deze uitnodiging is ingetrokken" in response.content.decode()


def test_an_unknown_link_explains_itself_in_dutch(client):
    response = client.get("/uitnodiging/iets-verzonnen:abc/")

    assert response.status_code == 200
    assert "Deze link klopt niet" in response.content.decode()


def test_the_invitation_email_link_opens_the_page(client, colleague_invitation):
    body = OutboxMessage.objects.get().body_text
    url = next(line for line in body.splitlines() if "/uitnodiging/" in line)

    response = client.get(url.split("://", 1)[1].split("/", 1)[1].join(["/", ""]))

    assert response.status_code == 200
