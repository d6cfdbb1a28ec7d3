"""Writes of accounts: invitations, accepting them, profiles.

Every function checks permissions itself (`baz.accounts.permissions.require`), validates with
`full_clean()` before `save()` and runs in one transaction, so that the e-mail it sends is
stored together with the change (`baz.mail.services.email_queue`) or not at all.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.log_actions import log as log_action

from baz.accounts import permissions
from baz.accounts.models import (
    GROUP_COACH,
    GROUP_GEMEENTE,
    GROUP_INITIATIEFNEMER,
    GROUP_REDACTIE,
    Invitation,
    InvitationStatus,
    Membership,
    Role,
    User,
    normalize_email_address,
)
from baz.accounts.selectors import (
    INVITATION_SIGNING_SALT,
    invitation_for_token,
    invitation_token_hash,
)
from baz.mail.services import email_queue

if TYPE_CHECKING:
    from baz.core.models import Municipality

INVITABLE_GROUPS = (GROUP_REDACTIE, GROUP_COACH, GROUP_GEMEENTE)


class InvitationUnavailable(Exception):
    """The link cannot be used (any more); `status` says why, for the explaining page."""

    def __init__(self, status: str) -> None:
        super().__init__(status)
        self.status = status


def invitation_url(*, token: str) -> str:
    """The absolute link in the invitation e-mail."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("accounts:invitation_accept", kwargs={"token": token})


