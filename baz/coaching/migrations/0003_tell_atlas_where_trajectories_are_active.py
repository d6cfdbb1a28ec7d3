"""Fill the atlas's list of municipalities where a trajectory makes BAZ active.

From now on coaching reports that set to the atlas (`BazTrajectoryMunicipality`) on every
change; this fills it once from the trajectories that exist: a state from *intake* up to
*afgerond* with the municipality's map consent. Idempotent; reversing leaves the rows (the
atlas migration that created the table removes them).
"""

from django.db import migrations

ACTIVE_STATES = ("intake", "analyse", "vorming", "afspraken", "afgerond")


def fill(apps, schema_editor):
    Trajectory = apps.get_model("coaching", "Trajectory")
    BazTrajectoryMunicipality = apps.get_model("atlas", "BazTrajectoryMunicipality")
    wanted = set(
        Trajectory.objects.filter(state__in=ACTIVE_STATES, map_consent=True).values_list(
            "municipality_id", flat=True
        )
    )
    BazTrajectoryMunicipality.objects.exclude(municipality_id__in=wanted).delete()
    for municipality_id in sorted(wanted):
        BazTrajectoryMunicipality.objects.get_or_create(municipality_id=municipality_id)


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0002_requester_decision_and_map_consent_source"),
        ("atlas", "0014_baz_trajectory_municipality"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
