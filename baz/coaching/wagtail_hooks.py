"""Coaching in the Wagtail admin. The phase parts register theirs in `wagtail_hooks_phases`.

The menu item "Coaching" is a submenu; other modules add items to it with the hook
`register_coaching_menu_item`.
"""

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from baz.accounts import permissions
from baz.coaching import (
    admin_views,
    wagtail_hooks_phases,  # noqa: F401  (registers its hooks on import)
)


class CoachingMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.can(request.user, permissions.COACHING_DASHBOARD)


class CoachingSubmenu(SubmenuMenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.can(request.user, permissions.COACHING_DASHBOARD)


@hooks.register("register_admin_urls")
def register_coaching_urls():
    return [
        path("coaching/", admin_views.dashboard, name="coaching_admin_dashboard"),
        path("coaching/trajecten/", admin_views.trajectory_index, name="coaching_admin_index"),
        path(
            "coaching/trajecten/export.csv",
            admin_views.trajectory_export,
            name="coaching_admin_export",
        ),
        path(
            "coaching/trajecten/<int:pk>/",
            admin_views.trajectory_detail,
            name="coaching_admin_detail",
        ),
        path(
            "coaching/trajecten/<int:pk>/stap/",
            admin_views.trajectory_transition,
            name="coaching_admin_transition",
        ),
        path(
            "coaching/trajecten/<int:pk>/coaches/",
            admin_views.trajectory_coaches,
            name="coaching_admin_coaches",
        ),
        path(
            "coaching/trajecten/<int:pk>/fase/<str:phase>/",
            admin_views.trajectory_phase,
            name="coaching_admin_phase",
        ),
        path(
            "coaching/trajecten/<int:pk>/notitie/",
            admin_views.trajectory_note,
            name="coaching_admin_note",
        ),
        path(
            "coaching/trajecten/<int:pk>/analyse/",
            admin_views.trajectory_analysis,
            name="coaching_admin_analysis",
        ),
        path(
            "coaching/trajecten/<int:pk>/inventaris/",
            admin_views.trajectory_inventory,
            name="coaching_admin_inventory",
        ),
        path(
            "coaching/trajecten/<int:pk>/toestemming/",
            admin_views.trajectory_consent,
            name="coaching_admin_consent",
        ),
        path(
            "coaching/trajecten/<int:pk>/bericht/",
            admin_views.trajectory_message,
            name="coaching_admin_message",
        ),
        path(
            "coaching/trajecten/<int:pk>/aanvraag/<int:request_pk>/uitnodigen/",
            admin_views.request_invite,
            name="coaching_admin_invite",
        ),
        path(
            "coaching/trajecten/<int:pk>/aanvraag/<int:request_pk>/niet-uitnodigen/",
            admin_views.request_decline,
            name="coaching_admin_request_decline",
        ),
    ]


@hooks.register("register_coaching_menu_item")
def register_dashboard_item():
    return CoachingMenuItem(
        _("Overzicht"), reverse("coaching_admin_dashboard"), icon_name="view", order=100
    )


@hooks.register("register_coaching_menu_item")
def register_trajectories_item():
    return CoachingMenuItem(
        _("Trajecten"), reverse("coaching_admin_index"), icon_name="list-ul", order=200
    )


coaching_menu = Menu(register_hook_name="register_coaching_menu_item", construct_hook_name=None)


@hooks.register("register_admin_menu_item")
def register_coaching_menu():
    return CoachingSubmenu(
        _("Coaching"), coaching_menu, icon_name="group", name="coaching", order=7500
    )
