"""The invitations screen in the Wagtail admin, for Redactie."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from baz.accounts import permissions, services
from baz.accounts.forms import AdminInvitationForm
from baz.accounts.models import GROUP_GEMEENTE, Invitation
from baz.accounts.selectors import invitation_list
from baz.core.forms import add_service_errors, service_error_text


def invitation_index(request: HttpRequest) -> HttpResponse:
    """List every invitation and invite someone new."""
    permissions.require(request.user, permissions.INVITATION_CREATE)
    user: Any = request.user
    form = AdminInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        is_municipality = data["group"] == GROUP_GEMEENTE
        try:
            invitation, _token = services.invitation_create(
                created_by=user,
                email=data["email"],
                group_name=data["group"],
                municipalities=list(data["municipalities"]) if is_municipality else [],
                role=data["role"] if is_municipality else "",
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("We hebben een uitnodiging gestuurd naar %(email)s.")
                % {"email": invitation.email},
            )
            return redirect("accounts_invitations")
    return TemplateResponse(
        request,
        "accounts/admin/invitations.html",
        {"form": form, "invitations": invitation_list()[:200]},
    )


@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("group"), pk=pk)
    user: Any = request.user
    try:
        services.invitation_revoke(revoked_by=user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(
            request,
            _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invitation.email},
        )
    return redirect("accounts_invitations")
