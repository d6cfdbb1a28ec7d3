"""Workspace views of the phase *conclusies en afspraken*: an agreement's status and the
report of the trajectory (HTML and PDF), under /mijn/coaching/.

Every view asks a selector that returns None when the user may not see the object, and
answers 404: a user of municipality A never learns what B has.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from baz.coaching.forms.agreements import AgreementStatusForm
from baz.coaching.report_pdf import trajectory_report_pdf
from baz.coaching.selectors.agreements import (
    agreement_get,
    trajectory_report,
    workspace_trajectory_url,
)
from baz.coaching.services import agreements as agreement_services
from baz.coaching.views._shared import back_url, trajectory_or_404


@login_required
@require_POST
def agreement_status(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_get(user=request.user, pk=pk)
    if agreement is None:
        raise Http404
    form = AgreementStatusForm(request.POST)
    fallback = workspace_trajectory_url(agreement.trajectory_id)
    if not form.is_valid():
        messages.error(request, _("Kies een geldige status."))
        return redirect(back_url(request, fallback))
    try:
        agreement_services.agreement_status_update(
            user=request.user, agreement=agreement, status=form.cleaned_data["status"]
        )
    except PermissionDenied:
        messages.error(request, _("Deze afspraak kan alleen BurgersAanZet aanpassen."))
        return redirect(back_url(request, fallback))
    messages.success(
        request,
        _("De status van '%(title)s' is nu: %(status)s.")
        % {"title": agreement.title, "status": agreement.get_status_display()},
    )
    return redirect(back_url(request, fallback))


@login_required
@require_GET
def report(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_or_404(request, trajectory_pk)
    return render(
        request,
        "coaching/phases/report.html",
        {"report": trajectory_report(trajectory=trajectory)},
    )


@login_required
@require_GET
def report_pdf(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    trajectory = trajectory_or_404(request, trajectory_pk)
    content = trajectory_report_pdf(trajectory_report(trajectory=trajectory))
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"verslag-coaching-{trajectory.municipality.slug}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
