"""Agreements: coaches write them down, municipality users update the status of their own."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import RequestFactory

from baz.coaching.models import Agreement, AgreementParty, AgreementStatus
from baz.coaching.selectors.agreements import workspace_trajectory_url
from baz.coaching.services.agreements import (
    agreement_create,
    agreement_status_update,
    agreement_update,
)
from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.coaching.tests.phases_fixtures import make_agreement


def test_a_coach_creates_and_changes_an_agreement(coach, trajectory_a):
    agreement = agreement_create(
        user=coach,
        trajectory=trajectory_a,
        title="Een loket voor burgerinitiatieven",
        owner_name="Ines Wouters",
        owner_email="ines.gent@example.org",
        party=AgreementParty.MUNICIPALITY,
        deadline=date(2027, 3, 1),
        follow_up_on=date(2027, 2, 1),
    )
    assert (agreement.status, agreement.created_by) == (AgreementStatus.OPEN, coach)

    agreement_update(user=coach, agreement=agreement, status=AgreementStatus.DONE)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DONE
    assert agreement.completed_at is not None


def test_municipality_users_cannot_create_agreements(member_a, trajectory_a):
    with pytest.raises(PermissionDenied):
        agreement_create(user=member_a, trajectory=trajectory_a, title="x", owner_name="y")


def test_a_municipality_user_updates_only_agreements_owned_by_the_municipality(
    member_a, trajectory_a
):
    ours = make_agreement(trajectory_a)
    baz = make_agreement(trajectory_a, party=AgreementParty.BAZ, owner_name="Koen Maes")

    agreement_status_update(user=member_a, agreement=ours, status=AgreementStatus.IN_PROGRESS)
    assert Agreement.objects.get(pk=ours.pk).status == AgreementStatus.IN_PROGRESS

    with pytest.raises(PermissionDenied):
        agreement_status_update(user=member_a, agreement=baz, status=AgreementStatus.DONE)
    assert Agreement.objects.get(pk=baz.pk).status == AgreementStatus.OPEN


def test_the_status_form_in_the_workspace(client, member_a, member_b, trajectory_a):
    ours = make_agreement(trajectory_a)
    baz = make_agreement(trajectory_a, party=AgreementParty.BAZ, owner_name="Koen Maes")
    url = f"/mijn/coaching/afspraken/{ours.pk}/status/"

    assert client.post(url, {"status": "klaar"}).status_code == 302
    assert Agreement.objects.get(pk=ours.pk).status == AgreementStatus.OPEN, "anonymous"

    client.force_login(member_b)
    assert client.post(url, {"status": "klaar"}).status_code == 404
    assert Agreement.objects.get(pk=ours.pk).status == AgreementStatus.OPEN

    client.force_login(member_a)
    response = client.post(url, {"status": "klaar", "next": "/mijn/#afspraak"})
    assert (response.status_code, response.url) == (302, "/mijn/#afspraak")
    assert Agreement.objects.get(pk=ours.pk).status == AgreementStatus.DONE

    response = client.post(f"/mijn/coaching/afspraken/{baz.pk}/status/", {"status": "klaar"})
    assert response.status_code == 302
    assert Agreement.objects.get(pk=baz.pk).status == AgreementStatus.OPEN

    evil = client.post(url, {"status": "open", "next": "https://elders.example.com/"})
    assert evil.url == workspace_trajectory_url(trajectory_a.pk)


def test_the_workspace_include_shows_status_forms_only_where_allowed(
    member_a, trajectory_a, held_session
):
    ours = make_agreement(trajectory_a, title="Eigen afspraak")
    baz = make_agreement(
        trajectory_a, title="Afspraak van BAZ", party=AgreementParty.BAZ, owner_name="Koen"
    )
    request = RequestFactory().get("/mijn/coaching/")
    request.user = member_a

    html = render_to_string(
        "coaching/mijn/_phases.html", {"trajectory": trajectory_a}, request=request
    )

    assert f"/mijn/coaching/afspraken/{ours.pk}/status/" in html
    assert f"/mijn/coaching/afspraken/{baz.pk}/status/" not in html
    assert "BurgersAanZet houdt deze afspraak bij." in html
    assert f"/mijn/coaching/vorming/{held_session.pk}.ics" in html
    assert f"/mijn/coaching/{trajectory_a.pk}/verslag.pdf" in html
    assert "2 van de 3 uitgenodigden waren er." in html
    assert "<script" not in html


def test_coaches_manage_agreements_in_the_admin(client, login_verified, coach, trajectory_a):
    login_verified(client, coach)
    base = f"/beheer/coaching/trajecten/{trajectory_a.pk}/"

    response = client.post(
        base + "afspraken/nieuw/",
        {
            "title": "Tweejaarlijks overleg met initiatiefnemers",
            "description": "",
            "party": "baz",
            "owner_name": "Koen Maes",
            "owner_email": "",
            "deadline": "2027-06-30",
            "follow_up_on": "",
            "status": "open",
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert (agreement.party, agreement.deadline) == ("baz", date(2027, 6, 30))

    overview = client.get(base + "fasen/")
    assert overview.status_code == 200
    assert "Tweejaarlijks overleg met initiatiefnemers" in overview.content.decode()

    response = client.post(
        f"/beheer/coaching/afspraken/{agreement.pk}/",
        {
            "title": "Tweejaarlijks overleg met initiatiefnemers",
            "party": "baz",
            "owner_name": "Koen Maes",
            "deadline": "2027-09-30",
            "status": "bezig",
        },
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.deadline, agreement.status) == (date(2027, 9, 30), "bezig")
