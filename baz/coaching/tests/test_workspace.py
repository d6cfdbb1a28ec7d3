"""The municipality's workspace: its trajectory, shared notes only, messages; and a user of
municipality A never sees anything of B (404 on every view)."""

import pytest

from baz.accounts.tests.factories import UserFactory
from baz.coaching.models import Message, NoteVisibility, Phase, State
from baz.coaching.services.trajectories import phase_plan_save, trajectory_note_add

pytestmark = pytest.mark.django_db

COACH_ONLY = "Interne inschatting: de schepen twijfelt nog."
SHARED = "Fijn eerste gesprek; we plannen de interviews."


@pytest.fixture
def notes(coaching_trajectory_a, coaching_coach):
    trajectory_note_add(
        trajectory=coaching_trajectory_a,
        author=coaching_coach,
        body=COACH_ONLY,
        visibility=NoteVisibility.COACHES,
    )
    trajectory_note_add(
        trajectory=coaching_trajectory_a,
        author=coaching_coach,
        body=SHARED,
        visibility=NoteVisibility.SHARED,
        kind="interview",
        phase=Phase.ANALYSIS,
    )


def member_views(trajectory):
    """Every workspace view of a trajectory: (method, url)."""
    return [
        ("get", f"/mijn/coaching/{trajectory.pk}/"),
        ("post", f"/mijn/coaching/{trajectory.pk}/bericht/"),
        ("get", f"/mijn/coaching/{trajectory.pk}/analyse/"),
        ("get", f"/mijn/coaching/{trajectory.pk}/vorming/"),
        ("get", f"/mijn/coaching/{trajectory.pk}/afspraken/"),
        ("get", f"/mijn/coaching/{trajectory.pk}/berichten/"),
    ]


def test_the_member_sees_phase_timeline_plans_and_shared_notes_but_no_coach_notes(
    client, atlas_member_a, coaching_trajectory_a, coaching_coach, notes
):
    coaching_trajectory_a.analysis_summary = "Sterk: veel buurtwerk. Nood: één aanspreekpunt."
    coaching_trajectory_a.save()
    phase_plan_save(
        trajectory=coaching_trajectory_a,
        phase=Phase.ANALYSIS,
        actor=coaching_coach,
        plan="Drie interviews met diensten.",
    )
    client.force_login(atlas_member_a)

    overview = client.get(f"/mijn/coaching/{coaching_trajectory_a.pk}/").content.decode()
    response = client.get(f"/mijn/coaching/{coaching_trajectory_a.pk}/analyse/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Coachingtraject van Gent" in content
    assert 'aria-current="step">Analyse' in overview
    assert "Drie interviews met diensten." in content
    assert "Sterk: veel buurtwerk." in content
    assert SHARED in content
    assert COACH_ONLY not in content


def test_coach_only_notes_never_reach_any_municipality_view(
    client, atlas_member_a, coaching_trajectory_a, notes
):
    client.force_login(atlas_member_a)

    pages = [
        client.get(url) for method, url in member_views(coaching_trajectory_a) if method == "get"
    ] + [
        client.get("/mijn/coaching/", follow=True),
        client.get("/mijn/"),
        client.post(f"/mijn/coaching/{coaching_trajectory_a.pk}/bericht/", {"body": ""}),
    ]

    for page in pages:
        assert COACH_ONLY not in page.content.decode()


def test_the_dashboard_panel_links_to_the_trajectory(client, atlas_member_a, coaching_trajectory_a):
    client.force_login(atlas_member_a)

    content = client.get("/mijn/").content.decode()

    assert f"/mijn/coaching/{coaching_trajectory_a.pk}/" in content
    assert "Coachingtraject van Gent" in content


def test_the_panel_stays_away_for_people_without_a_trajectory(client, atlas_member_b):
    client.force_login(atlas_member_b)

    assert "panel-coaching" not in client.get("/mijn/").content.decode()


def test_the_list_goes_straight_to_the_only_trajectory(
    client, atlas_member_a, coaching_trajectory_a
):
    client.force_login(atlas_member_a)

    response = client.get("/mijn/coaching/")

    assert response.status_code == 302
    assert response.url == f"/mijn/coaching/{coaching_trajectory_a.pk}/"


def test_the_list_of_a_user_without_a_trajectory_says_so(client, atlas_member_b):
    client.force_login(atlas_member_b)

    assert "nog geen coachingtraject" in client.get("/mijn/coaching/").content.decode()


def test_a_member_sends_a_message_from_the_workspace(client, atlas_member_a, coaching_trajectory_a):
    client.force_login(atlas_member_a)

    response = client.post(
        f"/mijn/coaching/{coaching_trajectory_a.pk}/bericht/", {"body": "Wanneer starten we?"}
    )

    assert response.status_code == 302
    assert response.url == f"/mijn/coaching/{coaching_trajectory_a.pk}/berichten/#berichten"
    message = Message.objects.get()
    assert (message.trajectory, message.author) == (coaching_trajectory_a, atlas_member_a)
    page = client.get(f"/mijn/coaching/{coaching_trajectory_a.pk}/berichten/").content.decode()
    assert "Wanneer starten we?" in page


@pytest.mark.parametrize("index", range(6))
def test_a_user_of_municipality_b_gets_404_on_every_view_of_a(
    client, atlas_member_b, coaching_trajectory_a, coaching_trajectory_b, index
):
    client.force_login(atlas_member_b)
    method, url = member_views(coaching_trajectory_a)[index]

    response = getattr(client, method)(url, {"body": "Hallo"} if method == "post" else None)

    assert response.status_code == 404
    assert not Message.objects.exists()


def test_user_b_sees_only_their_own_trajectory_in_list_and_panel(
    client, atlas_member_b, coaching_trajectory_a, coaching_trajectory_b
):
    client.force_login(atlas_member_b)

    listing = client.get("/mijn/coaching/")
    dashboard = client.get("/mijn/").content.decode()

    assert listing.url == f"/mijn/coaching/{coaching_trajectory_b.pk}/"
    assert f"/mijn/coaching/{coaching_trajectory_a.pk}/" not in dashboard
    assert "Gent" not in dashboard


@pytest.mark.parametrize("index", range(6))
def test_people_without_a_membership_get_404_and_anonymous_people_log_in(
    client, coaching_trajectory_a, index
):
    method, url = member_views(coaching_trajectory_a)[index]

    anonymous = getattr(client, method)(url)
    client.force_login(UserFactory(email="initiatief@example.org", groups=["Initiatiefnemer"]))
    stranger = getattr(client, method)(url)

    assert anonymous.status_code == 302
    assert "/aanmelden/" in anonymous.url
    assert stranger.status_code == 404


def test_a_stopped_trajectory_shows_its_reason(client, atlas_member_a, coaching_trajectory_a):
    coaching_trajectory_a.state = State.STOPPED
    coaching_trajectory_a.stop_reason = "De gemeente kiest voor later."
    coaching_trajectory_a.save()
    client.force_login(atlas_member_a)

    content = client.get(f"/mijn/coaching/{coaching_trajectory_a.pk}/").content.decode()

    assert "De gemeente kiest voor later." in content
