"""The dashboard panels of the accounts app itself."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from baz.accounts.dashboard import DashboardPanel, register_panel
from baz.accounts.models import Role
from baz.accounts.selectors import invitations_to_answer, membership_list


def _memberships_context(request: HttpRequest) -> dict[str, Any] | None:
    memberships = list(membership_list(user=request.user))
    if not memberships:
        return None
    return {
        "memberships": memberships,
        "is_beheerder": any(m.role == Role.BEHEERDER for m in memberships),
    }


def _invitations_context(request: HttpRequest) -> dict[str, Any] | None:
    invitations = list(invitations_to_answer(user=request.user))
    return {"invitations": invitations} if invitations else None


def _account_context(request: HttpRequest) -> dict[str, Any] | None:
    return {"user": request.user}


def register_default_panels() -> None:
    register_panel(
        DashboardPanel(
            name="accounts-invitations",
            template_name="accounts/panels/_invitations.html",
            get_context=_invitations_context,
            order=5,
        )
    )
    register_panel(
        DashboardPanel(
            name="accounts-memberships",
            template_name="accounts/panels/_memberships.html",
            get_context=_memberships_context,
            order=10,
        )
    )
    register_panel(
        DashboardPanel(
            name="accounts-account",
            template_name="accounts/panels/_account.html",
            get_context=_account_context,
            order=90,
        )
    )
