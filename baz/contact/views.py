"""Public pages of partners & contact, and the person's own data in /mijn/. Views stay thin."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from baz.accounts.privacy import user_account_delete, user_data_export
from baz.contact import services
from baz.contact.forms import AccountDeleteForm, ContactForm
from baz.contact.selectors import partner_list
from baz.core.forms import add_service_errors
from baz.core.ratelimit import limit_exceeded

_THANKS_SESSION_KEY = "contact_thanks"


def _crumbs(label: str) -> list[dict[str, str]]:
    return [{"label": _("Start"), "url": "/"}, {"label": label, "url": ""}]


@never_cache
def contact_form(request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if limit_exceeded(
            request,
            action="contact",
            limit=settings.CONTACT_RATE_LIMIT,
            window_seconds=settings.CONTACT_RATE_LIMIT_WINDOW_SECONDS,
        ):
            form.is_valid()
            form.add_error(
                None,
                _("Je stuurde veel berichten na elkaar. Probeer het over een uur opnieuw."),
            )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                message = services.contact_message_submit(
                    topic=data["topic"],
                    municipality=data["municipality"],
                    name=data["name"],
                    email=data["email"],
                    body=data["body"],
                    consent=data["consent"],
                    sender=request.user if request.user.is_authenticated else None,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                request.session[_THANKS_SESSION_KEY] = {
                    "responder": message.routed_to_name,
                    "organisation": (
                        message.routed_to.organisation.name if message.routed_to else ""
                    ),
                    "email": message.email,
                }
                return redirect("contact:thanks")
        form.refresh_token()
    return render(
        request,
        "contact/contact_form.html",
        {"form": form, "breadcrumb": _crumbs(_("Contact"))},
        status=status,
    )


@never_cache
def contact_thanks(request: HttpRequest) -> HttpResponse:
    thanks = request.session.get(_THANKS_SESSION_KEY)
    if not thanks:
        return redirect("contact:form")
    return render(request, "contact/contact_thanks.html", {"thanks": thanks})


@require_GET
def partner_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "contact/partner_index.html",
        {"organisations": partner_list(), "breadcrumb": _crumbs(_("Partners"))},
    )


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "contact/privacy.html",
        {
            "retention_months": settings.CONTACT_RETENTION_MONTHS,
            "breadcrumb": _crumbs(_("Privacy")),
        },
    )


@login_required
@never_cache
def data_export(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    data = user_data_export(user=user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    filename = f"mijn-gegevens-burgersaanzet-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@never_cache
def account_delete(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = AccountDeleteForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        user_account_delete(user=user, confirmed=form.cleaned_data["confirm"])
        logout(request)
        messages.success(request, _("Je account en je gegevens zijn verwijderd."))
        return redirect("/")
    return render(request, "contact/account_delete.html", {"form": form})
