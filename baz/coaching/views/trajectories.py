"""Public coaching pages (the explanation, the request form, the map "Waar is BAZ actief") and
the municipality's workspace pages of a trajectory. Views stay thin.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from baz.accounts import permissions
from baz.coaching.forms.trajectories import (
    CoachingRequestForm,
    MessageForm,
    WorkspaceMapConsentForm,
)
from baz.coaching.models import Trajectory
from baz.coaching.selectors import trajectories as selectors
from baz.coaching.services import trajectories as services
from baz.core.forms import add_service_errors, service_error_text
from baz.core.ratelimit import limit_exceeded

_THANKS_SESSION_KEY = "coaching_request_thanks"


def _crumbs(*items: tuple[str, str]) -> list[dict[str, str]]:
    return [{"label": _("Start"), "url": "/"}] + [{"label": lbl, "url": url} for lbl, url in items]


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "coaching/index.html", {"breadcrumb": _crumbs((_("Coaching"), ""))})


@never_cache
def request_form(request: HttpRequest) -> HttpResponse:
    initial = {}
    reflection_param = request.GET.get("reflectie", "")
    if reflection_param:
        initial["reflection_token"] = reflection_param[:500]
    form = CoachingRequestForm(request.POST if request.method == "POST" else None, initial=initial)
    reflection_value = (
        request.POST.get("reflection_token", "") if request.method == "POST" else reflection_param
    )
    reflection = selectors.reflection_for_request(reflection_value) if reflection_value else None
    if reflection is not None and reflection.municipality and request.method != "POST":
        form.initial["municipality"] = reflection.municipality.name_nl
    status = 200
    if request.method == "POST":
        # Only a request that passed the form's checks counts toward the limit: a form sent
        # back for a typo is no new attempt (see docs/decisions.md).
        if form.is_valid() and limit_exceeded(
            request,
            action="coaching-request",
            limit=services.REQUEST_RATE_LIMIT,
            window_seconds=services.REQUEST_RATE_LIMIT_WINDOW_SECONDS,
        ):
            form.add_error(
                None,
                _("Je stuurde veel aanvragen na elkaar. Probeer het over een uur opnieuw."),
            )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                coaching_request = services.coaching_request_submit(
                    municipality=data["municipality"],
                    name=data["name"],
                    role=data["role"],
                    email=data["email"],
                    phone=data["phone"],
                    motivation=data["motivation"],
                    reflection=reflection,
                    map_consent=data["map_consent"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                request.session[_THANKS_SESSION_KEY] = {
                    "municipality": coaching_request.municipality.name_nl,
                    "email": coaching_request.email,
                }
                return redirect("coaching:request_thanks")
        form.refresh_token()
    return render(
        request,
        "coaching/request_form.html",
        {
            "form": form,
            "reflection": reflection,
            "breadcrumb": _crumbs((_("Coaching"), "/coaching/"), (_("Coaching aanvragen"), "")),
        },
        status=status,
    )


@never_cache
def request_thanks(request: HttpRequest) -> HttpResponse:
    thanks = request.session.get(_THANKS_SESSION_KEY)
    if not thanks:
        return redirect("coaching:request")
    return render(request, "coaching/request_thanks.html", {"thanks": thanks})


@require_GET
def waar_actief(request: HttpRequest) -> HttpResponse:
    places = selectors.baz_active_places()
    points = [
        {
            "name": p["name"],
            "status": p["status"],
            "lat": p["latitude"],
            "lon": p["longitude"],
            "url": p["atlas_url"],
        }
        for p in places
        if p["latitude"] is not None and p["longitude"] is not None
    ]
    return render(
        request,
        "coaching/waar_actief.html",
        {
            "places": places,
            "in_progress": [p for p in places if p["status"] == selectors.STATUS_IN_PROGRESS],
            "completed": [p for p in places if p["status"] == selectors.STATUS_COMPLETED],
            "points_json": json.dumps(points),
            # On a phone the page shows the list or (?weergave=kaart) the map, as the atlas.
            "view": "kaart" if request.GET.get("weergave") == "kaart" else "lijst",
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "breadcrumb": _crumbs((_("Coaching"), "/coaching/"), (_("Waar is BAZ actief"), "")),
        },
    )


# --- Workspace --------------------------------------------------------------------------------


@login_required
def mijn_list(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, permissions.WORKSPACE_VIEW)
    trajectories = selectors.trajectories_for_user(request.user)
    if len(trajectories) == 1:
        return redirect("coaching:mijn_detail", pk=trajectories[0].pk)
    return render(request, "coaching/mijn/list.html", {"trajectories": trajectories})


def _member_trajectory_or_404(request: HttpRequest, pk: int) -> Trajectory:
    trajectory = selectors.trajectory_for_member(user=request.user, pk=pk)
    if trajectory is None:
        raise Http404
    return trajectory


def _detail_context(request: HttpRequest, trajectory: Trajectory, form: Any) -> dict[str, Any]:
    return {
        "trajectory": trajectory,
        "steps": selectors.progress_steps(trajectory),
        "events": selectors.trajectory_events(trajectory),
        "phases": selectors.trajectory_phases(trajectory),
        "notes": selectors.notes_for(user=request.user, trajectory=trajectory),
        "thread": selectors.messages_for(trajectory),
        "reflections": selectors.reflection_summary_context(trajectory),
        "message_form": form,
        "consent_form": (
            WorkspaceMapConsentForm(initial={"map_consent": trajectory.map_consent})
            if permissions.can(request.user, permissions.TRAJECTORY_MAP_CONSENT, trajectory)
            else None
        ),
    }


@login_required
def mijn_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _member_trajectory_or_404(request, pk)
    return render(
        request, "coaching/mijn/detail.html", _detail_context(request, trajectory, MessageForm())
    )


@login_required
@require_POST
def mijn_message(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _member_trajectory_or_404(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_post(trajectory, request.user, form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Je bericht is verstuurd."))
            return redirect(
                reverse("coaching:mijn_detail", kwargs={"pk": trajectory.pk}) + "#berichten"
            )
    return render(
        request,
        "coaching/mijn/detail.html",
        _detail_context(request, trajectory, form),
        status=400,
    )


@login_required
@require_POST
def mijn_map_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """A beheerder of the municipality gives or withdraws its consent for the public map."""
    trajectory = _member_trajectory_or_404(request, pk)
    permissions.require(request.user, permissions.TRAJECTORY_MAP_CONSENT, trajectory)
    form = WorkspaceMapConsentForm(request.POST)
    form.is_valid()
    consent = bool(form.cleaned_data.get("map_consent"))
    try:
        services.trajectory_map_consent_set(
            trajectory=trajectory, consent=consent, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(
            request,
            _("Je gemeente staat op de kaart zodra het traject loopt.")
            if consent
            else _("Je gemeente staat niet meer op de kaart."),
        )
    return redirect(reverse("coaching:mijn_detail", kwargs={"pk": trajectory.pk}) + "#kaart")
