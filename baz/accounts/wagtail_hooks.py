from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from baz.accounts import admin_views, permissions


class InvitationsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.can(request.user, permissions.INVITATION_CREATE)


@hooks.register("register_admin_urls")
def register_invitation_urls():
    return [
        path("uitnodigingen/", admin_views.invitation_index, name="accounts_invitations"),
        path(
            "uitnodigingen/<int:pk>/intrekken/",
            admin_views.invitation_revoke,
            name="accounts_invitation_revoke",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_invitations_menu_item():
    return InvitationsMenuItem(
        _("Uitnodigingen"), reverse("accounts_invitations"), icon_name="mail", order=9000
    )
