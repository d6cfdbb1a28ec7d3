"""Demo content of the coaching app (`manage.py load_demo_data` calls `load_demo_data`, after
the accounts demo), one module per part (as `baz.coaching.services`).

Rows are created directly with the ORM, not through the services, so loading the demo sends no
invitations or mails. Idempotent: a municipality that already has a trajectory, and a
trajectory that already has sessions, are left as they are.
"""

from __future__ import annotations

from typing import TextIO

from django.db import transaction

from baz.coaching.demo import agreements, sessions, trajectories
from baz.coaching.models import State, Trajectory


@transaction.atomic
def load_demo_data(stdout: TextIO) -> list[str]:
    created = trajectories.load_demo_data(stdout)
    created += load_phase_parts(stdout)
    return created


def load_phase_parts(stdout: TextIO) -> list[str]:
    """Sessions, evaluations, a material and agreements for every trajectory in *vorming* or
    later that has no sessions yet (the core demo above makes the trajectories first)."""
    created = []
    trajectories_to_fill = Trajectory.objects.filter(
        state__in=(State.TRAINING, State.AGREEMENTS, State.COMPLETED), sessions__isnull=True
    ).select_related("municipality")
    for trajectory in trajectories_to_fill:
        sessions.fill(trajectory)
        agreements.fill(trajectory)
        created.append(f"vorming en afspraken voor {trajectory.municipality.name_nl}")
    return created
