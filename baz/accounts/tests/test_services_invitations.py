import re
from datetime import timedelta

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import timezone

from baz.accounts.models import Invitation, InvitationStatus, Membership, Role, User
from baz.accounts.selectors import invitation_for_token, invitation_token_hash
from baz.accounts.services import (
    InvitationUnavailable,
    invitation_accept,
    invitation_create,
    invitation_revoke,
)
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Een-lang-nieuw-wachtwoord-7"


def _invite_colleague(beheerder, municipality, email="collega@example.org", role=Role.MEDEWERKER):
    return invitation_create(
        created_by=beheerder,
        email=email,
        group_name="Gemeente",
        municipalities=[municipality],
        role=role,
    )


def test_redactie_invites_a_coach_and_an_email_with_the_link_is_sent(redactie):
    invitation, token = invitation_create(
        created_by=redactie, email="Nieuwe.Coach@Example.org", group_name="Coach"
    )

    assert invitation.email == "nieuwe.coach@example.org"
    assert invitation.status == InvitationStatus.PENDING
    assert invitation.is_staff_invitation
    message = OutboxMessage.objects.get()
    assert message.to == ["nieuwe.coach@example.org"]
    assert message.subject == "Je bent uitgenodigd op BurgersAanZet"
    assert f"/uitnodiging/{token}/" in message.body_text
    assert "tweestapsverificatie" in message.body_text
    assert f"/uitnodiging/{token}/" in message.body_html


def test_only_a_hash_of_the_token_is_stored(redactie):
    invitation, token = invitation_create(
        created_by=redactie, email="x@example.org", group_name="Redactie"
    )
    raw = token.rsplit(":", 1)[0]

    assert raw not in invitation.token_hash
    assert invitation.token_hash == invitation_token_hash(raw)
    assert invitation_for_token(token=token) == invitation


def test_a_tampered_link_finds_no_invitation(redactie):
    _, token = invitation_create(created_by=redactie, email="x@example.org", group_name="Coach")

    assert invitation_for_token(token=token[:-2] + "xx") is None
    assert invitation_for_token(token="onzin") is None


def test_the_link_expires_after_the_configured_number_of_days(redactie, settings):
    settings.ACCOUNTS_INVITATION_MAX_AGE_DAYS = 3
    invitation, _ = invitation_create(
        created_by=redactie, email="x@example.org", group_name="Coach"
    )

    assert abs(invitation.expires_at - (timezone.now() + timedelta(days=3))) < timedelta(minutes=1)


def test_a_beheerder_invites_a_colleague_for_their_own_municipality(beheerder_a, gemeente_a):
    invitation, _ = _invite_colleague(beheerder_a, gemeente_a, role=Role.BEHEERDER)

    assert list(invitation.municipalities.all()) == [gemeente_a]
    assert invitation.role == Role.BEHEERDER
    assert invitation.created_by == beheerder_a


def test_a_beheerder_cannot_invite_for_another_municipality(beheerder_a, gemeente_b):
    with pytest.raises(PermissionDenied):
        _invite_colleague(beheerder_a, gemeente_b)
    assert not Invitation.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("group_name", ["Redactie", "Coach"])
def test_a_beheerder_cannot_invite_staff(beheerder_a, group_name):
    with pytest.raises(PermissionDenied):
        invitation_create(created_by=beheerder_a, email="x@example.org", group_name=group_name)


def test_a_medewerker_cannot_invite(medewerker_a, gemeente_a):
    with pytest.raises(PermissionDenied):
        _invite_colleague(medewerker_a, gemeente_a)


def test_a_municipality_invitation_needs_a_municipality_and_a_role(redactie, gemeente_a):
    with pytest.raises(ValidationError, match="minstens één gemeente"):
        invitation_create(created_by=redactie, email="x@example.org", group_name="Gemeente")
    with pytest.raises(ValidationError, match="medewerker of beheerder"):
        invitation_create(
            created_by=redactie,
            email="x@example.org",
            group_name="Gemeente",
            municipalities=[gemeente_a],
        )


