from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, re_path, reverse_lazy
from django.views.generic import RedirectView

from baz.accounts import views, views_media

app_name = "accounts"

urlpatterns = [
    path("afmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
    # Password change (logged in) and reset (forgotten).
    path(
        "wachtwoord/wijzigen/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        "wachtwoord/vergeten/",
        views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/email/password_reset.txt",
            html_email_template_name="accounts/email/password_reset.html",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord/vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/nieuw/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/nieuw/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    # Uploads only staff see (original images, avatars); before Django's development media
    # route, so they are checked there too.
    re_path(
        r"^media/(?P<folder>original_images|avatar_images)/(?P<name>.+)$",
        views_media.staff_media,
        name="staff_media",
    ),
    # The workspace.
    path("mijn/", views.workspace, name="workspace"),
    path("mijn/profiel/", views.profile, name="profile"),
    path("mijn/gemeenten/", views.memberships, name="memberships"),
    path(
        "mijn/gemeenten/<str:refnis>/uitnodigen/",
        views.colleague_invite,
        name="colleague_invite",
    ),
    path("mijn/gemeenten/<str:refnis>/team/", views.team, name="team"),
    path(
        "mijn/gemeenten/<str:refnis>/team/<int:pk>/rol/",
        views.membership_role,
        name="membership_role",
    ),
    path(
        "mijn/gemeenten/<str:refnis>/team/<int:pk>/verwijderen/",
        views.membership_remove,
        name="membership_remove",
    ),
    path(
        "mijn/gemeenten/<str:refnis>/verlaten/",
        views.membership_leave,
        name="membership_leave",
    ),
    path("mijn/uitnodigingen/", views.my_invitations, name="my_invitations"),
    path(
        "mijn/uitnodigingen/<int:pk>/opnieuw/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "mijn/uitnodigingen/<int:pk>/antwoorden/",
        views.invitation_respond,
        name="invitation_respond",
    ),
    path(
        "mijn/uitnodigingen/<int:pk>/intrekken/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    # Wagtail's own reset form, with the limits of the site's (before Wagtail's URLs).
    path(
        settings.ADMIN_URL_PREFIX.strip("/") + "/password_reset/",
        views.AdminPasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    # Wagtail's own login form knows nothing of two-factor authentication.
    path(
        settings.ADMIN_URL_PREFIX.strip("/") + "/login/",
        RedirectView.as_view(pattern_name="two_factor:login", query_string=True),
        name="admin_login_redirect",
    ),
]
