"""Who reaches the phase pages: every admin page for coaches only, every workspace view and
download for the trajectory's own municipality only (404 for others, login for anonymous)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from baz.accounts.tests.factories import UserFactory
from baz.coaching.models import Material, SessionParticipant, TrainingSession
from baz.coaching.services.sessions import calendar_token_rotate
from baz.coaching.tests.phases_fixtures import *  # noqa: F403
from baz.coaching.tests.phases_fixtures import make_agreement
from baz.mail.models import OutboxMessage


@pytest.fixture
def material(trajectory_a, coach):
    from django.core.files.base import ContentFile

    item = Material(trajectory=trajectory_a, title="Slides", uploaded_by=coach)
    item.file.save("abc/slides.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    item.save()
    return item


@pytest.fixture
def admin_urls(trajectory_a, held_session, material):
    agreement = make_agreement(trajectory_a)
    t, s = trajectory_a.pk, held_session.pk
    return [
        f"/beheer/coaching/trajecten/{t}/fasen/",
        f"/beheer/coaching/trajecten/{t}/vorming/nieuw/",
        f"/beheer/coaching/vorming/{s}/",
        f"/beheer/coaching/vorming/{s}/annuleren/",
        f"/beheer/coaching/vorming/{s}/aanwezigheid/",
        f"/beheer/coaching/vorming/{s}/evaluaties/",
        f"/beheer/coaching/trajecten/{t}/materiaal/nieuw/",
        f"/beheer/coaching/trajecten/{t}/afspraken/nieuw/",
        f"/beheer/coaching/afspraken/{agreement.pk}/",
        f"/beheer/coaching/trajecten/{t}/verslag/",
    ]


def test_coaches_open_every_admin_page(client, login_verified, coach, admin_urls):
    login_verified(client, coach)
    for url in admin_urls:
        assert client.get(url).status_code == 200, url


def test_staff_who_are_not_coaches_are_refused_in_the_admin(
    client, login_verified, admin_urls, material
):
    group = Group.objects.create(name="Alleen beheer")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory(email="stagiair@example.org")
    user.groups.add(group)
    login_verified(client, user)

    for url in admin_urls:
        response = client.get(url)
        assert (response.status_code, response.url) == (302, "/beheer/"), url
    response = client.post(f"/beheer/coaching/materiaal/{material.pk}/verwijderen/")
    assert Material.objects.filter(pk=material.pk).exists()


def test_municipality_users_and_anonymous_never_reach_the_admin_pages(client, member_a, admin_urls):
    for url in admin_urls:
        assert client.get(url).status_code == 302, url
    client.force_login(member_a)
    for url in admin_urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/aanmelden/"), url


def test_every_workspace_view_is_404_for_another_municipality(
    client, member_a, member_b, trajectory_a, held_session, material
):
    agreement = make_agreement(trajectory_a)
    gets = [
        f"/mijn/coaching/vorming/{held_session.pk}.ics",
        f"/mijn/coaching/{trajectory_a.pk}/agendalink/",
        f"/mijn/coaching/materiaal/{material.pk}/",
        f"/mijn/coaching/{trajectory_a.pk}/verslag/",
        f"/mijn/coaching/{trajectory_a.pk}/verslag.pdf",
    ]
    posts = [
        f"/mijn/coaching/{trajectory_a.pk}/agendalink/",
        f"/mijn/coaching/afspraken/{agreement.pk}/status/",
    ]
    for url in gets:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "next=" in response.url, url
    for url in posts:
        assert client.post(url, {"status": "klaar", "action": "rotate"}).status_code == 302

    client.force_login(member_b)
    for url in gets:
        assert client.get(url).status_code == 404, url
    for url in posts:
        assert client.post(url, {"status": "klaar", "action": "rotate"}).status_code == 404, url

    client.force_login(member_a)
    for url in gets:
        assert client.get(url).status_code == 200, url


def test_the_feed_of_a_can_not_be_read_with_a_token_of_b(client, coach, trajectory_a, trajectory_b):
    token_b = calendar_token_rotate(user=coach, trajectory=trajectory_b)
    TrainingSession.objects.create(
        trajectory=trajectory_a,
        topic="Alleen voor Gent",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=1),
        trainer="Mira",
    )

    response = client.get(f"/coaching/agenda/{token_b}.ics")

    assert response.status_code == 200
    assert b"Alleen voor Gent" not in response.content


def test_a_coach_plans_a_session_in_the_admin_with_municipality_users_prefilled(
    client, login_verified, coach, member_a, trajectory_a
):
    login_verified(client, coach)
    url = f"/beheer/coaching/trajecten/{trajectory_a.pk}/vorming/nieuw/"
    form = client.get(url).content.decode()
    assert "ines.gent@example.org" in form

    response = client.post(
        url,
        {
            "topic": "Rollen van een lokaal bestuur",
            "starts_at": "2027-01-12T13:30",
            "ends_at": "2027-01-12T16:00",
            "location": "Stadhuis Gent",
            "online_url": "",
            "trainer": "Mira Janssens",
            "description": "",
            "members": [str(member_a.pk)],
            "others": "Sara Claes, sara@example.org\n\nbram@example.org",
        },
    )

    assert response.status_code == 302
    session = TrainingSession.objects.get()
    assert sorted(session.participants.values_list("email", flat=True)) == [
        "bram@example.org",
        "ines.gent@example.org",
        "sara@example.org",
    ]
    assert SessionParticipant.objects.get(email="ines.gent@example.org").user == member_a
    assert OutboxMessage.objects.count() == 3

    bad = client.post(
        url,
        {
            "topic": "x",
            "starts_at": "2027-01-12T13:30",
            "ends_at": "2027-01-12T12:00",
            "trainer": "M",
            "others": "geen adres",
        },
    )
    page = bad.content.decode()
    assert bad.status_code == 200
    assert "Vul een plaats of een link voor online deelname in." in page
    assert "Regel 1 heeft geen geldig e-mailadres" in page


def test_attendance_and_the_follow_up_button_in_the_admin(
    client, login_verified, coach, held_session
):
    login_verified(client, coach)
    sara = held_session.participants.get(email="sara@example.org")

    response = client.post(
        f"/beheer/coaching/vorming/{held_session.pk}/aanwezigheid/",
        {"present": [str(sara.pk)]},
    )
    assert response.status_code == 302
    assert list(
        held_session.participants.filter(attended=True).values_list("email", flat=True)
    ) == ["sara@example.org"]

    client.post(f"/beheer/coaching/vorming/{held_session.pk}/evaluatievraag/")
    client.post(f"/beheer/coaching/vorming/{held_session.pk}/evaluatievraag/")
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [["sara@example.org"]]

    response = client.post(f"/beheer/coaching/vorming/{held_session.pk}/annuleren/")
    assert response.status_code == 302
    held_session.refresh_from_db()
    assert held_session.cancelled_at is not None