def test_an_address_that_already_has_an_account_is_refused(redactie, medewerker_a):
    with pytest.raises(ValidationError, match="Er bestaat al een account"):
        invitation_create(created_by=redactie, email="MEDEWERKER.A@example.org", group_name="Coach")


def test_accepting_creates_the_account_with_group_and_membership(beheerder_a, gemeente_a):
    _, token = _invite_colleague(beheerder_a, gemeente_a)

    user = invitation_accept(
        token=token, password=NEW_PASSWORD, first_name=" Mira ", last_name="Wouters"
    )

    assert user.email == "collega@example.org"
    assert user.get_full_name() == "Mira Wouters"
    assert list(user.groups.values_list("name", flat=True)) == ["Gemeente"]
    membership = Membership.objects.get(user=user)
    assert (membership.municipality, membership.role) == (gemeente_a, Role.MEDEWERKER)
    request = RequestFactory().post("/aanmelden/")
    assert authenticate(request, username="collega@example.org", password=NEW_PASSWORD) == user
    invitation = Invitation.objects.get()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.accepted_by == user


def test_a_link_works_only_once(beheerder_a, gemeente_a):
    _, token = _invite_colleague(beheerder_a, gemeente_a)
    invitation_accept(token=token, password=NEW_PASSWORD, first_name="Mira", last_name="W")

    with pytest.raises(InvitationUnavailable) as error:
        invitation_accept(token=token, password=NEW_PASSWORD, first_name="Mira", last_name="W")

    assert error.value.status == InvitationStatus.ACCEPTED
    assert User.objects.filter(email="collega@example.org").count() == 1


def test_an_expired_link_cannot_be_used(beheerder_a, gemeente_a):
    invitation, token = _invite_colleague(beheerder_a, gemeente_a)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())

    with pytest.raises(InvitationUnavailable) as error:
        invitation_accept(token=token, password=NEW_PASSWORD, first_name="M", last_name="W")

    assert error.value.status == InvitationStatus.EXPIRED
    assert not User.objects.filter(email="collega@example.org").exists()


def test_a_weak_password_is_refused_and_nothing_is_created(beheerder_a, gemeente_a):
    _, token = _invite_colleague(beheerder_a, gemeente_a)

    with pytest.raises(ValidationError):
        invitation_accept(token=token, password="12345", first_name="M", last_name="W")

    assert not User.objects.filter(email="collega@example.org").exists()
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_a_beheerder_revokes_an_invitation_for_their_municipality(beheerder_a, gemeente_a):
    invitation, token = _invite_colleague(beheerder_a, gemeente_a)

    invitation_revoke(revoked_by=beheerder_a, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED
    assert invitation.revoked_by == beheerder_a
    with pytest.raises(InvitationUnavailable) as error:
        invitation_accept(token=token, password=NEW_PASSWORD, first_name="M", last_name="W")
    assert error.value.status == InvitationStatus.REVOKED


def test_a_beheerder_of_another_municipality_cannot_revoke(redactie, gemeente_b, beheerder_a):
    invitation, _ = _invite_colleague(redactie, gemeente_b)

    with pytest.raises(PermissionDenied):
        invitation_revoke(revoked_by=beheerder_a, invitation=invitation)


def test_an_accepted_invitation_cannot_be_revoked(redactie):
    invitation, token = invitation_create(
        created_by=redactie, email="x@example.org", group_name="Coach"
    )
    invitation_accept(token=token, password=NEW_PASSWORD, first_name="X", last_name="Y")

    with pytest.raises(ValidationError, match="niet meer open"):
        invitation_revoke(revoked_by=redactie, invitation=invitation)


def test_the_invitation_email_names_the_municipality(beheerder_a, gemeente_a):
    _invite_colleague(beheerder_a, gemeente_a)

    assert re.search(r"werken voor Gent\.", OutboxMessage.objects.get().body_text)
