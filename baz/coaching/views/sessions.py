"""Front-end views of the phase *vorming*: the evaluation form and the calendar feed (public,
behind a token), and in /mijn/coaching/ the session files, the feed link and material downloads.

Every view that shows something of a trajectory asks a selector that returns None when the
user may not see it, and answers 404: a user of municipality A never learns what B has.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from baz.coaching import ical
from baz.coaching.forms.sessions import EvaluationForm
from baz.coaching.selectors.agreements import workspace_trajectory_url
from baz.coaching.selectors.sessions import (
    material_get,
    session_get,
    session_list,
    trajectory_by_calendar_token,
)
from baz.coaching.services import sessions as session_services
from baz.coaching.services.sessions import EvaluationTokenError
from baz.coaching.views._shared import back_url, trajectory_or_404
from baz.core.forms import add_service_errors
from baz.core.ratelimit import limit_exceeded

_EVALUATION_THANKS_KEY = "coaching_evaluation_thanks"


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- Public: evaluation form and calendar feed --------------------------------------------------

_TOKEN_MESSAGES = {
    "unknown": gettext_lazy(
        "Deze link werkt niet. Kijk na of je de volledige link uit de e-mail gebruikte."
    ),
    "used": gettext_lazy("Je gaf al een evaluatie voor dit vormingsmoment. Bedankt!"),
    "expired": gettext_lazy(
        "Deze link is verlopen. Je kunt dit vormingsmoment niet meer evalueren."
    ),
}


@never_cache
def evaluation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        participant = session_services.evaluation_participant_get(token=token)
    except EvaluationTokenError as error:
        return render(
            request,
            "coaching/phases/evaluation_unavailable.html",
            {"message": _TOKEN_MESSAGES[error.code]},
            status=410 if error.code in ("used", "expired") else 404,
        )
    form = EvaluationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        # Only answers that passed the form's checks count toward the limit.
        if form.is_valid() and limit_exceeded(
            request,
            action="coaching-evaluation",
            limit=settings.COACHING_EVALUATION_RATE_LIMIT,
            window_seconds=settings.COACHING_EVALUATION_RATE_LIMIT_WINDOW_SECONDS,
        ):
            form.add_error(None, _("Je stuurde veel antwoorden na elkaar. Probeer het later."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                session_services.evaluation_submit(
                    token=token,
                    rating=data["rating"],
                    useful=data["useful"],
                    improve=data["improve"],
                )
            except EvaluationTokenError as error:
                form.add_error(None, _TOKEN_MESSAGES[error.code])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                request.session[_EVALUATION_THANKS_KEY] = participant.session.topic
                return redirect("coaching:evaluation_thanks")
        form.refresh_token()
    return render(
        request,
        "coaching/phases/evaluation_form.html",
        {"form": form, "session": participant.session},
        status=status,
    )


@never_cache
def evaluation_thanks(request: HttpRequest) -> HttpResponse:
    topic = request.session.get(_EVALUATION_THANKS_KEY)
    if not topic:
        raise Http404
    return render(request, "coaching/phases/evaluation_thanks.html", {"topic": topic})


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    trajectory = trajectory_by_calendar_token(token=token)
    if trajectory is None:
        raise Http404
    content = ical.trajectory_feed_ics(
        trajectory=trajectory, sessions=session_list(trajectory=trajectory)
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- Workspace (/mijn/coaching/...) -------------------------------------------------------------


@login_required
@require_GET
def session_ics(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_get(user=request.user, pk=pk)
    if session is None:
        raise Http404
    return _ics_response(ical.session_download_ics(session=session), f"vorming-{session.pk}.ics")


@login_required
@never_cache
def calendar_token(request: HttpRequest, trajectory_pk: int) -> HttpResponse:
    """Show, make, renew or stop the private calendar link of a trajectory."""
    trajectory = trajectory_or_404(request, trajectory_pk)
    feed_url = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            session_services.calendar_token_revoke(user=request.user, trajectory=trajectory)
            messages.success(request, _("De agendalink werkt niet meer."))
            return redirect(back_url(request, workspace_trajectory_url(trajectory.pk)))
        token = session_services.calendar_token_rotate(user=request.user, trajectory=trajectory)
        feed_url = request.build_absolute_uri(
            reverse("coaching:calendar_feed", kwargs={"token": token})
        )
    return render(
        request,
        "coaching/phases/calendar_token.html",
        {
            "trajectory": trajectory,
            "feed_url": feed_url,
            "back_url": back_url(request, workspace_trajectory_url(trajectory.pk)),
        },
    )


@login_required
@require_GET
def material_download(request: HttpRequest, pk: int) -> FileResponse:
    material = material_get(user=request.user, pk=pk)
    if material is None or not material.file:
        raise Http404
    try:
        handle = material.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    filename = material.file.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
