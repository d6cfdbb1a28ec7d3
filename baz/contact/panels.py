"""The /mijn/ dashboard panel of the contact app: download or delete your own data."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from baz.accounts.dashboard import DashboardPanel, register_panel


def _privacy_context(request: HttpRequest) -> dict[str, Any] | None:
    return {"user": request.user}


def register_panels() -> None:
    register_panel(
        DashboardPanel(
            name="contact-privacy",
            template_name="contact/panels/_privacy.html",
            get_context=_privacy_context,
            order=95,
        )
    )
