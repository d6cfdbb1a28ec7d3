from __future__ import annotations

from typing import Any

from django.contrib.auth import get_permission_codename
from django.urls import path
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet

from baz.mail.models import OutboxMessage
from baz.mail.views import OutboxIndexView, OutboxInspectView, OutboxResendView


class OutboxMessageViewSet(ModelViewSet):
    """Staff follow every e-mail here; messages are written only by code, so no add or edit."""

    model = OutboxMessage
    name = "outbox"
    url_prefix = "e-mail"
    icon = "mail"
    menu_label = _("E-mail")
    menu_name = "e-mail"
    menu_order = 900
    add_to_admin_menu = True
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["state", "bounced"]
    search_fields = ["subject", "to", "related"]
    inspect_view_fields = [
        "state",
        "to",
        "cc",
        "bcc",
        "reply_to",
        "from_email",
        "subject",
        "attempts",
        "next_attempt_at",
        "last_error",
        "bounced",
        "refused_recipients",
        "message_id",
        "created_at",
        "sent_at",
        "related",
        "secret",
        "body_cleared_at",
        "body_text",
        "body_html",
        "attachments",
    ]
    list_display = [
        "subject",  # a plain name: Wagtail makes it the title column, with the row's buttons
        Column("recipients", label=_("Aan")),
        StatusTagColumn(
            "status_label",
            label=_("Status"),
            sort_key="state",
            primary=lambda message: (
                message.state == OutboxMessage.State.SENT and not message.bounced
            ),
        ),
        Column(
            "refused_recipients",
            label=_("Geweigerd door de mailserver"),
            accessor=lambda message: ", ".join(message.refused_recipients) or "",
        ),
        Column("attempts", label=_("Pogingen"), sort_key="attempts"),
        Column(
            "last_error",
            label=_("Laatste fout"),
            accessor=lambda message: Truncator(message.last_error).chars(80),
        ),
        DateColumn("created_at", label=_("Aangemaakt"), sort_key="created_at"),
    ]

    def get_common_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        # Read-only: the views must not offer links to add, edit or delete views that do
        # not exist.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                "resend_url_name": self.get_url_name("resend"),
                "inspect_url_name": self.get_url_name("inspect"),
                **kwargs,
            }
        )

    @property
    def resend_view(self) -> Any:
        return self.construct_view(OutboxResendView)

    def get_urlpatterns(self) -> list[Any]:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("resend/<int:pk>/", self.resend_view, name="resend"),
        ]

    def get_permissions_to_register(self) -> Any:
        codenames = [
            get_permission_codename(action, self.model_opts) for action in ("view", "change")
        ]
        return super().get_permissions_to_register().filter(codename__in=codenames)


@hooks.register("register_admin_viewset")
def register_outbox_viewset() -> OutboxMessageViewSet:
    return OutboxMessageViewSet()
