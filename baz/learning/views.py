"""Views of the learning module. Thin: rules live in services, selectors and forms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from baz.accounts import permissions
from baz.core.media import protected_file_response
from baz.core.ratelimit import limit_exceeded
from baz.learning import forms, selectors, services
from baz.learning.models import Reflection
from baz.learning.pdf import reflection_pdf
from baz.learning.questions import REFLECTION_QUESTIONS

STEP_COUNT = 4


# --- Screencast media ----------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def screencast_media(request: HttpRequest, page_id: int, kind: str) -> HttpResponseBase:
    """The video or captions of a published screencast, with HTTP Range support."""
    page = selectors.screencast_get_live(page_id=page_id)
    if page is None:
        raise Http404
    if kind == "video":
        field, content_type = page.video_file, page.video_type
    elif kind == "video-mp4":
        field, content_type = page.video_file_mp4, "video/mp4"
    elif kind == "ondertitels":
        field, content_type = page.captions_file, "text/vtt; charset=utf-8"
    else:
        raise Http404
    if not field or not field.storage.exists(field.name):
        raise Http404
    # nginx sends the bytes when it is in front (production), this process otherwise.
    return protected_file_response(
        request,
        storage=field.storage,
        name=field.name,
        content_type=content_type,
        cache_control="public, max-age=3600",
    )


# --- Reflection tool -----------------------------------------------------------------------
#
# Every reflection page exists twice: behind the private link (`/leren/reflectie/<token>/…`,
# anyone with the link) and in the workspace (`/mijn/reflecties/<pk>/…`, members of the
# reflection's municipality). Both open a `ReflectionAccess`, and one implementation serves both.


@dataclass(frozen=True)
class ReflectionAccess:
    reflection: Reflection
    token: str = ""  # set when opened through the private link
    user: Any = None  # set when opened in the workspace (then permissions apply)

    @property
    def by_link(self) -> bool:
        return bool(self.token)

    def url(self, name: str, *args: object) -> str:
        if self.token:
            return reverse(f"learning:reflection_{name}", args=[self.token, *args])
        return reverse(f"learning:mijn_reflection_{name}", args=[self.reflection.pk, *args])


def _private(response: HttpResponse) -> HttpResponse:
    """Pages behind a private link: never cached, never indexed, never in another site's Referer.

    Not `no-referrer`: browsers then send `Origin: null` with forms and CSRF checks fail.
    """
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


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
        access = ReflectionAccess(reflection=reflection, token=token)
        return _private(view(request, access, *args, **kwargs))

    return wrapper


def with_workspace_reflection(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Open a reflection in the workspace: only for members of its municipality (else 403)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
        try:
            reflection = selectors.reflection_get_for_user(user=request.user, pk=pk)
        except Reflection.DoesNotExist:
            raise Http404 from None
        services.reflection_touch(reflection=reflection)
        access = ReflectionAccess(reflection=reflection, user=request.user)
        return _private(view(request, access, *args, **kwargs))

    return wrapper


def both(view: Callable[..., HttpResponse]) -> tuple[Callable[..., HttpResponse], ...]:
    """The view behind the private link, and the same view in the workspace."""
    return with_reflection(view), with_workspace_reflection(view)


def _links(request: HttpRequest, access: ReflectionAccess) -> dict[str, object]:
    reflection = access.reflection
    links: dict[str, object] = {
        "access": access,
        "reflection": reflection,
        "token": access.token,
        "by_link": access.by_link,
        "idle_days": settings.REFLECTION_TOKEN_IDLE_DAYS,
        "summary_url": access.url("summary"),
        "step1_url": access.url("step", 1),
        "pdf_url": access.url("pdf"),
        "revoke_url": access.url("revoke"),
        "new_link_url": access.url("new_link"),
        "has_active_link": reflection.has_active_link,
    }
    if access.by_link:
        links["edit_url"] = request.build_absolute_uri(access.url("resume"))
    return links


def _start_municipalities(request: HttpRequest) -> list[Any]:
    """The municipalities a logged-in user may start a workspace reflection for."""
    if not request.user.is_authenticated:
        return []
    from baz.accounts.selectors import membership_list

    return [m.municipality for m in membership_list(user=request.user)]


@require_http_methods(["GET", "POST"])
def reflection_start(request: HttpRequest) -> HttpResponse:
    """The introduction and the button that starts a new reflection.

    A logged-in member of a municipality starts it in that municipality's workspace.
    """
    municipalities = _start_municipalities(request)
    form = forms.HoneypotForm(request.POST or None)
    if request.method == "POST":
        if form.is_bot():
            # Pretend nothing happened; a bot learns nothing from the answer.
            return redirect("learning:reflection_start")
        if limit_exceeded(
            request,
            action="reflection-start",
            limit=settings.REFLECTION_START_LIMIT,
            window_seconds=3600,
        ):
            response = render(request, "learning/reflection/too_many.html", status=429)
            response["Retry-After"] = "3600"
            return response
        if municipalities:
            chosen = request.POST.get("gemeente", "")
            if chosen:
                municipality = next((m for m in municipalities if m.refnis == chosen), None)
            else:
                municipality = municipalities[0] if len(municipalities) == 1 else None
            if municipality is not None:
                started = services.reflection_start(user=request.user, municipality=municipality)
                return redirect("learning:mijn_reflection_step", pk=started.reflection.pk, step=1)
            messages.error(request, _("Kies voor welke gemeente deze reflectie is."))
        else:
            started = services.reflection_start()
            return redirect("learning:reflection_step", token=started.token, step=1)
    return render(
        request,
        "learning/reflection/start.html",
        {
            "form": form,
            "municipalities": municipalities,
            "questions": REFLECTION_QUESTIONS,
            "idle_days": settings.REFLECTION_TOKEN_IDLE_DAYS,
            "breadcrumb": _breadcrumb(_("Reflectie-instrument")),
        },
    )


def _breadcrumb(label: str, access: ReflectionAccess | None = None) -> list[dict[str, str]]:
    if access is not None and not access.by_link:
        return [
            {"label": _("Start"), "url": "/"},
            {"label": _("Mijn werkplek"), "url": reverse("accounts:workspace")},
            {"label": _("Reflecties"), "url": reverse("learning:mijn_reflections")},
            {"label": label, "url": ""},
        ]
    items = [{"label": _("Start"), "url": "/"}, {"label": _("Leren"), "url": "/leren/"}]
    if label != _("Reflectie-instrument"):
        items.append(
            {"label": _("Reflectie-instrument"), "url": reverse("learning:reflection_start")}
        )
    return [*items, {"label": label, "url": ""}]


def _resume(request: HttpRequest, access: ReflectionAccess) -> HttpResponse:
    """The shareable link: opens the first step that is not done yet, or the summary."""
    if access.reflection.steps_done >= STEP_COUNT:
        return redirect(access.url("summary"))
    return redirect(access.url("step", access.reflection.steps_done + 1))


reflection_resume, mijn_reflection_resume = both(_resume)


def _step_form(request: HttpRequest, reflection: Reflection, step: int):
    data = request.POST if request.method == "POST" else None
    initial = forms.initial_for_step(reflection, step)
    if step == 1:
        municipality = reflection.municipality
        entries = selectors.atlas_entries_for_municipality(municipality)
        return forms.InitiativesForm(
            data,
            initial=initial,
            atlas_entries=entries,
            fixed_municipality=municipality if reflection.in_workspace else None,
        )
    if step == 2:
        names = selectors.reflection_initiative_names(reflection)
        return forms.SupportChoicesForm(data, initial=initial, initiative_names=names)
    if step == 3:
        return forms.SupportFormsForm(data, initial=initial)
    return forms.NeedsForm(data, initial=initial)


def _save_step(access: ReflectionAccess, step: int, form) -> None:
    reflection, user = access.reflection, access.user
    cleaned = form.cleaned_data
    if step == 1:
        services.reflection_save_initiatives(
            reflection=reflection,
            municipality=cleaned["municipality"],
            atlas_entries=form.chosen_atlas_entries(),
            own=cleaned["own"],
            comment=cleaned["comment"],
            user=user,
        )
    elif step == 2:
        services.reflection_save_support_choices(
            reflection=reflection, chosen=cleaned["chosen"], themes=cleaned["themes"], user=user
        )
    elif step == 3:
        services.reflection_save_support_forms(
            reflection=reflection,
            now=cleaned["now"],
            wanted=cleaned["wanted"],
            note=cleaned["note"],
            user=user,
        )
    else:
        services.reflection_save_needs(reflection=reflection, needs=cleaned["needs"], user=user)


@require_http_methods(["GET", "POST"])
def _step(request: HttpRequest, access: ReflectionAccess, step: int) -> HttpResponse:
    reflection = access.reflection
    if not 1 <= step <= STEP_COUNT:
        raise Http404
    if step > reflection.steps_done + 1:
        # Steps build on each other: go to the first one that is not done yet.
        return redirect(access.url("step", reflection.steps_done + 1))
    form = _step_form(request, reflection, step)
    if request.method == "POST" and form.is_valid():
        _save_step(access, step, form)
        if step == STEP_COUNT:
            return redirect(access.url("summary"))
        return redirect(access.url("step", step + 1))
    steps = [
        {
            "number": number,
            "question": question,
            "url": access.url("step", number),
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
            "step": step,
            "steps": steps,
            "question": REFLECTION_QUESTIONS[step - 1],
            "title": title,
            "previous_url": access.url("step", step - 1) if step > 1 else "",
            "breadcrumb": _breadcrumb(title, access),
            **_links(request, access),
        },
    )


reflection_step, mijn_reflection_step = both(_step)


def _claim_context(request: HttpRequest, access: ReflectionAccess) -> dict[str, object]:
    """What the summary offers about the workspace: open it there, or move it there."""
    reflection = access.reflection
    user = request.user
    if not user.is_authenticated:
        return {"claim_login_url": reverse("two_factor:login") + "?next=" + request.path}
    if reflection.in_workspace:
        if access.by_link and permissions.can(user, permissions.REFLECTION_VIEW, reflection):
            return {
                "workspace_url": reverse("learning:mijn_reflection_summary", args=[reflection.pk])
            }
        return {}
    return {
        "claim_municipalities": selectors.reflection_claimable_municipalities(
            user=user, reflection=reflection
        ),
        "claim_url": access.url("claim") if access.by_link else "",
    }


@require_http_methods(["GET"])
def _summary(request: HttpRequest, access: ReflectionAccess) -> HttpResponse:
    reflection = access.reflection
    links = _links(request, access)
    if access.by_link:
        coaching_url = selectors.coaching_request_url(
            reflection=reflection,
            token=access.token,
            summary_url=request.build_absolute_uri(str(links["summary_url"])),
        )
    else:
        coaching_url = selectors.coaching_request_url(
            reflection=reflection, token=selectors.reflection_handoff_token(reflection)
        )
    return render(
        request,
        "learning/reflection/summary.html",
        {
            "summary": selectors.reflection_summary(reflection),
            **links,
            **_claim_context(request, access),
            "coaching_url": coaching_url,
            "breadcrumb": _breadcrumb(_("Overzicht"), access),
        },
    )


reflection_summary, mijn_reflection_summary = both(_summary)


@require_http_methods(["GET"])
def _pdf(request: HttpRequest, access: ReflectionAccess) -> HttpResponse:
    content = reflection_pdf(selectors.reflection_summary(access.reflection))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="reflectie-burgerinitiatieven.pdf"'
    return response


reflection_pdf_download, mijn_reflection_pdf_download = both(_pdf)


@require_http_methods(["GET", "POST"])
def _revoke(request: HttpRequest, access: ReflectionAccess) -> HttpResponse:
    """Ask for confirmation, then make the link stop working for everyone."""
    if request.method == "POST":
        services.reflection_revoke(reflection=access.reflection, user=access.user)
        if not access.by_link:
            messages.success(
                request, _("De link werkt niet meer. De reflectie blijft in je werkplek.")
            )
            return redirect(access.url("summary"))
        return render(
            request, "learning/reflection/revoked.html", {"reflection": access.reflection}
        )
    return render(
        request,
        "learning/reflection/revoke.html",
        {**_links(request, access), "breadcrumb": _breadcrumb(_("Link intrekken"), access)},
    )


reflection_revoke, mijn_reflection_revoke = both(_revoke)


@require_http_methods(["POST"])
def _new_link(request: HttpRequest, access: ReflectionAccess) -> HttpResponse:
    """Replace the link: for a link that reached the wrong people, without losing the answers.

    In the workspace this also makes the first link, to share with people without an account.
    """
    had_link = access.reflection.has_active_link
    new_token = services.reflection_new_link(reflection=access.reflection, user=access.user)
    if access.by_link:
        messages.success(
            request,
            _("Jullie reflectie heeft een nieuwe link. De oude link werkt niet meer."),
        )
        return redirect("learning:reflection_resume", token=new_token)
    return render(
        request,
        "learning/reflection/new_link.html",
        {
            **_links(request, access),
            "had_link": had_link,
            "edit_url": request.build_absolute_uri(
                reverse("learning:reflection_resume", args=[new_token])
            ),
            "breadcrumb": _breadcrumb(_("Nieuwe link"), access),
        },
    )


reflection_new_link, mijn_reflection_new_link = both(_new_link)


@require_http_methods(["POST"])
@with_reflection
def reflection_claim(request: HttpRequest, access: ReflectionAccess) -> HttpResponse:
    """Move a reflection made by link into the workspace of the user's municipality."""
    if not request.user.is_authenticated:
        return redirect(reverse("two_factor:login") + "?next=" + access.url("summary"))
    choices = selectors.reflection_claimable_municipalities(
        user=request.user, reflection=access.reflection
    )
    chosen = request.POST.get("gemeente", "")
    if chosen:
        municipality = next((m for m in choices if m.refnis == chosen), None)
    else:
        municipality = choices[0] if len(choices) == 1 else None
    if municipality is None:
        raise PermissionDenied
    reflection = services.reflection_claim(
        reflection=access.reflection, user=request.user, municipality=municipality
    )
    messages.success(
        request,
        _("De reflectie staat nu in je werkplek. Je collega's van %(name)s zien ze ook.")
        % {"name": municipality.name_nl},
    )
    return redirect("learning:mijn_reflection_summary", pk=reflection.pk)


# --- The /mijn/ dashboard panel ------------------------------------------------------------


def reflections_panel_context(request: HttpRequest) -> dict[str, Any] | None:
    """The panel "Reflecties" costs the dashboard no query.

    The list loads with htmx from `mijn_reflections` (without JavaScript the panel is a link);
    that list also tells people without a municipality that the panel is not for them.
    """
    return {}


@login_required
@require_http_methods(["GET"])
def mijn_reflections(request: HttpRequest) -> HttpResponse:
    """Every reflection of the user's municipalities (a page, and the panel's htmx partial)."""
    permissions.require(request.user, permissions.WORKSPACE_VIEW)
    reflections = selectors.reflection_list_for_user(user=request.user)
    template = (
        "learning/mijn/_reflection_list.html"
        if request.headers.get("HX-Request")
        else "learning/mijn/reflections.html"
    )
    response = render(
        request,
        template,
        {
            "reflections": reflections,
            "is_member": bool(permissions.municipality_roles(request.user)),
            "step_count": STEP_COUNT,
        },
    )
    response["Cache-Control"] = "no-store"
    return response
