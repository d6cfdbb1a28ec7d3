"""Reads of accounts, memberships and invitations."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.core import signing
from django.db.models import QuerySet

from baz.accounts.models import Invitation, Membership, User
from baz.core.models import Municipality

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

INVITATION_SIGNING_SALT = "baz.accounts.invitation"


def invitation_token_hash(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


def invitation_for_token(*, token: str) -> Invitation | None:
    """The invitation a link belongs to, or None for a link that was tampered with or unknown.

    The link carries a signed random token; the database holds only the token's hash.
    """
    try:
        raw_token = signing.Signer(salt=INVITATION_SIGNING_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.select_related("group")
        .filter(token_hash=invitation_token_hash(raw_token))
        .first()
    )


def membership_list(*, user: User | AnonymousUser) -> QuerySet[Membership]:
    """The municipalities a user works for, with their role, by municipality name."""
    if not isinstance(user, User):
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user)
        .select_related("municipality")
        .order_by("municipality__name_nl")
    )


def team_list(*, municipality: Municipality) -> QuerySet[Membership]:
    """The colleagues of a municipality: beheerders first, then by name."""
    return (
        Membership.objects.filter(municipality=municipality)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "user__email")
    )


def invitation_list(
    *, municipality: Municipality | None = None, pending_only: bool = False
) -> QuerySet[Invitation]:
    """Invitations, newest first; only those for one municipality, or still open, when asked."""
    invitations = Invitation.objects.select_related("group", "created_by").prefetch_related(
        "municipalities"
    )
    if municipality is not None:
        invitations = invitations.filter(municipalities=municipality)
    if pending_only:
        invitations = invitations.pending()
    return invitations.order_by("-created_at")


def invitations_to_answer(*, user: User | AnonymousUser) -> QuerySet[Invitation]:
    """Open invitations to join that name this account, oldest first."""
    if not isinstance(user, User):
        return Invitation.objects.none()
    return (
        Invitation.objects.pending()
        .filter(user=user)
        .select_related("created_by")
        .prefetch_related("municipalities")
        .order_by("created_at")
    )
