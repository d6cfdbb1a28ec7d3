"""Coaching in the Wagtail admin: its URLs (all under /beheer/coaching/, see
`baz.coaching.admin_views.urls`) and its menu.

The menu item "Coaching" is a submenu; other modules add items to it with the hook
`register_coaching_menu_item`.
"""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from baz.accounts import permissions
from baz.coaching.admin_views import urls as admin_urls


class CoachingMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.can(request.user, permissions.COACHING_DASHBOARD)


class CoachingSubmenu(SubmenuMenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.can(request.user, permissions.COACHING_DASHBOARD)


@hooks.register("register_admin_urls")
def register_coaching_urls() -> list:
    return list(admin_urls.urlpatterns)


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
