"""Coaching in the Wagtail admin: the dashboard, the trajectory list, the detail page with its
forms (transitions, coaches, phases, notes, analysis, messages, requesters), the CSV export
and the page with only the phase parts of a trajectory (sessions, materials, agreements).

Every POST goes to one service; the services check the permissions. GET pages check
`COACHING_DASHBOARD` / `TRAJECTORY_MANAGE` here.
"""

from __future__ import annotations

import csv
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from baz.accounts import permissions
from baz.accounts.models import Role
from baz.coaching.admin_views._shared import trajectory_for_coach
from baz.coaching.forms.trajectories import (
    AnalysisForm,
    CoachesForm,
    MapConsentForm,
    MessageForm,
    NoteForm,
    PhasePlanForm,
    TransitionForm,
)
from baz.coaching.models import CoachingRequest, State, Trajectory
from baz.coaching.selectors import trajectories as selectors
from baz.coaching.services import trajectories as services
from baz.core.forms import add_service_errors, service_error_text
from baz.core.spreadsheet import csv_row


def dashboard(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, permissions.COACHING_DASHBOARD)
    return TemplateResponse(
        request, "coaching/admin/dashboard.html", {"dashboard": selectors.coach_dashboard()}
    )


def trajectory_index(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, permissions.COACHING_DASHBOARD)
    state = request.GET.get("state", "")
    if state not in State.values:
        state = ""
    page = Paginator(selectors.trajectory_list(state=state), 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "coaching/admin/trajectory_index.html",
        {"page": page, "state": state, "states": State.choices},
    )


def trajectory_export(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, permissions.COACHING_DASHBOARD)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"coachingtrajecten-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(selectors.EXPORT_HEADER)
    # Coaches choose their own names: defuse anything a spreadsheet would run as a formula.
    writer.writerows(csv_row(row) for row in selectors.trajectory_export_rows())
    return response


def _trajectory_or_404(request: HttpRequest, pk: int) -> Trajectory:
    permissions.require(request.user, permissions.COACHING_DASHBOARD)
    trajectory = selectors.trajectory_get(pk=pk)
    if trajectory is None:
        raise Http404
    return trajectory


def _back(trajectory: Trajectory, anchor: str = "") -> HttpResponse:
    url = reverse("coaching_admin_detail", kwargs={"pk": trajectory.pk})
    return redirect(url + (f"#{anchor}" if anchor else ""))


def trajectory_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory_or_404(request, pk)
    return _detail(request, trajectory)


def _detail(request: HttpRequest, trajectory: Trajectory, **forms: Any) -> HttpResponse:
    phase_forms = [
        {
            "row": row,
            "form": PhasePlanForm(
                prefix=f"fase-{row['phase']}",
                initial={
                    "phase": row["phase"],
                    "plan": row["plan"].plan if row["plan"] else "",
                    "starts_on": row["plan"].starts_on if row["plan"] else None,
                    "ends_on": row["plan"].ends_on if row["plan"] else None,
                    "notes": row["plan"].notes if row["plan"] else "",
                },
            ),
        }
        for row in selectors.trajectory_phases(trajectory)
    ]
    transitions = [
        {"value": value, "label": State(value).label, "stop": value == State.STOPPED}
        for value in services.next_states(trajectory.state)
    ]
    context = {
        "trajectory": trajectory,
        "steps": selectors.progress_steps(trajectory),
        "transitions": transitions,
        "events": selectors.trajectory_events(trajectory),
        "requests": list(
            trajectory.requests.select_related(
                "reflection", "invited_user", "decided_by", "invitation"
            )
        ),
        "roles": Role.choices,
        "notes": selectors.notes_for(user=request.user, trajectory=trajectory),
        "thread": selectors.messages_for(trajectory),
        "reflections": selectors.reflection_summary_context(trajectory),
        "phase_forms": phase_forms,
        "coaches_form": forms.get("coaches_form")
        or CoachesForm(initial={"coaches": list(trajectory.coaches.all())}),
        "note_form": forms.get("note_form") or NoteForm(),
        "analysis_form": forms.get("analysis_form")
        or AnalysisForm(initial={"analysis_summary": trajectory.analysis_summary}),
        "consent_form": forms.get("consent_form")
        or MapConsentForm(
            initial={"map_consent": trajectory.map_consent, "how": trajectory.map_consent_note}
        ),
        "message_form": forms.get("message_form") or MessageForm(),
        "transition_form": TransitionForm(),
    }
    return TemplateResponse(request, "coaching/admin/trajectory_detail.html", context)


