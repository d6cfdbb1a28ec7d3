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
from django.utils.translation import gettext_lazy
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


#: The sections of a trajectory in the workspace: (slug, URL name, label). The overview
#: (slug "") says where the trajectory stands; each phase has a page of its own.
SECTIONS: tuple[tuple[str, str, Any], ...] = (
    ("", "coaching:mijn_detail", gettext_lazy("Overzicht")),
    ("analyse", "coaching:mijn_analysis", gettext_lazy("Analyse")),
    ("vorming", "coaching:mijn_training", gettext_lazy("Vorming")),
    ("afspraken", "coaching:mijn_agreements", gettext_lazy("Afspraken")),
    ("berichten", "coaching:mijn_messages", gettext_lazy("Berichten")),
)
_SECTION_TEMPLATES = {
    "": "coaching/mijn/detail.html",
    "analyse": "coaching/mijn/section_analysis.html",
    "vorming": "coaching/mijn/section_training.html",
    "afspraken": "coaching/mijn/section_agreements.html",
    "berichten": "coaching/mijn/section_messages.html",
}


def _section_nav(trajectory: Trajectory, current: str) -> list[dict[str, Any]]:
    return [
        {
            "slug": slug,
            "label": str(label),
            "url": reverse(name, kwargs={"pk": trajectory.pk}),
            "current": slug == current,
        }
        for slug, name, label in SECTIONS
    ]


def _section_context(
    request: HttpRequest, trajectory: Trajectory, section: str, form: Any = None
) -> dict[str, Any]:
    """What a section page needs; each section reads only its own parts."""
    context: dict[str, Any] = {
        "trajectory": trajectory,
        "section": section,
        "section_nav": _section_nav(trajectory, section),
        "section_label": next(str(label) for slug, _n, label in SECTIONS if slug == section),
        "steps": selectors.progress_steps(trajectory),
    }
    if section == "":
        context.update(
            standing=selectors.trajectory_standing(trajectory),
            requests=selectors.requests_for_workspace(trajectory),
            events=selectors.trajectory_events(trajectory),
            notes=selectors.notes_for(user=request.user, trajectory=trajectory, phase=""),
            consent_form=(
                WorkspaceMapConsentForm(initial={"map_consent": trajectory.map_consent})
                if permissions.can(request.user, permissions.TRAJECTORY_MAP_CONSENT, trajectory)
                else None
            ),
        )
    elif section == "berichten":
        context.update(
            thread=selectors.messages_for(trajectory), message_form=form or MessageForm()
        )
    else:
        context.update(
            plan=selectors.trajectory_phase_plan(trajectory, section),
            notes=selectors.notes_for(user=request.user, trajectory=trajectory, phase=section),
        )
        if section == "analyse":
            context["reflections"] = selectors.reflection_summary_context(trajectory)
    return context


def _section(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    trajectory = _member_trajectory_or_404(request, pk)
    return render(
        request, _SECTION_TEMPLATES[section], _section_context(request, trajectory, section)
    )


@login_required
def mijn_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The overview of a trajectory: where it stands, who asked, the steps so far."""
    return _section(request, pk, "")


@login_required
def mijn_analysis(request: HttpRequest, pk: int) -> HttpResponse:
    return _section(request, pk, "analyse")


@login_required
def mijn_training(request: HttpRequest, pk: int) -> HttpResponse:
    return _section(request, pk, "vorming")


@login_required
def mijn_agreements(request: HttpRequest, pk: int) -> HttpResponse:
    return _section(request, pk, "afspraken")


@login_required
@require_GET
def mijn_messages(request: HttpRequest, pk: int) -> HttpResponse:
    return _section(request, pk, "berichten")


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
                reverse("coaching:mijn_messages", kwargs={"pk": trajectory.pk}) + "#berichten"
            )
    return render(
        request,
        _SECTION_TEMPLATES["berichten"],
        _section_context(request, trajectory, "berichten", form),
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
