"""Signal receivers of the coaching app (connected in `CoachingConfig.ready`).

Only bookkeeping for another app lives here: the atlas's copy of where BAZ is active
(`baz.coaching.services.baz_active`). Business rules stay in the services.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from baz.coaching.models import Trajectory

# The fields that decide whether a trajectory makes its municipality "BAZ actief".
BAZ_ACTIVE_FIELDS = frozenset({"state", "map_consent", "municipality", "municipality_id"})


def _trajectory_saved(sender: Any, instance: Trajectory, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loading fixtures: the data may be half there
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not BAZ_ACTIVE_FIELDS & set(update_fields):
        return
    from baz.coaching.services.baz_active import trajectory_baz_active_sync

    trajectory_baz_active_sync()


def _trajectory_deleted(sender: Any, instance: Trajectory, **kwargs: Any) -> None:
    from baz.coaching.services.baz_active import trajectory_baz_active_sync

    trajectory_baz_active_sync()


def connect() -> None:
    post_save.connect(_trajectory_saved, sender=Trajectory, dispatch_uid="coaching-baz-active")
    post_delete.connect(
        _trajectory_deleted, sender=Trajectory, dispatch_uid="coaching-baz-active-delete"
    )
