"""Learning's part of a person's own data (see `baz.accounts.privacy`).

A reflection records who started it in a workspace, or moved it there (`owner`); who edited
it later is not recorded. Export: the reflections they started or moved, with the answers.
Erase: the reflection stays in its municipality's workspace (it is the team's, not the
person's) and only loses its link to the account; a reflection made by link has no owner.
"""

from __future__ import annotations

from typing import Any

from baz.accounts.models import User
from baz.accounts.privacy import PrivacyProvider, iso, register
from baz.learning.models import Reflection


def _export(user: User) -> dict[str, Any]:
    reflections = (
        Reflection.objects.filter(owner=user).select_related("municipality").order_by("pk")
    )
    return {
        "reflections": [
            {
                "municipality": r.municipality.name_nl if r.municipality else None,
                "in_workspace": r.in_workspace,
                "steps_done": r.steps_done,
                "initiatives": r.initiatives,
                "support_choices": r.support_choices,
                "support_forms": r.support_forms,
                "needs": r.needs,
                "created_at": iso(r.created_at),
                "last_activity_at": iso(r.last_activity_at),
            }
            for r in reflections
        ]
    }


def _erase(user: User) -> dict[str, int]:
    unlinked = 0
    for reflection in Reflection.objects.filter(owner=user):
        reflection.owner = None
        reflection.save(update_fields=["owner"])
        unlinked += 1
    return {"reflections_unlinked": unlinked}


register(
    PrivacyProvider(
        name="learning",
        export=_export,
        erase=_erase,
        models=("learning.Reflection",),
    )
)
