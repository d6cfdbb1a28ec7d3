"""The phase *conclusies en afspraken* in the Wagtail admin: agreements and the report.
Coaches only (TRAJECTORY_MANAGE, checked again in every service).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from baz.coaching.admin_views._shared import form_page, overview_url, trajectory_for_coach
from baz.coaching.forms.agreements import AgreementForm
from baz.coaching.models import Agreement
from baz.coaching.selectors.agreements import trajectory_report
from baz.coaching.services import agreements as agreement_services
from baz.core.forms import add_service_errors

# --- Agreements ---------------------------------------------------------------------------------


def agreements(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    # The agreements are part of the overview; this name is what reminder mails link to.
    return redirect(overview_url(trajectory_for_coach(request, trajectory_pk).pk) + "#afspraken")


def agreement_create(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for_coach(request, trajectory_pk)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            agreement_services.agreement_create(
                user=request.user,
                trajectory=trajectory,
                title=data.pop("title"),
                owner_name=data.pop("owner_name"),
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De afspraak is bewaard."))
            return redirect(overview_url(trajectory.pk) + "#afspraken")
    return form_page(
        request,
        trajectory=trajectory,
        title=_("Nieuwe afspraak"),
        form=form,
        submit=_("Bewaar de afspraak"),
    )


def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.select_related("trajectory"), pk=pk)
    trajectory = trajectory_for_coach(request, agreement.trajectory_id)
    # An unbound copy for the form, so a failed validation does not touch the stored row.
    form = AgreementForm(request.POST or None, instance=Agreement.objects.get(pk=agreement.pk))
    if request.method == "POST" and form.is_valid():
        try:
            agreement_services.agreement_update(
                user=request.user, agreement=agreement, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De afspraak is bijgewerkt."))
            return redirect(overview_url(trajectory.pk) + "#afspraken")
    return form_page(
        request,
        trajectory=trajectory,
        title=_("Afspraak wijzigen"),
        form=form,
        submit=_("Bewaar de afspraak"),
        extra={"delete_url": reverse("coaching_phases_agreement_delete", args=[agreement.pk])},
    )


@require_POST
def agreement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.select_related("trajectory"), pk=pk)
    agreement_services.agreement_delete(user=request.user, agreement=agreement)
    messages.success(request, _("De afspraak is verwijderd."))
    return redirect(overview_url(agreement.trajectory_id) + "#afspraken")


# --- Report -------------------------------------------------------------------------------------


def report(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_for_coach(request, trajectory_pk)
    return TemplateResponse(
        request,
        "coaching/phases/admin/report.html",
        {
            "report": trajectory_report(trajectory=trajectory),
            "back_url": overview_url(trajectory.pk),
        },
    )
