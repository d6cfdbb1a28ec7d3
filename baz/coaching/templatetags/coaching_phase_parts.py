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


@register.inclusion_tag("coaching/phases/_workspace_section.html", takes_context=True)
def coaching_workspace_phases(context: template.Context, trajectory: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "request": request,
        "trajectory": trajectory,
        "sessions": _sessions_with_summaries(trajectory),
        "materials": list(material_list(trajectory=trajectory)),
        "agreement_rows": agreement_rows(user=user, trajectory=trajectory),
        "status_choices": AgreementStatus.choices,
        "next_url": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }


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
