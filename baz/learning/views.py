"""Views of the learning module. Thin: rules live in services, selectors and forms."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from baz.core.ratelimit import client_ip
from baz.learning import forms, selectors, services
from baz.learning.models import Reflection
from baz.learning.pdf import reflection_pdf
from baz.learning.questions import REFLECTION_QUESTIONS
from baz.learning.ranges import ranged_file_response

STEP_COUNT = 4


# --- Screencast media ----------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def screencast_media(request: HttpRequest, page_id: int, kind: str) -> HttpResponse:
    """The video or captions of a published screencast, with HTTP Range support."""
    page = selectors.screencast_get_live(page_id=page_id)
    if page is None:
        raise Http404
    if kind == "video":
        field, content_type = page.video_file, page.video_type
    elif kind == "ondertitels":
        field, content_type = page.captions_file, "text/vtt; charset=utf-8"
    else:
        raise Http404
    if not field or not field.storage.exists(field.name):
        raise Http404
    return ranged_file_response(
        request, storage=field.storage, name=field.name, content_type=content_type
    )


# --- Reflection tool -----------------------------------------------------------------------


def _private(response: HttpResponse) -> HttpResponse:
    """Pages behind a private link: never cached, never indexed, never in another site's Referer.

    Not `no-referrer`: browsers then send `Origin: null` with forms and CSRF checks fail.
    """
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _client_ip(request: HttpRequest) -> str:
    # Behind nginx, the address comes from X-Forwarded-For (TRUSTED_PROXY_COUNT).
    return client_ip(request)


def _link_invalid(request: HttpRequest, state: selectors.LinkState) -> HttpResponse:
    status = 404 if state is selectors.LinkState.UNKNOWN else 410
    response = render(
        request,
        "learning/reflection/link_invalid.html",
        {"state": state.value, "idle_days": settings.REFLECTION_TOKEN_IDLE_DAYS},
        status=status,
    )
    return _private(response)


def with_reflection(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Open the reflection of the link's token, or explain in Dutch why the link fails."""

    @wraps(view)
    def wrapper(request: HttpRequest, token: str, *args, **kwargs) -> HttpResponse:
        state, reflection = selectors.reflection_by_token(token=token)
        if reflection is None:
            return _link_invalid(request, state)
        services.reflection_touch(reflection=reflection)
        return _private(view(request, reflection, token, *args, **kwargs))

    return wrapper


def _links(request: HttpRequest, token: str) -> dict[str, object]:
    return {
        "token": token,
        "idle_days": settings.REFLECTION_TOKEN_IDLE_DAYS,
        "edit_url": request.build_absolute_uri(reverse("learning:reflection_resume", args=[token])),
        "summary_url": reverse("learning:reflection_summary", args=[token]),
        "pdf_url": reverse("learning:reflection_pdf", args=[token]),
        "revoke_url": reverse("learning:reflection_revoke", args=[token]),
        "new_link_url": reverse("learning:reflection_new_link", args=[token]),
    }


@require_http_methods(["GET", "POST"])
def reflection_start(request: HttpRequest) -> HttpResponse:
    """The introduction and the button that starts a new reflection."""
    form = forms.HoneypotForm(request.POST or None)
    if request.method == "POST":
        if form.is_bot():
            # Pretend nothing happened; a bot learns nothing from the answer.
            return redirect("learning:reflection_start")
        if not services.rate_limit_hit(
            key=f"reflection-start:{_client_ip(request)}",
            limit=settings.REFLECTION_START_LIMIT,
            window_seconds=3600,
        ):
            response = render(request, "learning/reflection/too_many.html", status=429)
            response["Retry-After"] = "3600"
            return response
        started = services.reflection_start()
        return redirect("learning:reflection_step", token=started.token, step=1)
    return render(
        request,
        "learning/reflection/start.html",
        {
            "form": form,
            "questions": REFLECTION_QUESTIONS,
            "idle_days": settings.REFLECTION_TOKEN_IDLE_DAYS,
            "breadcrumb": _breadcrumb(_("Reflectie-instrument")),
        },
    )


def _breadcrumb(label: str) -> list[dict[str, str]]:
    items = [{"label": _("Start"), "url": "/"}, {"label": _("Leren"), "url": "/leren/"}]
    if label != _("Reflectie-instrument"):
        items.append(
            {"label": _("Reflectie-instrument"), "url": reverse("learning:reflection_start")}
        )
    return [*items, {"label": label, "url": ""}]


@with_reflection
def reflection_resume(request: HttpRequest, reflection: Reflection, token: str) -> HttpResponse:
    """The shareable link: opens the first step that is not done yet, or the summary."""
    if reflection.steps_done >= STEP_COUNT:
        return redirect("learning:reflection_summary", token=token)
    return redirect("learning:reflection_step", token=token, step=reflection.steps_done + 1)


