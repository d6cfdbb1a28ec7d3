"""The atlas's own record of where a trajectory makes BAZ active, as another app sets it."""

import pytest

from baz.atlas.models import BazTrajectoryMunicipality
from baz.atlas.services.baz_active import baz_trajectory_municipalities_set
from baz.atlas.versioning import data_version
from baz.core.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_setting_the_set_writes_only_the_difference_and_says_whether_anything_changed():
    a, b, c = MunicipalityFactory(), MunicipalityFactory(), MunicipalityFactory()

    assert baz_trajectory_municipalities_set(municipality_ids=[a.pk, b.pk]) is True
    version = data_version()[0]
    assert baz_trajectory_municipalities_set(municipality_ids={b.pk, a.pk}) is False
    assert data_version()[0] == version

    assert baz_trajectory_municipalities_set(municipality_ids=[b.pk, c.pk]) is True
    assert data_version()[0] > version
    assert set(BazTrajectoryMunicipality.objects.values_list("municipality_id", flat=True)) == {
        b.pk,
        c.pk,
    }
