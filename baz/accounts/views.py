"""Account pages: login (two-factor aware), invitations and the /mijn/ workspace.

Views stay thin: they check who is asking through baz.accounts.permissions, hand input to
services.py and render Dutch templates.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from two_factor.views import LoginView as TwoFactorLoginView
from two_factor.views import SetupCompleteView as TwoFactorSetupCompleteView
from two_factor.views import SetupView as TwoFactorSetupView
from wagtail.admin.views.account import PasswordResetView as WagtailPasswordResetView

from baz.accounts import permissions, services, throttle
from baz.accounts.dashboard import render_panels
from baz.accounts.forms import (
    ColleagueInvitationForm,
    EmailAuthenticationForm,
    InvitationAcceptForm,
    ProfileForm,
)
from baz.accounts.models import GROUP_GEMEENTE, Invitation, InvitationStatus, Membership, Role
from baz.accounts.selectors import (
    invitation_for_token,
    invitation_list,
    invitations_to_answer,
    membership_list,
    team_list,
)
from baz.core.forms import add_service_errors, service_error_text
from baz.core.models import Municipality

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _label_code_field(field: Any, label: str) -> None:
    # django-two-factor-auth calls these fields "Token", which Wagtail's Dutch catalogue
    # translates as "API-token": say what the person actually types.
    field.label = label
    field.widget.attrs.update({"autocomplete": "one-time-code", "inputmode": "numeric"})


class LoginView(TwoFactorLoginView):
    """E-mail and password, then the code of the authenticator app for those who have one."""

    form_list = (
        (TwoFactorLoginView.AUTH_STEP, EmailAuthenticationForm),
        *TwoFactorLoginView.form_list[1:],
    )

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        # Password spraying: too many failed logins from this address, over any accounts.
        if throttle.login_blocked(self.request):
            return render(self.request, "accounts/login_blocked.html", status=429)
        return super().post(*args, **kwargs)

    def get_form(self, step: str | None = None, **kwargs: Any) -> Any:
        form = super().get_form(step, **kwargs)
        current = step or self.steps.current
        if current == self.TOKEN_STEP and "otp_token" in form.fields:
            _label_code_field(form.fields["otp_token"], _("Code van 6 cijfers"))
        elif current == self.BACKUP_STEP and "otp_token" in form.fields:
            _label_code_field(form.fields["otp_token"], _("Reservecode"))
        return form

    def get_success_url(self) -> str:
        url = self.get_redirect_url()
        if url:
            return url
        if permissions.can(self.request.user, permissions.ADMIN_ACCESS):
            return "/beheer/"
        return reverse("accounts:workspace")


_RESET_LIMITED = _(
    "Je vroeg veel nieuwe wachtwoorden na elkaar. Kijk in je mailbox (ook bij ongewenste mail) "
    "of probeer het over een uur opnieuw."
)


class PasswordResetLimitMixin:
    """Limits of a password-reset form: per visitor and per e-mail address (throttle.py)."""

    request: HttpRequest

    def form_valid(self, form: Any) -> HttpResponse:
        verdict = throttle.password_reset_attempt(
            request=self.request, email=form.cleaned_data["email"]
        )
        if verdict is throttle.ResetVerdict.CLIENT_LIMITED:
            form.add_error(None, _RESET_LIMITED)
            response = self.form_invalid(form)  # type: ignore[attr-defined]
            response.status_code = 429
            return response
        if verdict is throttle.ResetVerdict.EMAIL_LIMITED:
            # The same answer as when a mail goes out: nothing tells whether an account exists.
            return HttpResponseRedirect(self.get_success_url())  # type: ignore[attr-defined]
        return super().form_valid(form)  # type: ignore[misc]


class PasswordResetView(PasswordResetLimitMixin, auth_views.PasswordResetView):
    """The site's "Wachtwoord vergeten" form."""


class AdminPasswordResetView(PasswordResetLimitMixin, WagtailPasswordResetView):
    """Wagtail's own reset form at /beheer/password_reset/, with the same limits."""


class SetupView(TwoFactorSetupView):
    """Set up the authenticator app; afterwards offer backup codes, then go where asked."""

    def get_form(self, step: str | None = None, **kwargs: Any) -> Any:
        form = super().get_form(step, **kwargs)
        if "token" in form.fields:
            _label_code_field(form.fields["token"], _("Code van 6 cijfers"))
        return form

    def get_success_url(self) -> str:
        url = reverse("two_factor:setup_complete")
        redirect_to = self.get_redirect_url()
        return f"{url}?{urlencode({'next': redirect_to})}" if redirect_to else url


class SetupCompleteView(TwoFactorSetupCompleteView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        next_url = self.request.GET.get("next", "")
        safe = url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        )
        context["next_url"] = next_url if safe else ""
        return context


