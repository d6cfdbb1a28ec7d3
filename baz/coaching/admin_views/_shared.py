"""Helpers shared by the admin pages of sessions, materials and agreements.

Coaches only: `trajectory_for_coach` checks TRAJECTORY_MANAGE (every service checks again).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from baz.accounts import permissions
from baz.coaching.models import Trajectory


def trajectory_for_coach(request: HttpRequest, pk: int) -> Trajectory:
    trajectory = get_object_or_404(Trajectory.objects.select_related("municipality"), pk=pk)
    permissions.require(request.user, permissions.TRAJECTORY_MANAGE, trajectory)
    return trajectory


def overview_url(trajectory_pk: int) -> str:
    """The admin page of the trajectory, which includes the phase parts."""
    return reverse("coaching_admin_detail", kwargs={"pk": trajectory_pk})


def form_page(
    request: HttpRequest,
    *,
    trajectory: Trajectory,
    title: str,
    form: Any,
    submit: str,
    multipart: bool = False,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    return TemplateResponse(
        request,
        "coaching/phases/admin/form.html",
        {
            "trajectory": trajectory,
            "title": title,
            "form": form,
            "submit": submit,
            "multipart": multipart,
            "back_url": overview_url(trajectory.pk),
            **(extra or {}),
        },
    )
