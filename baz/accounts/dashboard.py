"""Panels on the workspace dashboard (/mijn/), contributed by any app.

An app registers a panel once, usually in its `AppConfig.ready()`:

    from baz.accounts.dashboard import DashboardPanel, register_panel

    register_panel(DashboardPanel(
        name="atlas-entries",
        template_name="atlas/dashboard/_entries.html",
        get_context=lambda request: {"entries": entry_list(owner=request.user)},
        order=20,
    ))

`get_context` returns the template's context, or None to leave the panel out for this person.
Panels appear by `order`, then by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class DashboardPanel:
    name: str
    template_name: str
    get_context: Callable[[HttpRequest], dict[str, Any] | None]
    order: int = 100


_registry: dict[str, DashboardPanel] = {}


def register_panel(panel: DashboardPanel) -> None:
    """Add (or replace, by name) a dashboard panel."""
    _registry[panel.name] = panel


def unregister_panel(name: str) -> None:
    _registry.pop(name, None)


def registered_panels() -> list[DashboardPanel]:
    return sorted(_registry.values(), key=lambda panel: (panel.order, panel.name))


def render_panels(request: HttpRequest) -> list[SafeString]:
    """The HTML of every panel that has something to show to this person."""
    rendered = []
    for panel in registered_panels():
        context = panel.get_context(request)
        if context is None:
            continue
        html = render_to_string(panel.template_name, context, request=request)
        rendered.append(mark_safe(html))  # noqa: S308 - rendered by our own template
    return rendered
