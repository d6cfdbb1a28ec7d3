"""Trust part 1, item 2: consent for the public map "Waar is BAZ actief".

Before, ticking a box on the anonymous request form switched the municipality's consent on.
Now consent comes only from a beheerder of the municipality in /mijn/, or from a coach who
writes down how the municipality gave it; the form's box is only the requester's wish.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from baz.accounts.models import Role
from baz.accounts.tests.factories import member
from baz.coaching.models import CoachingRequest, State, Trajectory
from baz.coaching.selectors.trajectories import baz_active_places
from baz.coaching.services.trajectories import (
    coaching_request_submit,
    trajectory_map_consent_set,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder_a(atlas_gemeente_a):
    return member(atlas_gemeente_a, Role.BEHEERDER, email="beheerder.gent@example.org")


@pytest.fixture
def active_trajectory(atlas_gemeente_a):
    return Trajectory.objects.create(municipality=atlas_gemeente_a, state=State.ANALYSIS)


def _on_the_map(municipality) -> bool:
    return any(place["name"] == municipality.name_nl for place in baz_active_places())


def test_an_anonymous_request_does_not_put_the_municipality_on_the_map(
    atlas_gemeente_a, active_trajectory
):
    request = coaching_request_submit(
        municipality=atlas_gemeente_a,
        name="Niet van Gent",
        role="Burger",
        email="iemand@example.net",
        motivation="Zet Gent maar op de kaart.",
        map_consent=True,
    )

    active_trajectory.refresh_from_db()
    assert request.trajectory == active_trajectory
    assert request.map_consent is True  # the wish is kept for the coach
    assert active_trajectory.map_consent is False
    assert not _on_the_map(atlas_gemeente_a)


def test_a_coach_records_how_the_municipality_gave_consent(
    atlas_gemeente_a, active_trajectory, coaching_coach
):
    with pytest.raises(ValidationError, match="hoe de gemeente toestemming gaf"):
        trajectory_map_consent_set(trajectory=active_trajectory, consent=True, actor=coaching_coach)
    active_trajectory.refresh_from_db()
    assert active_trajectory.map_consent is False

    trajectory_map_consent_set(
        trajectory=active_trajectory,
        consent=True,
        actor=coaching_coach,
        how="E-mail van de schepen op 3 maart.",
    )

    active_trajectory.refresh_from_db()
    assert active_trajectory.map_consent is True
    assert active_trajectory.map_consent_by == coaching_coach
    assert active_trajectory.map_consent_note == "E-mail van de schepen op 3 maart."
    assert _on_the_map(atlas_gemeente_a)


def test_only_a_beheerder_of_the_municipality_gives_consent_in_the_workspace(
    client, atlas_gemeente_a, atlas_gemeente_b, active_trajectory, beheerder_a, atlas_member_a
):
    url = f"/mijn/coaching/{active_trajectory.pk}/kaart/"
    beheerder_b = member(atlas_gemeente_b, Role.BEHEERDER, email="beheerder.leuven@example.org")

    # A medewerker of Gent sees the state but no form, and cannot post.
    client.force_login(atlas_member_a)
    page = client.get(f"/mijn/coaching/{active_trajectory.pk}/").content.decode()
    assert "Een beheerder van je gemeente kan dit aanpassen." in page
    assert page.count('aria-labelledby="kaart"') == 1  # once, in the page body
    assert "kaart" not in page.split("<title>")[1].split("</title>")[0]
    assert url not in page
    assert client.post(url, {"map_consent": "on"}).status_code == 403
    # A beheerder of another municipality does not even see the trajectory.
    client.force_login(beheerder_b)
    assert client.post(url, {"map_consent": "on"}).status_code == 404
    with pytest.raises(PermissionDenied):
        trajectory_map_consent_set(trajectory=active_trajectory, consent=True, actor=beheerder_b)
    active_trajectory.refresh_from_db()
    assert active_trajectory.map_consent is False

    client.force_login(beheerder_a)
    assert url in client.get(f"/mijn/coaching/{active_trajectory.pk}/").content.decode()
    response = client.post(url, {"map_consent": "on"})

    assert response.status_code == 302
    active_trajectory.refresh_from_db()
    assert active_trajectory.map_consent is True
    assert active_trajectory.map_consent_by == beheerder_a
    assert "beheerder" in active_trajectory.map_consent_note
    assert _on_the_map(atlas_gemeente_a)

    client.post(url, {})  # unticked: withdrawn
    active_trajectory.refresh_from_db()
    assert active_trajectory.map_consent is False
    assert active_trajectory.map_consent_by is None
    assert not _on_the_map(atlas_gemeente_a)


def test_the_coach_sees_each_requester_with_the_domain_and_decides(
    client, login_verified, atlas_gemeente_a, active_trajectory, coaching_coach
):
    request = CoachingRequest.objects.create(
        trajectory=active_trajectory,
        municipality=atlas_gemeente_a,
        name="Iemand Anders",
        role="Burger",
        email="iemand@voorbeeld.example.net",
        motivation="Ik wil binnen.",
    )
    login_verified(client, coaching_coach)
    base = f"/beheer/coaching/trajecten/{active_trajectory.pk}/"

    page = client.get(base).content.decode()
    assert "voorbeeld.example.net" in page
    assert "Nodig Iemand Anders niet uit" in page

    response = client.post(f"{base}aanvraag/{request.pk}/niet-uitnodigen/")

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.declined_at is not None
    assert request.decided_by == coaching_coach
    assert request.invitation is None
    assert "Niet uitgenodigd" in client.get(base).content.decode()


def test_the_migration_withdraws_consent_that_came_from_the_request_form(
    atlas_gemeente_a, atlas_gemeente_b
):
    """coaching 0002: consent switched on by the anonymous form's box is withdrawn; consent
    recorded some other way is kept, with a note that its source was not written down."""
    from datetime import timedelta
    from importlib import import_module

    from django.apps import apps
    from django.utils import timezone

    migration = import_module(
        "baz.coaching.migrations.0002_requester_decision_and_map_consent_source"
    )
    now = timezone.now()
    from_form = Trajectory.objects.create(
        municipality=atlas_gemeente_a, state=State.INTAKE, map_consent=True, map_consent_at=now
    )
    CoachingRequest.objects.create(
        trajectory=from_form,
        municipality=atlas_gemeente_a,
        name="Iemand",
        role="Burger",
        email="iemand@example.net",
        motivation="Graag.",
        map_consent=True,
    )
    by_coach = Trajectory.objects.create(
        municipality=atlas_gemeente_b,
        state=State.INTAKE,
        map_consent=True,
        map_consent_at=now - timedelta(days=30),
    )

    migration.settle_map_consents(apps, None)

    from_form.refresh_from_db()
    by_coach.refresh_from_db()
    assert from_form.map_consent is False
    assert from_form.map_consent_at is None
    assert by_coach.map_consent is True
    assert by_coach.map_consent_note == migration.KEPT_NOTE
