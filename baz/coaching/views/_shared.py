"""Helpers shared by the workspace views of sessions and agreements."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from baz.coaching.selectors.sessions import phase_trajectory_get


def back_url(request: HttpRequest, fallback: str) -> str:
    """The page to return to: a safe `next` from the form or the link, else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def trajectory_or_404(request: HttpRequest, trajectory_pk: int) -> Any:
    """The trajectory if this user may see its phase parts; 404 otherwise (never a 403)."""
    trajectory = phase_trajectory_get(user=request.user, pk=trajectory_pk)
    if trajectory is None:
        raise Http404
    return trajectory
