"""Wagtail admin views of the outbox: a read-only list and detail, and a resend action."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton, MenuItem

from baz.mail.models import OutboxMessage
from baz.mail.services import outbox_message_resend, outbox_message_resend_check

RESEND_LABEL = _("Opnieuw versturen")


def _can_be_resent(message: OutboxMessage) -> bool:
    return not message.body_hidden


class OutboxIndexView(generic.IndexView):
    resend_url_name: str | None = None

    def get_list_more_buttons(self, instance: OutboxMessage) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        if self.resend_url_name and self.user_has_permission("change") and _can_be_resent(instance):
            url = reverse(self.resend_url_name, args=[instance.pk])
            buttons.append(MenuItem(RESEND_LABEL, url=url, icon_name="resubmit", priority=40))
        return buttons


class OutboxInspectView(generic.InspectView):
    resend_url_name: str | None = None

    def get_field_display_value(self, field_name: str, field: Any) -> Any:
        # Wagtail's inspect template formats a date-time with `|localize`, which keeps it in
        # UTC: staff in Brussels would read 16:33 for a mail queued at 17:33.
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime) and timezone.is_aware(value):
            return date_format(timezone.localtime(value), "DATETIME_FORMAT")
        return value

    def _addresses(self, field_name: str) -> str:
        return ", ".join(getattr(self.object, field_name)) or "-"

    def get_to_display_value(self) -> str:
        return self._addresses("to")

    def get_cc_display_value(self) -> str:
        return self._addresses("cc")

    def get_bcc_display_value(self) -> str:
        return self._addresses("bcc")

    def get_reply_to_display_value(self) -> str:
        return self._addresses("reply_to")

    def get_state_display_value(self) -> str:
        return self.object.status_label

    def get_bounced_display_value(self) -> str:
        return str(_("ja") if self.object.bounced else _("nee"))

    def get_refused_recipients_display_value(self) -> str:
        refused = self.object.refused_recipients or {}
        return "; ".join(f"{address}: {reply}" for address, reply in refused.items()) or "-"

    def get_sent_at_display_value(self) -> Any:
        return self.object.sent_at or "-"

    def get_secret_display_value(self) -> str:
        return str(_("ja") if self.object.secret else _("nee"))

    def get_body_cleared_at_display_value(self) -> Any:
        return self.object.body_cleared_at or "-"

    def _hidden_body(self) -> str | None:
        """What staff read instead of the body, or None when they may read the body."""
        if self.object.secret:
            return str(
                _(
                    "Verborgen: deze e-mail bevat een persoonlijke link (zoals een uitnodiging "
                    "of een link om een wachtwoord te kiezen). Na verzending wordt de inhoud "
                    "gewist."
                )
            )
        if self.object.body_cleared_at is not None:
            return str(_("Gewist na de bewaartermijn of op vraag van de ontvanger."))
        return None

    def get_body_text_display_value(self) -> str:
        hidden = self._hidden_body()
        return self.object.body_text if hidden is None else hidden

    def get_body_html_display_value(self) -> str:
        hidden = self._hidden_body()
        return self.object.body_html if hidden is None else hidden

    def get_attachments_display_value(self) -> str:
        if self._hidden_body() is not None:
            return "-"
        names = [str(item.get("filename", "")) for item in self.object.attachments or []]
        return ", ".join(names) or "-"

    @cached_property
    def header_buttons(self) -> list[Any]:
        if (
            self.resend_url_name
            and self.user_has_permission("change")
            and _can_be_resent(self.object)
        ):
            url = reverse(self.resend_url_name, args=[self.object.pk])
            return [HeaderButton(RESEND_LABEL, url=url, icon_name="resubmit")]
        return []


class OutboxResendView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Ask for confirmation (GET), then put the message back in the queue (POST)."""

    model = OutboxMessage
    permission_required = "change"
    index_url_name: str | None = None
    inspect_url_name: str | None = None
    resend_url_name: str | None = None
    header_icon = "mail"
    page_title = RESEND_LABEL
    template_name = "mail/admin/confirm_resend.html"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(OutboxMessage, pk=kwargs["pk"])

    def get_page_subtitle(self) -> str:
        return str(self.object)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        index = {
            "url": reverse(self.index_url_name or ""),
            "label": capfirst(OutboxMessage._meta.verbose_name_plural),
        }
        items = [index]
        items.append({"url": "", "label": self.get_page_title(), "sublabel": str(self.object)})
        return self.breadcrumbs_items + items

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["action_url"] = reverse(self.resend_url_name or "", args=[self.object.pk])
        context["cancel_url"] = reverse(self.inspect_url_name or "", args=[self.object.pk])
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _can_be_resent(self.object):
            return self._refuse(request)
        return super().get(request, *args, **kwargs)

    def _refuse(self, request: HttpRequest, error: ValidationError | None = None) -> HttpResponse:
        if error is None:
            try:
                outbox_message_resend_check(message=self.object)
            except ValidationError as refusal:
                error = refusal
        for text in error.messages if error is not None else []:
            messages.error(request, text)
        return redirect(self.inspect_url_name or "", self.object.pk)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            outbox_message_resend(message=self.object, user=request.user)
        except ValidationError as error:
            return self._refuse(request, error)
        messages.success(
            request,
            _("De e-mail '%(subject)s' staat opnieuw in de wachtrij.")
            % {"subject": self.object.subject},
        )
        return redirect(self.index_url_name or "")