def _send_invitation_email(*, invitation: Invitation, token: str) -> None:
    existing = invitation.for_existing_account
    context = {
        "invitation": invitation,
        # An existing account answers in /mijn/ after logging in: the link holds no secret.
        "url": (
            settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("accounts:my_invitations")
            if existing
            else invitation_url(token=token)
        ),
        "municipality_names": ", ".join(m.name_nl for m in invitation.municipalities.all()),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    email_queue(
        to=invitation.email,
        subject=_("Je bent uitgenodigd op BurgersAanZet"),
        template="accounts/email/invitation_existing" if existing else "accounts/email/invitation",
        context=context,
        # A new account's link is a key: the outbox hides and clears it. An existing account's
        # link only leads to /mijn/, where that account logs in.
        secret=not existing,
    )


def _existing_account_check(
    *,
    user: User,
    group_name: str,
    municipalities: Sequence[Municipality],
    reusing_open: bool = False,
) -> None:
    """Whether an existing account may be invited to join; raises ValidationError if not."""
    if group_name != GROUP_GEMEENTE:
        raise ValidationError(
            {
                "email": _(
                    "Er bestaat al een account met dit e-mailadres. Die persoon kan zich aanmelden."
                )
            }
        )
    if not user.is_active:
        raise ValidationError({"email": _("Het account met dit e-mailadres is niet actief.")})
    member_of = set(
        Membership.objects.filter(user=user, municipality__in=municipalities).values_list(
            "municipality_id", flat=True
        )
    )
    if member_of and member_of >= {m.pk for m in municipalities}:
        raise ValidationError({"email": _("Deze persoon werkt al mee voor deze gemeente.")})
    if (
        not reusing_open
        and Invitation.objects.pending()
        .filter(user=user, municipalities__in=municipalities)
        .exists()
    ):
        raise ValidationError(
            {"email": _("Deze persoon heeft al een open uitnodiging voor deze gemeente.")}
        )


@transaction.atomic
def invitation_create(
    *,
    created_by: User,
    email: str,
    group_name: str,
    municipalities: Sequence[Municipality] = (),
    role: str = "",
    first_name: str = "",
    last_name: str = "",
    permission_checked: bool = False,
) -> tuple[Invitation, str]:
    """Invite someone by e-mail; returns the invitation and the secret token of its link.

    Redactie invites staff (Redactie, Coach) and municipality users; a municipality beheerder
    invites colleagues for their own municipality only. `permission_checked=True` is for
    services that checked a stronger permission themselves (coaching: a coach accepting a
    municipality's request invites its requester with `TRAJECTORY_MANAGE`).

    An address that already has an account gets an invitation to join, which names the
    account: nothing changes for that account until it accepts in /mijn/
    (`invitation_respond`). Staff invitations are for new accounts only.

    Inviting an address again for the same municipalities while its invitation is still open
    re-sends that invitation (`invitation_send_again`) instead of making a second one.
    """
    email = normalize_email_address(email)
    if group_name not in INVITABLE_GROUPS:
        raise ValidationError({"group": _("Kies Redactie, Coach of Gemeente.")})
    if group_name == GROUP_GEMEENTE:
        if not municipalities:
            raise ValidationError({"municipalities": _("Kies minstens één gemeente.")})
        if role not in Role.values:
            raise ValidationError({"role": _("Kies de rol: medewerker of beheerder.")})
        for municipality in municipalities:
            if not permission_checked:
                permissions.require(created_by, permissions.INVITATION_CREATE, municipality)
    else:
        if municipalities or role:
            raise ValidationError(
                {"municipalities": _("Medewerkers van BAZ krijgen geen gemeente of rol.")}
            )
        permissions.require(created_by, permissions.INVITATION_CREATE, None)
    existing = User.objects.filter(email__iexact=email).first()
    open_invitation = (
        _open_invitation_matching(email=email, municipalities=municipalities)
        if group_name == GROUP_GEMEENTE
        else None
    )
    if existing is not None:
        _existing_account_check(
            user=existing,
            group_name=group_name,
            municipalities=municipalities,
            reusing_open=open_invitation is not None,
        )
    if open_invitation is not None:
        return invitation_send_again(
            invitation=open_invitation,
            sent_by=created_by,
            role=role,
            first_name=first_name,
            last_name=last_name,
        )

    raw_token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        group=Group.objects.get(name=group_name),
        role=role if group_name == GROUP_GEMEENTE else "",
        user=existing,
        token_hash=invitation_token_hash(raw_token),
        created_by=created_by,
        expires_at=timezone.now() + timedelta(days=settings.ACCOUNTS_INVITATION_MAX_AGE_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    invitation.municipalities.set(municipalities)
    token = signing.Signer(salt=INVITATION_SIGNING_SALT).sign(raw_token)
    _send_invitation_email(invitation=invitation, token=token)
    return invitation, token


@transaction.atomic
def invitation_accept(*, token: str, password: str, first_name: str, last_name: str) -> User:
    """Create the account of an invitation, with its group and memberships.

    Raises `InvitationUnavailable` for an unknown, expired, used or revoked link and
    `ValidationError` for a password that is too weak.
    """
    found = invitation_for_token(token=token)
    if found is None:
        raise InvitationUnavailable("invalid")
    # Lock the row: two clicks on the same link must not make two accounts.
    invitation = Invitation.objects.select_for_update().select_related("group").get(pk=found.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise InvitationUnavailable(invitation.status)
    if invitation.for_existing_account:
        # Answered in /mijn/ by that account, never by whoever holds the link.
        raise InvitationUnavailable("existing")
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationUnavailable(InvitationStatus.ACCEPTED)

    user = User(email=invitation.email, first_name=first_name.strip(), last_name=last_name.strip())
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.add(invitation.group)
    for municipality in invitation.municipalities.all():
        membership = Membership(user=user, municipality=municipality, role=invitation.role)
        membership.full_clean()
        membership.save()

    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.full_clean()
    invitation.save()
    _other_invitations_settle(accepted=invitation, user=user)
    return user


@transaction.atomic
def invitation_respond(*, user: User, invitation: Invitation, accept: bool) -> Invitation:
    """The invited account accepts (memberships follow) or declines an invitation to join.

    Only that account itself may answer (`INVITATION_RESPOND`), once, while it is open. An
    existing membership is never lowered: a beheerder invited as medewerker stays beheerder.
    """
    permissions.require(user, permissions.INVITATION_RESPOND, invitation)
    invitation = (
        Invitation.objects.select_for_update().select_related("group").get(pk=invitation.pk)
    )
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError(
            _("Deze uitnodiging is niet meer open (%(status)s).")
            % {"status": invitation.get_status_display()}
        )
    now = timezone.now()
    if not accept:
        invitation.declined_at = now
        invitation.full_clean()
        invitation.save(update_fields=["declined_at"])
        return invitation
    user.groups.add(invitation.group)
    for municipality in invitation.municipalities.all():
        membership, created = Membership.objects.get_or_create(
            user=user, municipality=municipality, defaults={"role": invitation.role}
        )
        if not created and invitation.role == Role.BEHEERDER and membership.role != Role.BEHEERDER:
            membership.role = Role.BEHEERDER
            membership.full_clean()
            membership.save(update_fields=["role"])
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.full_clean()
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    _other_invitations_settle(accepted=invitation, user=user)
    permissions.forget_cached_permissions(user)
    return invitation


@transaction.atomic
def invitation_revoke(*, revoked_by: User, invitation: Invitation) -> Invitation:
    """Make an open invitation's link unusable."""
    permissions.require(revoked_by, permissions.INVITATION_REVOKE, invitation)
    invitation = (
        Invitation.objects.select_for_update().select_related("group").get(pk=invitation.pk)
    )
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError(
            _("Deze uitnodiging is niet meer open en kan niet ingetrokken worden.")
        )
    invitation.revoked_at = timezone.now()
    invitation.revoked_by = revoked_by
    invitation.full_clean()
    invitation.save()
    return invitation


@transaction.atomic
def user_profile_update(*, user: User, first_name: str, last_name: str) -> User:
    """Change the name someone shows to others."""
    permissions.require(user, permissions.WORKSPACE_VIEW)
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.full_clean()
    user.save(update_fields=["first_name", "last_name"])
    return user


@transaction.atomic
def initiatiefnemer_account_ensure(
    *, email: str, first_name: str = "", last_name: str = ""
) -> tuple[User, bool]:
    """The account of someone who proposed an initiative; (user, created).

    For the atlas: call it only once the person confirmed their e-mail address. An existing
    account is reused and joins the Initiatiefnemer group. A new account gets a random
    password nobody knows and an e-mail with a link to choose their own; when that link has
    expired, "Wachtwoord vergeten" works for them like for everyone else.
    """
    email = normalize_email_address(email)
    group = Group.objects.get(name=GROUP_INITIATIEFNEMER)
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        user.groups.add(group)
        return user, False

    user = User(email=email, first_name=first_name.strip(), last_name=last_name.strip())
    user.set_password(secrets.token_urlsafe(32))
    user.full_clean()
    user.save()
    user.groups.add(group)
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
        "reset_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("accounts:password_reset"),
    }
    email_queue(
        to=user.email,
        subject=_("Je account op BurgersAanZet"),
        template="accounts/email/initiatiefnemer_welcome",
        context=context,
        secret=True,  # the link is a key: the outbox hides and clears it
    )
    return user, True


# --- Invitations: one open invitation per address and municipality -----------------------------


def _open_invitation_matching(
    *, email: str, municipalities: Sequence[Municipality]
) -> Invitation | None:
    """The open municipality invitation of this address for exactly these municipalities."""
    wanted = {m.pk for m in municipalities}
    candidates = (
        Invitation.objects.pending()
        .select_for_update()
        .filter(email__iexact=email, group__name=GROUP_GEMEENTE)
        .order_by("-created_at")
    )
    for candidate in candidates:
        if set(candidate.municipalities.values_list("pk", flat=True)) == wanted:
            return candidate
    return None


def _invitation_permission(user: User, invitation: Invitation) -> None:
    """Re-sending needs the right to manage every municipality the invitation is for."""
    municipalities = list(invitation.municipalities.all())
    if invitation.is_staff_invitation or not municipalities:
        permissions.require(user, permissions.INVITATION_CREATE, None)
    for municipality in municipalities:
        permissions.require(user, permissions.MEMBERSHIP_MANAGE, municipality)


@transaction.atomic
def invitation_send_again(
    *,
    invitation: Invitation,
    sent_by: User,
    role: str = "",
    first_name: str = "",
    last_name: str = "",
    permission_checked: bool = True,
) -> tuple[Invitation, str]:
    """Send an open (or expired) invitation again, with a new link that works the full period.

    The link of the earlier mail stops working: only the newest mail counts. A role or name
    given now replaces the earlier one (the person inviting changed their mind). Called by
    `invitation_create` (which checked the permission) and by `invitation_resend`.
    """
    if not permission_checked:
        _invitation_permission(sent_by, invitation)
    invitation = (
        Invitation.objects.select_for_update().select_related("group").get(pk=invitation.pk)
    )
    if invitation.status not in (InvitationStatus.PENDING, InvitationStatus.EXPIRED):
        raise ValidationError(
            _("Deze uitnodiging is niet meer open (%(status)s).")
            % {"status": invitation.get_status_display()}
        )
    if role:
        if role not in Role.values:
            raise ValidationError({"role": _("Kies de rol: medewerker of beheerder.")})
        invitation.role = role
    if first_name.strip():
        invitation.first_name = first_name.strip()
    if last_name.strip():
        invitation.last_name = last_name.strip()
    raw_token = secrets.token_urlsafe(32)
    invitation.token_hash = invitation_token_hash(raw_token)
    invitation.expires_at = timezone.now() + timedelta(
        days=settings.ACCOUNTS_INVITATION_MAX_AGE_DAYS
    )
    invitation.full_clean()
    invitation.save()
    token = signing.Signer(salt=INVITATION_SIGNING_SALT).sign(raw_token)
    _send_invitation_email(invitation=invitation, token=token)
    log_action(
        invitation,
        ACTION_INVITATION_RESEND,
        user=sent_by,
        title=_invitation_log_title(invitation),
        data={"role": invitation.role},
    )
    return invitation, token


def invitation_resend(*, sent_by: User, invitation: Invitation) -> tuple[Invitation, str]:
    """A beheerder (or Redactie) sends an open invitation again from the team page."""
    return invitation_send_again(invitation=invitation, sent_by=sent_by, permission_checked=False)


def _other_invitations_settle(*, accepted: Invitation, user: User) -> None:
    """After one invitation is accepted, the other open ones for that address are settled.

    Those for municipalities the account now works for are closed (they would only offer what
    it has). Those for other municipalities name the account from now on, so the person
    answers them in /mijn/uitnodigingen/ instead of meeting a link that no longer works.
    Staff invitations are for new accounts only and are closed.
    """
    member_of = set(Membership.objects.filter(user=user).values_list("municipality_id", flat=True))
    others = (
        Invitation.objects.pending()
        .select_for_update()
        .select_related("group")
        .filter(email__iexact=accepted.email)
        .exclude(pk=accepted.pk)
    )
    now = timezone.now()
    for other in others:
        wanted = set(other.municipalities.values_list("pk", flat=True))
        if other.is_staff_invitation or not wanted or wanted <= member_of:
            other.revoked_at = now
            other.full_clean()
            other.save(update_fields=["revoked_at"])
        elif other.user_id is None:
            other.user = user
            other.full_clean()
            other.save(update_fields=["user"])


# --- The team: roles, removing, leaving --------------------------------------------------------

ACTION_MEMBERSHIP_ROLE = "baz.membership.role_change"
ACTION_MEMBERSHIP_REMOVE = "baz.membership.remove"
ACTION_MEMBERSHIP_LEAVE = "baz.membership.leave"
ACTION_INVITATION_RESEND = "baz.invitation.resend"


def _invitation_log_title(invitation: Invitation) -> str:
    # The audit log keeps account ids, never addresses (see accounts/privacy.py).
    return _("Uitnodiging %(pk)s") % {"pk": invitation.pk}


def _membership_log(membership: Membership, action: str, user: User, **data: object) -> None:
    log_action(
        membership,
        action,
        user=user,
        title=_("Lidmaatschap %(pk)s van %(municipality)s")
        % {"pk": membership.pk, "municipality": membership.municipality.name_nl},
        data={
            "municipality": membership.municipality.refnis,
            "user_id": membership.user_id,
            **data,
        },
        deleted=action != ACTION_MEMBERSHIP_ROLE,
    )


def _lock_team(municipality: Municipality) -> list[Membership]:
    """Every membership of the municipality, locked: two beheerders acting at once must not
    leave it without one."""
    return list(
        Membership.objects.select_for_update().filter(municipality=municipality).order_by("pk")
    )


def _last_beheerder_check(team: list[Membership], membership: Membership, message: str) -> None:
    beheerders = [m for m in team if m.role == Role.BEHEERDER]
    if membership.role == Role.BEHEERDER and [m.pk for m in beheerders] == [membership.pk]:
        raise ValidationError(message)


@transaction.atomic
def membership_role_change(*, changed_by: User, membership: Membership, role: str) -> Membership:
    """Make a colleague beheerder or medewerker; a municipality always keeps one beheerder."""
    municipality = membership.municipality
    permissions.require(changed_by, permissions.MEMBERSHIP_MANAGE, municipality)
    if role not in Role.values:
        raise ValidationError({"role": _("Kies de rol: medewerker of beheerder.")})
    team = _lock_team(municipality)
    current = next((m for m in team if m.pk == membership.pk), None)
    if current is None:
        raise ValidationError(_("Deze persoon werkt niet meer mee voor deze gemeente."))
    if current.role == role:
        return current
    if role == Role.MEDEWERKER:
        _last_beheerder_check(
            team,
            current,
            _("%(municipality)s heeft dan geen beheerder meer. Maak eerst iemand anders beheerder.")
            % {"municipality": municipality.name_nl},
        )
    previous = current.role
    current.role = role
    current.full_clean()
    current.save(update_fields=["role"])
    current.municipality = municipality
    _membership_log(current, ACTION_MEMBERSHIP_ROLE, changed_by, role_from=previous, role_to=role)
    permissions.forget_cached_permissions(changed_by)
    return current


@transaction.atomic
def membership_remove(*, removed_by: User, membership: Membership) -> None:
    """Take a colleague out of the municipality's team (the account itself stays)."""
    municipality = membership.municipality
    permissions.require(removed_by, permissions.MEMBERSHIP_MANAGE, municipality)
    _membership_delete(membership=membership, by=removed_by, action=ACTION_MEMBERSHIP_REMOVE)


@transaction.atomic
def membership_leave(*, user: User, municipality: Municipality) -> None:
    """Stop working for a municipality yourself; its last beheerder cannot leave."""
    permissions.require(user, permissions.MEMBERSHIP_VIEW, municipality)
    membership = Membership.objects.filter(user=user, municipality=municipality).first()
    if membership is None:
        raise ValidationError(_("Je werkt niet mee voor deze gemeente."))
    _membership_delete(membership=membership, by=user, action=ACTION_MEMBERSHIP_LEAVE)


def _membership_delete(*, membership: Membership, by: User, action: str) -> None:
    municipality = membership.municipality
    team = _lock_team(municipality)
    current = next((m for m in team if m.pk == membership.pk), None)
    if current is None:
        raise ValidationError(_("Deze persoon werkt niet meer mee voor deze gemeente."))
    _last_beheerder_check(
        team,
        current,
        _("%(municipality)s heeft dan geen beheerder meer. Maak eerst iemand anders beheerder.")
        % {"municipality": municipality.name_nl},
    )
    current.municipality = municipality
    _membership_log(current, action, by, role=current.role)
    current.delete()
    permissions.forget_cached_permissions(by)
