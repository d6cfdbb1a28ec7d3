"""Demo trajectories: invented, loaded once, visible to the demo users of their municipality."""

import io

import pytest

from baz.coaching.demo import load_demo_data
from baz.coaching.models import CoachingRequest, NoteVisibility, State, Trajectory
from baz.core.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_places(db):
    from baz.core.models import Municipality

    # The full reference data may already be loaded by another test of the session.
    for refnis, name in (("44021", "Gent"), ("24062", "Leuven"), ("12025", "Mechelen")):
        if not Municipality.objects.filter(refnis=refnis).exists():
            MunicipalityFactory(refnis=refnis, name_nl=name, slug=name.lower())
    from baz.accounts.demo import load_demo_data as load_accounts

    load_accounts(stdout=io.StringIO())


def test_demo_trajectories_are_invented_and_loaded_once(demo_places):
    first = load_demo_data(stdout=io.StringIO())
    second = load_demo_data(stdout=io.StringIO())

    assert "coachingtraject Gent (Analyse)" in first
    assert second == []
    assert sorted(Trajectory.objects.values_list("state", flat=True)) == sorted(
        [State.ANALYSIS, State.TRAINING, State.COMPLETED]
    )
    assert all(r.email.endswith("@example.org") for r in CoachingRequest.objects.all())
    assert all(
        t.coaches.filter(email="coach@example.org").exists() for t in Trajectory.objects.all()
    )


def test_the_demo_municipality_user_sees_their_trajectory_without_coach_notes(client, demo_places):
    from baz.accounts.models import User

    load_demo_data(stdout=io.StringIO())
    gent = Trajectory.objects.get(municipality__refnis="44021")
    coach_note = gent.notes.get(visibility=NoteVisibility.COACHES).body
    client.force_login(User.objects.get(email="medewerker.gent@example.org"))

    base = f"/mijn/coaching/{gent.pk}/"
    pages = [
        client.get(base + section).content.decode()
        for section in ("", "analyse/", "vorming/", "afspraken/", "berichten/")
    ]

    assert "wanneer plannen we de interviews" in pages[-1]
    assert all(coach_note not in content for content in pages)
