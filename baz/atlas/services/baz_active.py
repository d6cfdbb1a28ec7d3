"""The atlas's own record of where BAZ is active (see `BazTrajectoryMunicipality`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from baz.atlas.models import BazTrajectoryMunicipality
from baz.atlas.versioning import data_version_bump


@transaction.atomic
def baz_trajectory_municipalities_set(*, municipality_ids: Iterable[int]) -> bool:
    """Record the whole set of municipalities where a coaching trajectory makes BAZ active.

    Coaching calls this after every change of a trajectory's state or map consent (and its
    data migration once), with the municipalities that have a trajectory from *intake* up to
    *afgerond* whose municipality consented to be shown. The atlas owns the fact and filters
    on it (`baz_active`) without reading coaching's tables. Idempotent: only differences are
    written; returns whether anything changed. A bookkeeping call from another app, not a
    person's action, so there is no permission to check.
    """
    wanted = set(municipality_ids)
    current = set(BazTrajectoryMunicipality.objects.values_list("municipality_id", flat=True))
    if wanted == current:
        return False
    gone = current - wanted
    if gone:
        BazTrajectoryMunicipality.objects.filter(municipality_id__in=gone).delete()
    for municipality_id in sorted(wanted - current):
        BazTrajectoryMunicipality.objects.create(municipality_id=municipality_id)
    # The baz_active filter is part of the public atlas data (API ETags, cached pages).
    data_version_bump()
    return True
