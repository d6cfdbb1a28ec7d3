"""Trust part 1, item 2: an existing account is invited to join, never made a member.

Before, inviting an address that had an account either failed (a beheerder's invitation) or
gave that account the membership at once (a coach accepting a coaching request), with nothing
for the person to accept. Now such an invitation names the account, and only that account,
logged in, accepts or declines it in /mijn/.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from baz.accounts.models import Invitation, InvitationStatus, Membership, Role
from baz.accounts.services import (
    InvitationUnavailable,
    invitation_accept,
    invitation_create,
    invitation_respond,
)
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _invite(created_by, municipality, email, role=Role.MEDEWERKER):
    return invitation_create(
        created_by=created_by,
        email=email,
        group_name="Gemeente",
        municipalities=[municipality],
        role=role,
    )


def test_an_existing_account_gets_an_invitation_and_no_membership(
    beheerder_a, gemeente_a, medewerker_b
):
    invitation, _token = _invite(beheerder_a, gemeente_a, "Medewerker.B@example.org")

    assert invitation.user == medewerker_b
    assert invitation.status == InvitationStatus.PENDING
    assert not Membership.objects.filter(user=medewerker_b, municipality=gemeente_a).exists()
    message = OutboxMessage.objects.get()
    assert message.to == ["medewerker.b@example.org"]
    assert "/mijn/uitnodigingen/" in message.body_text
    assert "/uitnodiging/" not in message.body_text  # no account-creating link


def test_the_link_of_such_an_invitation_creates_nothing(
    client, beheerder_a, gemeente_a, medewerker_b
):
    _invitation, token = _invite(beheerder_a, gemeente_a, "medewerker.b@example.org")

    response = client.post(
        f"/uitnodiging/{token}/",
        {
            "first_name": "X",
            "last_name": "Y",
            "password1": "Een-lang-wachtwoord-7",
            "password2": "Een-lang-wachtwoord-7",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/mijn/uitnodigingen/"
    with pytest.raises(InvitationUnavailable):
        invitation_accept(
            token=token, password="Een-lang-wachtwoord-7", first_name="", last_name=""
        )
    assert not Membership.objects.filter(municipality=gemeente_a, user=medewerker_b).exists()


def test_the_invited_account_accepts_in_the_workspace(
    client, beheerder_a, gemeente_a, medewerker_b
):
    invitation, _token = _invite(beheerder_a, gemeente_a, "medewerker.b@example.org")
    client.force_login(medewerker_b)

    page = client.get("/mijn/").content.decode()
    assert "Uitnodigingen voor jou" in page
    assert "Meewerken voor Gent als medewerker." in page

    response = client.post(f"/mijn/uitnodigingen/{invitation.pk}/antwoorden/", {"answer": "accept"})

    assert response.status_code == 302
    membership = Membership.objects.get(user=medewerker_b, municipality=gemeente_a)
    assert membership.role == Role.MEDEWERKER
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.accepted_by == medewerker_b
    assert medewerker_b.groups.filter(name="Gemeente").exists()


def test_declining_changes_nothing_but_the_invitation(
    client, beheerder_a, gemeente_a, medewerker_b
):
    invitation, _token = _invite(beheerder_a, gemeente_a, "medewerker.b@example.org")
    client.force_login(medewerker_b)

    client.post(f"/mijn/uitnodigingen/{invitation.pk}/antwoorden/", {"answer": "decline"})

    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert not Membership.objects.filter(user=medewerker_b, municipality=gemeente_a).exists()
    # Answered once: accepting afterwards is refused.
    with pytest.raises(ValidationError, match="niet meer open"):
        invitation_respond(user=medewerker_b, invitation=invitation, accept=True)


@pytest.mark.parametrize("who", ["beheerder_a", "medewerker_a", "redactie", "coach"])
def test_nobody_else_answers_an_invitation(
    request, client, login_verified, who, beheerder_a, gemeente_a, medewerker_b
):
    invitation, _token = _invite(beheerder_a, gemeente_a, "medewerker.b@example.org")
    other = request.getfixturevalue(who)
    if who in ("redactie", "coach"):
        login_verified(client, other)
    else:
        client.force_login(other)

    response = client.post(f"/mijn/uitnodigingen/{invitation.pk}/antwoorden/", {"answer": "accept"})

    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        invitation_respond(user=other, invitation=invitation, accept=True)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    assert not Membership.objects.filter(user=medewerker_b, municipality=gemeente_a).exists()
    assert Membership.objects.filter(municipality=gemeente_a).count() == (
        2 if who == "medewerker_a" else 1
    )


def test_a_beheerder_invited_as_medewerker_elsewhere_keeps_their_role(
    redactie, gemeente_a, gemeente_b
):
    from baz.accounts.tests.factories import member

    person = member(gemeente_b, Role.BEHEERDER, email="beheerder.b@example.org")
    invitation, _ = invitation_create(
        created_by=redactie,
        email=person.email,
        group_name="Gemeente",
        municipalities=[gemeente_a, gemeente_b],
        role=Role.MEDEWERKER,
    )

    invitation_respond(user=person, invitation=invitation, accept=True)

    roles = dict(Membership.objects.filter(user=person).values_list("municipality__refnis", "role"))
    assert roles == {"44021": Role.MEDEWERKER, "24062": Role.BEHEERDER}


def test_existing_members_are_not_invited_and_open_invitations_are_sent_again(
    beheerder_a, gemeente_a, medewerker_a, medewerker_b
):
    with pytest.raises(ValidationError, match="werkt al mee"):
        _invite(beheerder_a, gemeente_a, medewerker_a.email)
    _invite(beheerder_a, gemeente_a, medewerker_b.email)
    _invite(beheerder_a, gemeente_a, medewerker_b.email)  # sends the open invitation again
    assert Invitation.objects.count() == 1


def test_staff_invitations_are_for_new_accounts_only(redactie, medewerker_b):
    with pytest.raises(ValidationError, match="Er bestaat al een account"):
        invitation_create(created_by=redactie, email=medewerker_b.email, group_name="Coach")
