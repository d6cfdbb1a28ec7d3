"""The public map "Waar is BAZ actief": exactly the set "where BAZ is active" (trajectories
from intake up to afgerond, and profiles marked samenwerking met BAZ, with the municipality's
consent), the same set as the atlas filter *actief met BAZ*, and nothing confidential."""

import json

import pytest

from baz.atlas.selectors.entries import entry_list
from baz.atlas.selectors.filters import atlas_filters_parse
from baz.atlas.selectors.municipalities import baz_active_municipality_ids
from baz.atlas.tests.factories import EntryFactory
from baz.coaching.models import State, Trajectory
from baz.coaching.selectors.trajectories import active_trajectory_municipality_ids
from baz.core.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(db):
    """One municipality per case; the name says whether it belongs on the map."""

    def place(name, state=None, consent=True, profile=True, collaboration=False, map_ok=False):
        municipality = MunicipalityFactory(name_nl=name, latitude=51.0, longitude=4.0)
        if profile:
            EntryFactory(
                municipality=municipality,
                kind="lokaal-bestuur",
                name=f"Profiel {name}",
                baz_collaboration=collaboration,
                baz_map_consent=map_ok,
            )
        if state:
            Trajectory.objects.create(municipality=municipality, state=state, map_consent=consent)
        return municipality

    return {
        "Ja-intake": place("Ja-intake", State.INTAKE),
        "Ja-analyse": place("Ja-analyse", State.ANALYSIS),
        "Ja-vorming": place("Ja-vorming", State.TRAINING),
        "Ja-afspraken": place("Ja-afspraken", State.AGREEMENTS),
        "Ja-afgerond": place("Ja-afgerond", State.COMPLETED),
        "Ja-samenwerking": place("Ja-samenwerking", collaboration=True, map_ok=True),
        "Nee-aangevraagd": place("Nee-aangevraagd", State.REQUESTED),
        "Nee-stopgezet": place("Nee-stopgezet", State.STOPPED),
        "Nee-geen-toestemming": place("Nee-geen-toestemming", State.ANALYSIS, consent=False),
        "Nee-samenwerking-zonder-toestemming": place(
            "Nee-samenwerking-zonder-toestemming", collaboration=True, map_ok=False
        ),
        "Nee-niets": place("Nee-niets"),
    }


def expected(places):
    return {m.pk for name, m in places.items() if name.startswith("Ja-")}


def test_the_trajectory_part_is_intake_up_to_afgerond_with_consent(places):
    assert active_trajectory_municipality_ids() == expected(places) - {places["Ja-samenwerking"].pk}


def test_the_atlas_set_and_its_filter_show_exactly_the_coaching_set(places):
    filters = atlas_filters_parse(
        {"kind": "lokaal-bestuur", "baz_active": "true", "page_size": "100"}
    )

    atlas_filter = {entry.municipality_id for entry in entry_list(filters)}

    assert baz_active_municipality_ids() == expected(places)
    assert atlas_filter == expected(places)


def test_the_page_lists_exactly_the_set_coloured_by_status(client, places):
    response = client.get("/coaching/waar-actief/")

    content = response.content.decode()
    assert response.status_code == 200
    listed = {p["name"] for p in response.context["places"]}
    assert listed == {name for name in places if name.startswith("Ja-")}
    status = {p["name"]: p["status"] for p in response.context["places"]}
    assert status["Ja-afgerond"] == "afgerond"
    assert status["Ja-analyse"] == "bezig"
    assert status["Ja-samenwerking"] == "bezig"
    for name in places:
        assert (name in content) is name.startswith("Ja-")


def test_a_completed_trajectory_with_a_new_one_running_counts_as_in_progress(client, places):
    municipality = places["Ja-afgerond"]
    Trajectory.objects.create(municipality=municipality, state=State.INTAKE, map_consent=True)

    rows = client.get("/coaching/waar-actief/").context["places"]

    assert {p["name"]: p["status"] for p in rows}["Ja-afgerond"] == "bezig"


def test_the_map_data_holds_nothing_confidential(client, places):
    trajectory = Trajectory.objects.get(municipality=places["Ja-analyse"])
    trajectory.analysis_summary = "VERTROUWELIJK"
    trajectory.stop_reason = "GEHEIM"
    trajectory.save()

    response = client.get("/coaching/waar-actief/")

    points = json.loads(response.context["points_json"])
    assert set(points[0]) == {"name", "status", "lat", "lon", "url"}
    content = response.content.decode()
    assert "VERTROUWELIJK" not in content
    assert "GEHEIM" not in content


def test_the_page_has_a_map_from_static_files_and_no_inline_script(client, places):
    content = client.get("/coaching/waar-actief/").content.decode()

    assert "leaflet/leaflet.js" in content
    assert "coaching/waar-actief.js" in content
    assert "<script>" not in content
    assert 'id="coaching-map"' in content
    assert "<table" in content
