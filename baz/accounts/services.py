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
    *, user: User, group_name: str, municipalities: Sequence[Municipality]
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
    if Invitation.objects.pending().filter(user=user, municipalities__in=municipalities).exists():
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
    if existing is not None:
        _existing_account_check(user=existing, group_name=group_name, municipalities=municipalities)

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