@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Where the link in an invitation e-mail leads: choose a name and password."""
    invitation = invitation_for_token(token=token)
    status = invitation.status if invitation else "invalid"
    if invitation is not None and invitation.for_existing_account:
        # An invitation for an existing account is answered by that account in /mijn/.
        return redirect("accounts:my_invitations")
    if invitation is None or status != InvitationStatus.PENDING:
        return render(request, "accounts/invitation_unavailable.html", {"status": status})

    form = InvitationAcceptForm(
        request.POST or None,
        initial={"first_name": invitation.first_name, "last_name": invitation.last_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token,
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except services.InvitationUnavailable as error:
            return render(request, "accounts/invitation_unavailable.html", {"status": error.status})
        except ValidationError as error:
            add_service_errors(form, error, field="password1")
        else:
            login(request, user, backend=MODEL_BACKEND)
            if invitation.is_staff_invitation:
                messages.success(
                    request,
                    _("Je account is klaar. Stel nu de tweestapsverificatie in met je telefoon."),
                )
                setup = reverse("two_factor:setup")
                return redirect(f"{setup}?{urlencode({'next': '/beheer/'})}")
            messages.success(request, _("Welkom! Je account is klaar."))
            return redirect("accounts:workspace")
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, permissions.WORKSPACE_VIEW)
    return render(request, "accounts/workspace.html", {"panels": render_panels(request)})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, permissions.WORKSPACE_VIEW)
    user: Any = request.user
    form = ProfileForm(
        request.POST or None, initial={"first_name": user.first_name, "last_name": user.last_name}
    )
    if request.method == "POST" and form.is_valid():
        services.user_profile_update(
            user=user,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
        )
        messages.success(request, _("Je gegevens zijn bewaard."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def memberships(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, permissions.WORKSPACE_VIEW)
    items = list(membership_list(user=request.user))
    return render(request, "accounts/memberships.html", {"memberships": items})


@login_required
def colleague_invite(request: HttpRequest, refnis: str) -> HttpResponse:
    """A beheerder invites a colleague for their municipality and sees open invitations."""
    municipality = get_object_or_404(Municipality, refnis=refnis)
    permissions.require(request.user, permissions.INVITATION_CREATE, municipality)
    user: Any = request.user
    form = ColleagueInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = services.invitation_create(
                created_by=user,
                email=form.cleaned_data["email"],
                group_name=GROUP_GEMEENTE,
                municipalities=[municipality],
                role=form.cleaned_data["role"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("We hebben een uitnodiging gestuurd naar %(email)s.")
                % {"email": invitation.email},
            )
            return redirect("accounts:colleague_invite", refnis=municipality.refnis)
    invitations = list(invitation_list(municipality=municipality, pending_only=True))
    return render(
        request,
        "accounts/colleague_invite.html",
        {
            "form": form,
            "municipality": municipality,
            "invitations": invitations,
            "invitation_days": settings.ACCOUNTS_INVITATION_MAX_AGE_DAYS,
        },
    )


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("group"), pk=pk)
    permissions.require(request.user, permissions.INVITATION_REVOKE, invitation)
    user: Any = request.user
    try:
        services.invitation_revoke(revoked_by=user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(
            request,
            _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invitation.email},
        )
    return _back_to_team(invitation)


def _back_to_team(invitation: Invitation) -> HttpResponse:
    municipality = invitation.municipalities.first()
    if municipality is None:
        return HttpResponseRedirect(reverse("accounts:workspace"))
    return redirect("accounts:team", refnis=municipality.refnis)


@login_required
@never_cache
def my_invitations(request: HttpRequest) -> HttpResponse:
    """Open invitations to join a municipality, for an account that exists already."""
    permissions.require(request.user, permissions.WORKSPACE_VIEW)
    invitations = list(invitations_to_answer(user=request.user))
    return render(request, "accounts/my_invitations.html", {"invitations": invitations})


@login_required
@require_POST
def invitation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("group"), pk=pk)
    if not permissions.can(request.user, permissions.INVITATION_RESPOND, invitation):
        # Someone else's invitation does not exist for this account.
        raise Http404
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        messages.error(request, _("Kies of je de uitnodiging aanvaardt of weigert."))
        return redirect("accounts:my_invitations")
    user: Any = request.user
    try:
        services.invitation_respond(user=user, invitation=invitation, accept=answer == "accept")
    except ValidationError as error:
        messages.error(request, service_error_text(error))
        return redirect("accounts:my_invitations")
    names = ", ".join(m.name_nl for m in invitation.municipalities.all())
    if answer == "accept":
        messages.success(request, _("Welkom! Je werkt nu mee voor %(names)s.") % {"names": names})
        return redirect("accounts:workspace")
    messages.success(
        request, _("Je hebt de uitnodiging voor %(names)s geweigerd.") % {"names": names}
    )
    return redirect("accounts:my_invitations")


# --- The team of a municipality ---------------------------------------------------------------


def _team_municipality(request: HttpRequest, refnis: str) -> Municipality:
    """The municipality whose team is asked for; 404 for whoever may not see that team."""
    municipality = get_object_or_404(Municipality, refnis=refnis)
    if not permissions.can(request.user, permissions.MEMBERSHIP_VIEW, municipality):
        raise Http404
    return municipality


def _team_member(request: HttpRequest, refnis: str, pk: int) -> Membership:
    municipality = _team_municipality(request, refnis)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, municipality=municipality
    )
    membership.municipality = municipality
    return membership


@login_required
@never_cache
def team(request: HttpRequest, refnis: str) -> HttpResponse:
    """Colleagues of one municipality: everyone of its team sees them; a beheerder manages."""
    municipality = _team_municipality(request, refnis)
    user: Any = request.user
    can_manage = permissions.can(user, permissions.MEMBERSHIP_MANAGE, municipality)
    members = list(team_list(municipality=municipality))
    beheerders = [m for m in members if m.role == Role.BEHEERDER]
    only_beheerder_pk = beheerders[0].pk if len(beheerders) == 1 else None
    invitations = (
        list(invitation_list(municipality=municipality, pending_only=True)) if can_manage else []
    )
    return render(
        request,
        "accounts/team.html",
        {
            "municipality": municipality,
            "members": members,
            "only_beheerder_pk": only_beheerder_pk,
            "my_membership": next((m for m in members if m.user_id == user.pk), None),
            "can_manage": can_manage,
            "invitations": invitations,
        },
    )


@login_required
@require_POST
def membership_role(request: HttpRequest, refnis: str, pk: int) -> HttpResponse:
    membership = _team_member(request, refnis, pk)
    user: Any = request.user
    try:
        changed = services.membership_role_change(
            changed_by=user, membership=membership, role=request.POST.get("role", "")
        )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(
            request,
            _("%(name)s is nu %(role)s.")
            % {"name": changed.user, "role": changed.get_role_display()},
        )
    return redirect("accounts:team", refnis=refnis)


@login_required
def membership_remove(request: HttpRequest, refnis: str, pk: int) -> HttpResponse:
    """GET asks to confirm; POST takes the colleague out of the team."""
    membership = _team_member(request, refnis, pk)
    user: Any = request.user
    permissions.require(user, permissions.MEMBERSHIP_MANAGE, membership.municipality)
    if membership.user_id == user.pk:
        return redirect("accounts:membership_leave", refnis=refnis)
    if request.method == "POST":
        try:
            services.membership_remove(removed_by=user, membership=membership)
        except ValidationError as error:
            messages.error(request, service_error_text(error))
        else:
            messages.success(
                request,
                _("%(name)s werkt niet meer mee voor %(municipality)s.")
                % {"name": membership.user, "municipality": membership.municipality.name_nl},
            )
        return redirect("accounts:team", refnis=refnis)
    return render(
        request,
        "accounts/team_confirm.html",
        {"municipality": membership.municipality, "membership": membership, "leaving": False},
    )


@login_required
def membership_leave(request: HttpRequest, refnis: str) -> HttpResponse:
    """GET asks to confirm; POST ends your own membership."""
    municipality = _team_municipality(request, refnis)
    user: Any = request.user
    membership = Membership.objects.filter(user=user, municipality=municipality).first()
    if membership is None:
        raise Http404
    if request.method == "POST":
        try:
            services.membership_leave(user=user, municipality=municipality)
        except ValidationError as error:
            messages.error(request, service_error_text(error))
            return redirect("accounts:team", refnis=refnis)
        messages.success(
            request,
            _("Je werkt niet meer mee voor %(municipality)s.")
            % {"municipality": municipality.name_nl},
        )
        return redirect("accounts:workspace")
    return render(
        request,
        "accounts/team_confirm.html",
        {"municipality": municipality, "membership": membership, "leaving": True},
    )


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("group"), pk=pk)
    user: Any = request.user
    if not any(
        permissions.can(user, permissions.MEMBERSHIP_VIEW, m)
        for m in invitation.municipalities.all()
    ):
        raise Http404
    try:
        services.invitation_resend(sent_by=user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    else:
        messages.success(
            request,
            _("We hebben de uitnodiging opnieuw gestuurd naar %(email)s.")
            % {"email": invitation.email},
        )
    return _back_to_team(invitation)
