"""The /mijn/ dashboard panel of coaching: the trajectories of the user's municipalities."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from baz.accounts.dashboard import DashboardPanel, register_panel


def _trajectories_context(request: HttpRequest) -> dict[str, Any] | None:
    from baz.coaching.selectors.trajectories import trajectories_for_user

    trajectories = trajectories_for_user(request.user, with_next_dates=True)
    if not trajectories:
        return None
    return {"trajectories": trajectories}


def register_panels() -> None:
    register_panel(
        DashboardPanel(
            name="coaching-trajectories",
            template_name="coaching/panels/_trajectories.html",
            get_context=_trajectories_context,
            order=15,
        )
    )
