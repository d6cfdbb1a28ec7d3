"""The phase *vorming* in the Wagtail admin: sessions, attendance, evaluations and materials.
Coaches only (TRAJECTORY_MANAGE, checked again in every service).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from baz.accounts import permissions
from baz.coaching.admin_views._shared import form_page, overview_url, trajectory_for_coach
from baz.coaching.forms.sessions import AttendanceForm, MaterialForm, SessionForm
from baz.coaching.models import Material, TrainingSession
from baz.coaching.selectors.sessions import evaluation_summary
from baz.coaching.services import sessions as session_services
from baz.core.forms import add_service_errors, service_error_text


def _session(request: HttpRequest, pk: int) -> TrainingSession:
    session = get_object_or_404(
        TrainingSession.objects.select_related("trajectory__municipality"), pk=pk
    )
    permissions.require(request.user, permissions.TRAJECTORY_MANAGE, session.trajectory)
    return session


# --- Sessions -----------------------------------------------------------------------------------


def session_create(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for_coach(request, trajectory_pk)
    form = SessionForm(request.POST or None, trajectory=trajectory)
    if request.method == "POST" and form.is_valid():
        try:
            session = session_services.session_create(
                user=request.user,
                trajectory=trajectory,
                participants=form.participants(),
                **form.session_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Vormingsmoment '%(topic)s' gepland; %(n)s uitnodigingen staan klaar.")
                % {"topic": session.topic, "n": session.participants.count()},
            )
            return redirect(overview_url(trajectory.pk))
    return form_page(
        request,
        trajectory=trajectory,
        title=_("Nieuw vormingsmoment"),
        form=form,
        submit=_("Plan en nodig uit"),
    )


def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    trajectory = session.trajectory
    if session.cancelled_at is not None:
        messages.error(request, _("Dit vormingsmoment is geannuleerd en kan niet meer wijzigen."))
        return redirect(overview_url(trajectory.pk))
    form = SessionForm(request.POST or None, trajectory=trajectory)
    if request.method != "POST":
        form = SessionForm(
            initial=SessionForm.initial_for(session, form.users), trajectory=trajectory
        )
    elif form.is_valid():
        try:
            session_services.session_update(
                user=request.user,
                session=session,
                participants=form.participants(),
                **form.session_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het vormingsmoment is bijgewerkt."))
            return redirect(overview_url(trajectory.pk))
    return form_page(
        request,
        trajectory=trajectory,
        title=_("Vormingsmoment wijzigen"),
        form=form,
        submit=_("Bewaar en verwittig de deelnemers"),
    )


def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if request.method == "POST":
        session_services.session_cancel(user=request.user, session=session)
        messages.success(
            request, _("Het vormingsmoment is geannuleerd; de deelnemers krijgen een e-mail.")
        )
        return redirect(overview_url(session.trajectory_id))
    return TemplateResponse(
        request,
        "coaching/phases/admin/session_cancel.html",
        {"session": session, "back_url": overview_url(session.trajectory_id)},
    )


def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    initial = {"present": [str(p.pk) for p in session.participants.all() if p.attended]}
    form = AttendanceForm(request.POST or None, session=session, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            count = session_services.session_attendance_set(
                user=request.user,
                session=session,
                present_ids={int(pk) for pk in form.cleaned_data["present"]},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Aanwezigheid bewaard: %(n)s aanwezig.") % {"n": count})
            return redirect(overview_url(session.trajectory_id))
    return form_page(
        request,
        trajectory=session.trajectory,
        title=_("Aanwezigheid: %(topic)s") % {"topic": session.topic},
        form=form,
        submit=_("Bewaar de aanwezigheid"),
    )


@require_POST
def session_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    try:
        sent = session_services.session_follow_up_send(user=request.user, session=session)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        if sent:
            messages.success(
                request, _("%(n)s deelnemers krijgen een vraag om te evalueren.") % {"n": sent}
            )
        else:
            messages.info(
                request,
                _(
                    "Niemand nieuw om te mailen: duid eerst aan wie er was, "
                    "of iedereen kreeg al een mail."
                ),
            )
    return redirect(overview_url(session.trajectory_id))


def session_evaluations(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    return TemplateResponse(
        request,
        "coaching/phases/admin/session_evaluations.html",
        {
            "session": session,
            "summary": evaluation_summary(session=session),
            "back_url": overview_url(session.trajectory_id),
        },
    )


# --- Materials ----------------------------------------------------------------------------------


def material_create(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for_coach(request, trajectory_pk)
    form = MaterialForm(request.POST or None, request.FILES or None, trajectory=trajectory)
    if request.method == "POST" and form.is_valid():
        try:
            session_services.material_upload(
                user=request.user,
                trajectory=trajectory,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                session=form.cleaned_data["session"],
            )
        except ValidationError as error:
            add_service_errors(form, error, field="file")
        else:
            messages.success(request, _("Het materiaal staat klaar voor de gemeente."))
            return redirect(overview_url(trajectory.pk))
    return form_page(
        request,
        trajectory=trajectory,
        title=_("Materiaal toevoegen"),
        form=form,
        submit=_("Voeg toe"),
        multipart=True,
    )


@require_POST
def material_delete(request: HttpRequest, pk: int) -> HttpResponse:
    material = get_object_or_404(Material.objects.select_related("trajectory"), pk=pk)
    session_services.material_delete(user=request.user, material=material)
    messages.success(request, _("Het materiaal is verwijderd."))
    return redirect(overview_url(material.trajectory_id))
