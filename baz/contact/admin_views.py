"""The contact inbox in the Wagtail admin: list, detail with status, notes and replies."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from baz.accounts import permissions
from baz.contact import services
from baz.contact.forms import MessageUpdateForm, ReplyForm
from baz.contact.models import ContactMessage, MessageStatus
from baz.contact.selectors import contact_message_get, contact_message_list
from baz.core.forms import add_service_errors


def inbox_index(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, permissions.CONTACT_INBOX_VIEW)
    status = request.GET.get("status", "")
    page = Paginator(contact_message_list(status=status), 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "contact/admin/inbox_index.html",
        {"page": page, "status": status, "statuses": MessageStatus.choices},
    )


def _message_or_404(pk: int) -> ContactMessage:
    message = contact_message_get(pk=pk)
    if message is None:
        raise Http404
    return message


def inbox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require(request.user, permissions.CONTACT_INBOX_VIEW)
    message = _message_or_404(pk)
    update_form = MessageUpdateForm(
        initial={
            "status": message.status,
            "assignee": message.assignee,
            "internal_notes": message.internal_notes,
        }
    )
    return _detail(request, message, update_form, ReplyForm())


def _detail(
    request: HttpRequest, message: ContactMessage, update_form: Any, reply_form: Any
) -> HttpResponse:
    return TemplateResponse(
        request,
        "contact/admin/inbox_detail.html",
        {"message": message, "update_form": update_form, "reply_form": reply_form},
    )


@require_POST
def inbox_update(request: HttpRequest, pk: int) -> HttpResponse:
    message = _message_or_404(pk)
    form = MessageUpdateForm(request.POST)
    if form.is_valid():
        services.contact_message_update(
            user=request.user,
            message=message,
            status=form.cleaned_data["status"],
            assignee=form.cleaned_data["assignee"],
            internal_notes=form.cleaned_data["internal_notes"],
        )
        messages.success(request, _("Het bericht is bijgewerkt."))
        return redirect("contact_inbox_detail", pk=message.pk)
    permissions.require(request.user, permissions.CONTACT_MESSAGE_UPDATE, message)
    return _detail(request, message, form, ReplyForm())


@require_POST
def inbox_reply(request: HttpRequest, pk: int) -> HttpResponse:
    message = _message_or_404(pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.contact_reply_send(
                user=request.user, message=message, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Je antwoord staat klaar om te versturen naar %(email)s.")
                % {"email": message.email},
            )
            return redirect("contact_inbox_detail", pk=message.pk)
    permissions.require(request.user, permissions.CONTACT_REPLY_SEND, message)
    update_form = MessageUpdateForm(
        initial={
            "status": message.status,
            "assignee": message.assignee,
            "internal_notes": message.internal_notes,
        }
    )
    return _detail(request, message, update_form, form)
