"""The team of a municipality (/mijn/gemeenten/<refnis>/team/): who sees it, who changes it,
and the rule that a municipality always keeps one beheerder."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from baz.accounts.models import Invitation, InvitationStatus, Membership, Role
from baz.accounts.services import (
    ACTION_MEMBERSHIP_LEAVE,
    ACTION_MEMBERSHIP_REMOVE,
    ACTION_MEMBERSHIP_ROLE,
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_respond,
    membership_leave,
    membership_remove,
    membership_role_change,
)
from baz.accounts.tests.factories import member
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _membership(user, municipality):
    return Membership.objects.select_related("municipality", "user").get(
        user=user, municipality=municipality
    )


def _invite(by, municipality, email, role=Role.MEDEWERKER):
    invitation, token = invitation_create(
        created_by=by,
        email=email,
        group_name="Gemeente",
        municipalities=[municipality],
        role=role,
    )
    return invitation, token


# --- Misuse first -------------------------------------------------------------------------------


def test_a_medewerker_cannot_change_roles_or_remove_colleagues(
    medewerker_a, beheerder_a, gemeente_a
):
    target = _membership(beheerder_a, gemeente_a)
    with pytest.raises(PermissionDenied):
        membership_role_change(changed_by=medewerker_a, membership=target, role=Role.MEDEWERKER)
    with pytest.raises(PermissionDenied):
        membership_remove(removed_by=medewerker_a, membership=target)
    assert _membership(beheerder_a, gemeente_a).role == Role.BEHEERDER


def test_a_beheerder_of_another_municipality_cannot_touch_the_team(
    medewerker_a, gemeente_a, gemeente_b
):
    beheerder_b = member(gemeente_b, Role.BEHEERDER, email="beheerder.b@example.org")
    target = _membership(medewerker_a, gemeente_a)
    with pytest.raises(PermissionDenied):
        membership_role_change(changed_by=beheerder_b, membership=target, role=Role.BEHEERDER)
    with pytest.raises(PermissionDenied):
        membership_remove(removed_by=beheerder_b, membership=target)
    with pytest.raises(PermissionDenied):
        membership_leave(user=beheerder_b, municipality=gemeente_a)
    assert Membership.objects.filter(user=medewerker_a).count() == 1


def test_a_coach_sees_but_does_not_change_a_team(coach, medewerker_a, gemeente_a):
    with pytest.raises(PermissionDenied):
        membership_remove(removed_by=coach, membership=_membership(medewerker_a, gemeente_a))


def test_the_last_beheerder_cannot_step_down_be_removed_or_leave(beheerder_a, gemeente_a, redactie):
    mine = _membership(beheerder_a, gemeente_a)
    with pytest.raises(ValidationError, match="geen beheerder meer"):
        membership_role_change(changed_by=beheerder_a, membership=mine, role=Role.MEDEWERKER)
    with pytest.raises(ValidationError, match="geen beheerder meer"):
        membership_leave(user=beheerder_a, municipality=gemeente_a)
    with pytest.raises(ValidationError, match="geen beheerder meer"):
        membership_remove(removed_by=redactie, membership=mine)
    assert _membership(beheerder_a, gemeente_a).role == Role.BEHEERDER
    assert not ModelLogEntry.objects.exists()


def test_an_invitation_of_another_municipality_cannot_be_resent(
    beheerder_a, medewerker_a, gemeente_a, gemeente_b
):
    invitation, _token = _invite(beheerder_a, gemeente_a, "nieuw@example.org")
    beheerder_b = member(gemeente_b, Role.BEHEERDER, email="beheerder.b@example.org")
    for someone in (beheerder_b, medewerker_a):
        with pytest.raises(PermissionDenied):
            invitation_resend(sent_by=someone, invitation=invitation)


# --- What a beheerder does ------------------------------------------------------------------------


def test_a_beheerder_makes_a_colleague_beheerder_and_back(beheerder_a, medewerker_a, gemeente_a):
    target = _membership(medewerker_a, gemeente_a)
    membership_role_change(changed_by=beheerder_a, membership=target, role=Role.BEHEERDER)
    assert _membership(medewerker_a, gemeente_a).role == Role.BEHEERDER
    # Two beheerders now: the first may step down.
    membership_role_change(
        changed_by=beheerder_a, membership=_membership(beheerder_a, gemeente_a), role="medewerker"
    )
    assert _membership(beheerder_a, gemeente_a).role == Role.MEDEWERKER
    entries = ModelLogEntry.objects.filter(action=ACTION_MEMBERSHIP_ROLE).order_by("pk")
    assert [(e.user_id, e.data["role_to"]) for e in entries] == [
        (beheerder_a.pk, "beheerder"),
        (beheerder_a.pk, "medewerker"),
    ]
    assert "@" not in entries[0].label


def test_an_unknown_role_is_refused(beheerder_a, medewerker_a, gemeente_a):
    with pytest.raises(ValidationError):
        membership_role_change(
            changed_by=beheerder_a, membership=_membership(medewerker_a, gemeente_a), role="baas"
        )


def test_a_beheerder_removes_a_colleague_and_the_account_stays(
    beheerder_a, medewerker_a, gemeente_a
):
    membership_remove(removed_by=beheerder_a, membership=_membership(medewerker_a, gemeente_a))
    assert not Membership.objects.filter(user=medewerker_a).exists()
    medewerker_a.refresh_from_db()
    entry = ModelLogEntry.objects.get(action=ACTION_MEMBERSHIP_REMOVE)
    assert entry.user_id == beheerder_a.pk
    assert entry.data["user_id"] == medewerker_a.pk


def test_a_medewerker_leaves_and_a_second_beheerder_may_leave(
    beheerder_a, medewerker_a, gemeente_a
):
    membership_leave(user=medewerker_a, municipality=gemeente_a)
    assert not Membership.objects.filter(user=medewerker_a).exists()
    assert ModelLogEntry.objects.filter(action=ACTION_MEMBERSHIP_LEAVE).count() == 1

    other = member(gemeente_a, Role.BEHEERDER, email="tweede@example.org")
    membership_leave(user=beheerder_a, municipality=gemeente_a)
    assert list(Membership.objects.filter(municipality=gemeente_a)) == [
        _membership(other, gemeente_a)
    ]


# --- Invitations: one open invitation per address ---------------------------------------------


def test_inviting_the_same_address_twice_resends_the_open_invitation(beheerder_a, gemeente_a):
    first, first_token = _invite(beheerder_a, gemeente_a, "nieuw@example.org")
    again, again_token = _invite(beheerder_a, gemeente_a, "Nieuw@Example.org", role=Role.BEHEERDER)

    assert again.pk == first.pk
    assert Invitation.objects.count() == 1
    assert again.role == Role.BEHEERDER
    assert first_token != again_token
    assert OutboxMessage.objects.filter(to__icontains="nieuw@example.org").count() == 2
    # Only the newest link works.
    from baz.accounts.services import InvitationUnavailable

    with pytest.raises(InvitationUnavailable):
        invitation_accept(
            token=first_token, password="Een-lang-wachtwoord-42", first_name="N", last_name="W"
        )


def test_inviting_an_existing_account_twice_resends_the_open_invitation(
    beheerder_a, gemeente_a, medewerker_b
):
    first, _t = _invite(beheerder_a, gemeente_a, medewerker_b.email)
    again, _t = _invite(beheerder_a, gemeente_a, medewerker_b.email)
    assert again.pk == first.pk
    assert again.user_id == medewerker_b.pk
    assert Invitation.objects.count() == 1


def test_resending_gives_a_new_link_and_period(beheerder_a, gemeente_a):
    invitation, token = _invite(beheerder_a, gemeente_a, "nieuw@example.org")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=invitation.created_at)
    resent, new_token = invitation_resend(sent_by=beheerder_a, invitation=invitation)
    assert resent.status == InvitationStatus.PENDING
    assert new_token != token


def test_a_revoked_invitation_is_not_resent(beheerder_a, gemeente_a):
    from baz.accounts.services import invitation_revoke

    invitation, _t = _invite(beheerder_a, gemeente_a, "nieuw@example.org")
    invitation_revoke(revoked_by=beheerder_a, invitation=invitation)
    with pytest.raises(ValidationError):
        invitation_resend(sent_by=beheerder_a, invitation=invitation)


def test_accepting_one_invitation_settles_the_others_for_that_address(
    beheerder_a, gemeente_a, gemeente_b, redactie
):
    _gent, token = _invite(beheerder_a, gemeente_a, "nieuw@example.org")
    # Redactie invited the same person for Gent (twice over) and for Leuven.
    both, _t = invitation_create(
        created_by=redactie,
        email="nieuw@example.org",
        group_name="Gemeente",
        municipalities=[gemeente_a, gemeente_b],
        role=Role.MEDEWERKER,
    )
    leuven, _t = _invite(redactie, gemeente_b, "nieuw@example.org")

    user = invitation_accept(
        token=token, password="Een-lang-wachtwoord-42", first_name="Nele", last_name="Wouters"
    )

    both.refresh_from_db()
    leuven.refresh_from_db()
    # Leuven is not covered yet: both now name the account, to answer in /mijn/uitnodigingen/.
    assert both.status == InvitationStatus.PENDING
    assert both.user_id == user.pk
    assert leuven.status == InvitationStatus.PENDING
    assert leuven.user_id == user.pk
    invitation_respond(user=user, invitation=leuven, accept=True)
    both.refresh_from_db()
    assert both.status == InvitationStatus.REVOKED  # Gent and Leuven are both covered now


# --- Over HTTP: the page and the 404 ------------------------------------------------------------


def _url(name, municipality, **kwargs):
    return reverse(f"accounts:{name}", kwargs={"refnis": municipality.refnis, **kwargs})


def test_the_team_page_shows_names_addresses_roles_and_open_invitations(
    client, beheerder_a, medewerker_a, gemeente_a
):
    _invite(beheerder_a, gemeente_a, "nieuw@example.org")
    client.force_login(beheerder_a)
    response = client.get(_url("team", gemeente_a))
    html = response.content.decode()
    assert response.status_code == 200
    for text in (medewerker_a.email, beheerder_a.email, "nieuw@example.org", "Maak beheerder"):
        assert text in html
    assert "Enige beheerder" in html


def test_a_medewerker_sees_the_team_read_only(client, beheerder_a, medewerker_a, gemeente_a):
    _invite(beheerder_a, gemeente_a, "nieuw@example.org")
    client.force_login(medewerker_a)
    html = client.get(_url("team", gemeente_a)).content.decode()
    assert beheerder_a.email in html
    assert "Maak beheerder" not in html
    assert "nieuw@example.org" not in html
    assert "Verlaat het team van Gent" in html
    membership = _membership(medewerker_a, gemeente_a)
    response = client.post(
        _url("membership_role", gemeente_a, pk=membership.pk), {"role": "beheerder"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["anonymous", "medewerker_b", "beheerder_b", "initiatiefnemer"])
def test_another_municipalitys_team_answers_404(
    client, who, gemeente_a, gemeente_b, beheerder_a, initiatiefnemer
):
    if who == "beheerder_b":
        client.force_login(member(gemeente_b, Role.BEHEERDER, email="b@example.org"))
    elif who == "medewerker_b":
        client.force_login(member(gemeente_b, Role.MEDEWERKER, email="m@example.org"))
    elif who == "initiatiefnemer":
        client.force_login(initiatiefnemer)
    target = _membership(beheerder_a, gemeente_a)
    urls = [
        _url("team", gemeente_a),
        _url("membership_remove", gemeente_a, pk=target.pk),
        _url("membership_leave", gemeente_a),
    ]
    for url in urls:
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302
            assert "/aanmelden/" in response["Location"]
        else:
            assert response.status_code == 404, url


def test_a_membership_of_another_municipality_is_not_found_under_this_one(
    client, beheerder_a, gemeente_a, gemeente_b
):
    other = member(gemeente_b, Role.MEDEWERKER, email="m@example.org")
    client.force_login(beheerder_a)
    pk = _membership(other, gemeente_b).pk
    response = client.post(_url("membership_remove", gemeente_a, pk=pk))
    assert response.status_code == 404
    assert Membership.objects.filter(user=other).exists()


def test_role_change_remove_and_leave_over_http(client, beheerder_a, medewerker_a, gemeente_a):
    client.force_login(beheerder_a)
    target = _membership(medewerker_a, gemeente_a)
    response = client.post(_url("membership_role", gemeente_a, pk=target.pk), {"role": "beheerder"})
    assert response.status_code == 302
    assert _membership(medewerker_a, gemeente_a).role == Role.BEHEERDER

    assert client.get(_url("membership_remove", gemeente_a, pk=target.pk)).status_code == 200
    client.post(_url("membership_remove", gemeente_a, pk=target.pk))
    assert not Membership.objects.filter(user=medewerker_a).exists()

    response = client.post(_url("membership_leave", gemeente_a), follow=True)
    assert "geen beheerder meer" in response.content.decode()
    assert Membership.objects.filter(user=beheerder_a).exists()


def test_the_team_page_asks_a_fixed_number_of_queries(
    client, beheerder_a, gemeente_a, django_assert_max_num_queries
):
    for n in range(10):
        member(gemeente_a, Role.MEDEWERKER, email=f"collega{n}@example.org")
        _invite(beheerder_a, gemeente_a, f"uitgenodigd{n}@example.org")
    client.force_login(beheerder_a)
    with django_assert_max_num_queries(15):
        assert client.get(_url("team", gemeente_a)).status_code == 200