@require_POST
def trajectory_transition(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory_or_404(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een stap."))
        return _back(trajectory)
    to_state = form.cleaned_data["to_state"]
    try:
        services.trajectory_transition(
            trajectory,
            to_state,
            request.user,
            form.cleaned_data["note"],
            confirm_open=form.cleaned_data["confirm_open"],
        )
    except services.ClosingNeedsConfirmation as error:
        return _transition_confirm(request, trajectory, to_state, form, error.open_items)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(
            request,
            _("Het traject staat nu in de fase '%(state)s'.")
            % {"state": trajectory.get_state_display()},
        )
    return _back(trajectory)


def _transition_confirm(
    request: HttpRequest,
    trajectory: Trajectory,
    to_state: str,
    form: TransitionForm,
    open_items: list[dict[str, Any]],
) -> HttpResponse:
    """Closing with open agreements or sessions to come: ask the coach to confirm (a page of
    its own, so it works without JavaScript)."""
    items = [
        {**item, "date_value": date.fromisoformat(item["date"]) if item["date"] else None}
        for item in open_items
    ]
    return TemplateResponse(
        request,
        "coaching/admin/transition_confirm.html",
        {
            "trajectory": trajectory,
            "to_state": to_state,
            "to_label": State(to_state).label,
            "note": form.cleaned_data["note"],
            "open_items": items,
            "back_url": reverse("coaching_admin_detail", kwargs={"pk": trajectory.pk}),
        },
    )


@require_POST
def trajectory_coaches(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory_or_404(request, pk)
    form = CoachesForm(request.POST)
    if form.is_valid():
        try:
            services.trajectory_coaches_set(
                trajectory=trajectory, coaches=form.cleaned_data["coaches"], actor=request.user
            )
        except ValidationError as error:
            messages.error(request, service_error_text(error))
        else:
            messages.success(request, _("De coaches zijn bewaard."))
            return _back(trajectory, "coaches")
    return _detail(request, trajectory, coaches_form=form)


@require_POST
def trajectory_phase(request: HttpRequest, pk: int, phase: str) -> HttpResponse:
    trajectory = _trajectory_or_404(request, pk)
    form = PhasePlanForm(request.POST, prefix=f"fase-{phase}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.phase_plan_save(
                trajectory=trajectory,
                phase=phase,
                actor=request.user,
                plan=data["plan"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                notes=data["notes"],
            )
        except ValidationError as error:
            messages.error(request, service_error_text(error))
        else:
            messages.success(request, _("Het plan van de fase is bewaard."))
    else:
        messages.error(request, _("Kijk de datums na."))
    return _back(trajectory, "fasen")


@require_POST
def trajectory_note(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory_or_404(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.trajectory_note_add(
            trajectory=trajectory,
            author=request.user,
            body=data["body"],
            visibility=data["visibility"],
            kind=data["kind"],
            phase=data["phase"],
        )
        messages.success(request, _("De notitie is bewaard."))
        return _back(trajectory, "notities")
    return _detail(request, trajectory, note_form=form)


@require_POST
def trajectory_analysis(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory_or_404(request, pk)
    form = AnalysisForm(request.POST)
    if form.is_valid():
        services.trajectory_analysis_update(
            trajectory=trajectory,
            analysis_summary=form.cleaned_data["analysis_summary"],
            actor=request.user,
        )
        messages.success(request, _("De analyse is bewaard."))
        return _back(trajectory, "analyse")
    return _detail(request, trajectory, analysis_form=form)


@require_POST
def trajectory_inventory(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory_or_404(request, pk)
    services.trajectory_inventory_refresh(trajectory=trajectory, actor=request.user)
    messages.success(request, _("De inventaris is opnieuw gemaakt."))
    return _back(trajectory, "analyse")


@require_POST
def trajectory_consent(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory_or_404(request, pk)
    form = MapConsentForm(request.POST)
    if form.is_valid():
        try:
            services.trajectory_map_consent_set(
                trajectory=trajectory,
                consent=form.cleaned_data["map_consent"],
                how=form.cleaned_data["how"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De toestemming voor de kaart is bewaard."))
            return _back(trajectory, "aanvragen")
    response = _detail(request, trajectory, consent_form=form)
    response.status_code = 400
    return response


@require_POST
def trajectory_message(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory_or_404(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_post(trajectory, request.user, form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Je bericht is verstuurd."))
            return _back(trajectory, "berichten")
    return _detail(request, trajectory, message_form=form)


def _request_or_404(trajectory: Trajectory, request_pk: int) -> CoachingRequest:
    coaching_request = CoachingRequest.objects.filter(trajectory=trajectory, pk=request_pk).first()
    if coaching_request is None:
        raise Http404
    return coaching_request


@require_POST
def request_invite(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    trajectory = _trajectory_or_404(request, pk)
    coaching_request = _request_or_404(trajectory, request_pk)
    # Medewerker unless the coach chose otherwise; the service refuses an unknown role.
    role = request.POST.get("role") or Role.MEDEWERKER
    try:
        done = services.coaching_request_invite(
            coaching_request=coaching_request, actor=request.user, role=role
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        if done:
            messages.success(
                request,
                _(
                    "%(name)s krijgt een uitnodiging voor de werkplek van %(municipality)s. "
                    "Na het aanvaarden kan die persoon erin."
                )
                % {"name": coaching_request.name, "municipality": trajectory.municipality.name_nl},
            )
    return _back(trajectory, "aanvragen")


@require_POST
def request_decline(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    trajectory = _trajectory_or_404(request, pk)
    coaching_request = _request_or_404(trajectory, request_pk)
    if services.coaching_request_decline(coaching_request=coaching_request, actor=request.user):
        messages.success(
            request,
            _("%(name)s krijgt geen toegang tot de werkplek.") % {"name": coaching_request.name},
        )
    return _back(trajectory, "aanvragen")


# --- The phase parts of a trajectory on their own page ------------------------------------------


def overview(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for_coach(request, trajectory_pk)
    return TemplateResponse(
        request, "coaching/phases/admin/overview.html", {"trajectory": trajectory}
    )
