"""Tell the atlas where a trajectory makes BAZ active.

The atlas owns the fact "BAZ is active here" and never reads coaching's tables; coaching
reports the municipalities with a trajectory from *intake* up to *afgerond* whose
municipality consented to be shown (`active_trajectory_municipality_ids`). The receivers in
`baz.coaching.signals` call `trajectory_baz_active_sync` after every save or delete of a
trajectory that may change that set, so every path (these services, the admin, the demo
data, the tests' factories) keeps the atlas in step inside the same transaction.
"""

from __future__ import annotations

from baz.atlas.services.baz_active import baz_trajectory_municipalities_set
from baz.coaching.selectors.trajectories import active_trajectory_municipality_ids


def trajectory_baz_active_sync() -> bool:
    """Send the atlas the current set; returns whether the atlas changed anything."""
    return baz_trajectory_municipalities_set(municipality_ids=active_trajectory_municipality_ids())
