"""Reads for the write side in /mijn/: where a person may add an entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models.query import QuerySet

from baz.accounts import permissions
from baz.core.models import Municipality

if TYPE_CHECKING:
    from baz.accounts.permissions import UserLike


def municipalities_to_add_in(user: UserLike) -> QuerySet[Municipality]:
    """The municipalities a person chooses from in "Nieuwe fiche".

    A municipality user adds for their own municipalities, where they publish directly;
    redactie and an initiatiefnemer (whose entry waits for a moderator) choose any
    municipality the map can place.
    """
    placeable = Municipality.objects.filter(latitude__isnull=False).order_by("name_nl")
    roles = permissions.municipality_roles(user)
    if roles and not permissions.can(user, permissions.ENTRY_MODERATE):
        return placeable.filter(pk__in=list(roles))
    return placeable
