"""Coaching keeps the atlas's record of where a trajectory makes BAZ active in step: on every
save that can change it, on delete, and once from existing trajectories (migration 0003)."""

import importlib

import pytest
from django.apps import apps

from baz.atlas.models import BazTrajectoryMunicipality
from baz.atlas.versioning import data_version
from baz.coaching.models import State, Trajectory
from baz.core.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def recorded():
    return set(BazTrajectoryMunicipality.objects.values_list("municipality_id", flat=True))


def test_an_active_consenting_trajectory_is_recorded_in_the_atlas_and_leaves_it_when_stopped():
    municipality = MunicipalityFactory()
    trajectory = Trajectory.objects.create(
        municipality=municipality, state=State.REQUESTED, map_consent=True
    )
    assert recorded() == set()

    trajectory.state = State.INTAKE
    trajectory.save(update_fields=["state"])
    assert recorded() == {municipality.pk}

    trajectory.state = State.STOPPED
    trajectory.save()
    assert recorded() == set()


def test_withdrawn_consent_and_a_deleted_trajectory_leave_the_atlas():
    first, second = MunicipalityFactory(), MunicipalityFactory()
    withdrawn = Trajectory.objects.create(
        municipality=first, state=State.ANALYSIS, map_consent=True
    )
    deleted = Trajectory.objects.create(
        municipality=second, state=State.COMPLETED, map_consent=True
    )
    assert recorded() == {first.pk, second.pk}

    withdrawn.map_consent = False
    withdrawn.save(update_fields=["map_consent"])
    deleted.delete()
    assert recorded() == set()


def test_a_change_to_the_set_moves_the_atlas_data_version_on_and_other_saves_do_not():
    trajectory = Trajectory.objects.create(
        municipality=MunicipalityFactory(), state=State.TRAINING, map_consent=True
    )
    before = data_version()[0]
    trajectory.save(update_fields=["updated_at"])
    trajectory.save()
    assert data_version()[0] == before

    trajectory.state = State.STOPPED
    trajectory.save(update_fields=["state"])
    assert data_version()[0] > before


def test_the_data_migration_fills_the_atlas_from_existing_trajectories_and_is_idempotent():
    active, requested = MunicipalityFactory(), MunicipalityFactory()
    Trajectory.objects.create(municipality=active, state=State.AGREEMENTS, map_consent=True)
    Trajectory.objects.create(municipality=requested, state=State.REQUESTED, map_consent=True)
    BazTrajectoryMunicipality.objects.all().delete()
    BazTrajectoryMunicipality.objects.create(municipality=requested)  # stale

    fill = importlib.import_module(
        "baz.coaching.migrations.0003_tell_atlas_where_trajectories_are_active"
    ).fill
    fill(apps, None)
    fill(apps, None)

    assert recorded() == {active.pk}
