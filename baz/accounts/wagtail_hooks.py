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


@hooks.register("register_log_actions")
def register_team_log_actions(actions):
    """What a beheerder does to the team shows in the admin's history (Sitegeschiedenis)."""
    from baz.accounts import services

    actions.register_action(
        services.ACTION_MEMBERSHIP_ROLE, _("Rol gewijzigd"), _("Rol in het team gewijzigd")
    )
    actions.register_action(
        services.ACTION_MEMBERSHIP_REMOVE, _("Uit het team gehaald"), _("Uit het team gehaald")
    )
    actions.register_action(
        services.ACTION_MEMBERSHIP_LEAVE, _("Team verlaten"), _("Heeft het team verlaten")
    )
    actions.register_action(
        services.ACTION_INVITATION_RESEND,
        _("Uitnodiging opnieuw verstuurd"),
        _("Uitnodiging opnieuw verstuurd"),
    )