def _step_form(request: HttpRequest, reflection: Reflection, step: int):
    data = request.POST if request.method == "POST" else None
    initial = forms.initial_for_step(reflection, step)
    if step == 1:
        municipality = reflection.municipality
        entries = selectors.atlas_entries_for_municipality(municipality)
        return forms.InitiativesForm(data, initial=initial, atlas_entries=entries)
    if step == 2:
        names = selectors.reflection_initiative_names(reflection)
        return forms.SupportChoicesForm(data, initial=initial, initiative_names=names)
    if step == 3:
        return forms.SupportFormsForm(data, initial=initial)
    return forms.NeedsForm(data, initial=initial)


def _save_step(reflection: Reflection, step: int, form) -> None:
    cleaned = form.cleaned_data
    if step == 1:
        services.reflection_save_initiatives(
            reflection=reflection,
            municipality=cleaned["municipality"],
            atlas_entries=form.chosen_atlas_entries(),
            own=cleaned["own"],
            comment=cleaned["comment"],
        )
    elif step == 2:
        services.reflection_save_support_choices(
            reflection=reflection, chosen=cleaned["chosen"], themes=cleaned["themes"]
        )
    elif step == 3:
        services.reflection_save_support_forms(
            reflection=reflection,
            now=cleaned["now"],
            wanted=cleaned["wanted"],
            note=cleaned["note"],
        )
    else:
        services.reflection_save_needs(reflection=reflection, needs=cleaned["needs"])


@require_http_methods(["GET", "POST"])
@with_reflection
def reflection_step(
    request: HttpRequest, reflection: Reflection, token: str, step: int
) -> HttpResponse:
    if not 1 <= step <= STEP_COUNT:
        raise Http404
    if step > reflection.steps_done + 1:
        # Steps build on each other: go to the first one that is not done yet.
        return redirect("learning:reflection_step", token=token, step=reflection.steps_done + 1)
    form = _step_form(request, reflection, step)
    if request.method == "POST" and form.is_valid():
        _save_step(reflection, step, form)
        if step == STEP_COUNT:
            return redirect("learning:reflection_summary", token=token)
        return redirect("learning:reflection_step", token=token, step=step + 1)
    steps = [
        {
            "number": number,
            "question": question,
            "url": reverse("learning:reflection_step", args=[token, number]),
            "reachable": number <= reflection.steps_done + 1,
            "current": number == step,
        }
        for number, question in enumerate(REFLECTION_QUESTIONS, start=1)
    ]
    title = _("Stap %(step)s van %(total)s") % {"step": step, "total": STEP_COUNT}
    return render(
        request,
        f"learning/reflection/step_{step}.html",
        {
            "form": form,
            "reflection": reflection,
            "step": step,
            "steps": steps,
            "question": REFLECTION_QUESTIONS[step - 1],
            "title": title,
            "previous_url": (
                reverse("learning:reflection_step", args=[token, step - 1]) if step > 1 else ""
            ),
            "breadcrumb": _breadcrumb(title),
            **_links(request, token),
        },
    )


@require_http_methods(["GET"])
@with_reflection
def reflection_summary(request: HttpRequest, reflection: Reflection, token: str) -> HttpResponse:
    links = _links(request, token)
    return render(
        request,
        "learning/reflection/summary.html",
        {
            **selectors.reflection_summary(reflection),
            **links,
            "coaching_url": selectors.coaching_request_url(
                reflection=reflection,
                summary_url=request.build_absolute_uri(str(links["summary_url"])),
            ),
            "breadcrumb": _breadcrumb(_("Overzicht")),
        },
    )


@require_http_methods(["GET"])
@with_reflection
def reflection_pdf_download(
    request: HttpRequest, reflection: Reflection, token: str
) -> HttpResponse:
    content = reflection_pdf(selectors.reflection_summary(reflection))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="reflectie-burgerinitiatieven.pdf"'
    return response


@require_http_methods(["GET", "POST"])
@with_reflection
def reflection_revoke(request: HttpRequest, reflection: Reflection, token: str) -> HttpResponse:
    """Ask for confirmation, then make the link stop working for everyone."""
    if request.method == "POST":
        services.reflection_revoke(reflection=reflection)
        return render(request, "learning/reflection/revoked.html")
    return render(
        request,
        "learning/reflection/revoke.html",
        {**_links(request, token), "breadcrumb": _breadcrumb(_("Link intrekken"))},
    )


@require_http_methods(["POST"])
@with_reflection
def reflection_new_link(request: HttpRequest, reflection: Reflection, token: str) -> HttpResponse:
    """Replace the link: for a link that reached the wrong people, without losing the answers."""
    new_token = services.reflection_new_link(reflection=reflection)
    messages.success(
        request,
        _("Jullie reflectie heeft een nieuwe link. De oude link werkt niet meer."),
    )
    return redirect("learning:reflection_resume", token=new_token)
