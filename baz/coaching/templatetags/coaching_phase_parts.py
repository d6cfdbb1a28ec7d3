"""Inclusion tags that render the phase parts inside the trajectory pages.

The workspace page and the admin detail page of a trajectory include
`coaching/mijn/_phases.html` and `coaching/admin/_phases.html`, which use these tags.
"""

from __future__ import annotations

from typing import Any

from django import template

from baz.coaching.models import AgreementStatus
from baz.coaching.selectors.agreements import agreement_list, agreement_rows
from baz.coaching.selectors.sessions import evaluation_summary, material_list, session_list

register = template.Library()


def _sessions_with_summaries(trajectory: Any) -> list[Any]:
    sessions = list(session_list(trajectory=trajectory))
    for session in sessions:
        session.summary = evaluation_summary(session=session) if session.evaluation_count else None
    return sessions


def _workspace_context(
    context: template.Context, trajectory: Any, *, training: bool, agreements: bool
) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    result: dict[str, Any] = {
        "request": request,
        "trajectory": trajectory,
        "next_url": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }
    if training:
        result["sessions"] = _sessions_with_summaries(trajectory)
        result["materials"] = list(material_list(trajectory=trajectory))
    if agreements:
        result["agreement_rows"] = agreement_rows(user=user, trajectory=trajectory)
        result["status_choices"] = AgreementStatus.choices
    return result


@register.inclusion_tag("coaching/phases/_workspace_section.html", takes_context=True)
def coaching_workspace_phases(context: template.Context, trajectory: Any) -> dict[str, Any]:
    """Every phase part at once (sessions, materials, agreements, report)."""
    return _workspace_context(context, trajectory, training=True, agreements=True)


@register.inclusion_tag("coaching/phases/_workspace_training.html", takes_context=True)
def coaching_workspace_training(context: template.Context, trajectory: Any) -> dict[str, Any]:
    """The workspace section *vorming*: sessions, the calendar link and materials."""
    return _workspace_context(context, trajectory, training=True, agreements=False)


@register.inclusion_tag("coaching/phases/_workspace_agreements.html", takes_context=True)
def coaching_workspace_agreements(context: template.Context, trajectory: Any) -> dict[str, Any]:
    """The workspace section *afspraken*: agreements with their status forms, the report."""
    return _workspace_context(context, trajectory, training=False, agreements=True)


@register.inclusion_tag("coaching/phases/admin/_section.html", takes_context=True)
def coaching_admin_phases(context: template.Context, trajectory: Any) -> dict[str, Any]:
    return {
        "request": context.get("request"),
        "trajectory": trajectory,
        "sessions": _sessions_with_summaries(trajectory),
        "materials": list(material_list(trajectory=trajectory)),
        "agreements": list(agreement_list(trajectory=trajectory)),
        "csrf_token": context.get("csrf_token"),
    }
