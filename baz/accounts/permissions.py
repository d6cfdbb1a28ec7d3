"""Who may do what: one helper that services, views and templates ask.

`can(user, action, obj)` answers; `require(user, action, obj)` raises `PermissionDenied`.
Every action is a string constant below, so a typo fails loudly (`ValueError`) instead of
quietly denying. Later apps add their actions here and extend the matrix test in
`baz/accounts/tests/test_permissions.py`.

Staff rights (superuser, Redactie, Coach, admin access) exist only in a session that passed the
second factor: `can()` treats a staff account whose request user is not OTP-verified as a user
without those rights, on every path (`/mijn/` as well as `/beheer/`). A user object that did not
come through a request (management commands, a service checking whether a chosen person is a
coach) has no `is_verified` and keeps its roles: only requests carry a session to verify.

Roles, from the groups and memberships of a user:
- superuser: everything;
- Redactie: works in the admin and manages accounts (invites anyone, revokes anything);
- Coach: works in the admin, may see who works for a municipality and answers contact messages;
- municipality beheerder: invites and revokes colleagues for their own municipality, changes
  their roles and removes them (`membership.manage`);
- municipality medewerker and initiatiefnemer: their own workspace only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from baz.accounts.models import (
    GROUP_COACH,
    GROUP_REDACTIE,
    STAFF_GROUPS,
    Invitation,
    Membership,
    Role,
    User,
)
from baz.core.models import Municipality

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    UserLike = User | AnonymousUser

WORKSPACE_VIEW = "workspace.view"  # obj: None
ADMIN_ACCESS = "admin.access"  # obj: None
INVITATION_CREATE = "invitation.create"  # obj: Municipality, or None for a staff invitation
INVITATION_REVOKE = "invitation.revoke"  # obj: Invitation
INVITATION_RESPOND = "invitation.respond"  # obj: Invitation; only the invited account itself
MEMBERSHIP_VIEW = "membership.view"  # obj: Municipality, or None for every municipality
# Change a colleague's role, remove a membership, re-send an invitation: the municipality's
# beheerder (and Redactie). obj: Municipality. Leaving yourself needs only MEMBERSHIP_VIEW.
MEMBERSHIP_MANAGE = "membership.manage"

# The atlas (Inspireer elkaar). obj: an atlas Entry, or None where noted.
ENTRY_PROPOSE = "entry.propose"  # obj: None; anyone, also without an account
ENTRY_EDIT = "entry.edit"  # owner, users of the entry's municipality, redactie
ENTRY_PUBLISH = "entry.publish"  # users of the entry's municipality, redactie
ENTRY_IMPORT = "entry.import"  # obj: Municipality; its beheerders, redactie (bulk import)
ENTRY_MODERATE = "entry.moderate"  # obj: Entry or None; redactie
ENTRY_SET_BAZ_COLLABORATION = "entry.set_baz_collaboration"  # redactie, coach
ENTRY_RELAY_LIST = "entry.relay_list"  # obj: None; redactie (when, entry, status; no bodies)
ENTRY_CORRECTION_HANDLE = "entry.correction_handle"  # obj: CorrectionRequest or None; redactie
CONTACT_INBOX_VIEW = "contact.inbox_view"  # obj: None
CONTACT_MESSAGE_UPDATE = "contact.message_update"  # obj: ContactMessage
CONTACT_REPLY_SEND = "contact.reply_send"  # obj: ContactMessage

# The reflection tool (baz.learning). Only members of the municipality, never other staff:
# a reflection is the team's own until the team brings it into a coaching request.
REFLECTION_START = "reflection.start"  # obj: Municipality; start one in the workspace
REFLECTION_VIEW = "reflection.view"  # obj: Reflection in a workspace
REFLECTION_EDIT = "reflection.edit"  # obj: Reflection in a workspace (answers, link)
REFLECTION_CLAIM = "reflection.claim"  # obj: Reflection opened by link, not in a workspace

# Coaching. obj: a coaching Trajectory (or Agreement), or None where noted.
COACHING_REQUEST = "coaching.request"  # obj: None; anyone, also without an account
COACHING_DASHBOARD = "coaching.dashboard"  # obj: None; coaches (and redactie)
TRAJECTORY_VIEW = "trajectory.view"  # coaches; users of the trajectory's municipality
TRAJECTORY_MANAGE = "trajectory.manage"  # obj: Trajectory or None; coaches
TRAJECTORY_COACH_NOTES = "trajectory.coach_notes"  # coach-only notes; coaches
TRAJECTORY_MESSAGE_SEND = "trajectory.message_send"  # coaches; users of its municipality
# Consent to appear on the public map: a beheerder of the municipality, or a coach (who records
# how the municipality gave it). obj: a Trajectory, or a lokaal-bestuur Entry (its baz_map_consent).
TRAJECTORY_MAP_CONSENT = "trajectory.map_consent"
AGREEMENT_STATUS_UPDATE = "agreement.status_update"  # obj: Agreement; coaches, and users of
# its municipality when the municipality owns the agreement

ACTIONS = (
    WORKSPACE_VIEW,
    ADMIN_ACCESS,
    INVITATION_CREATE,
    INVITATION_REVOKE,
    INVITATION_RESPOND,
    MEMBERSHIP_VIEW,
    MEMBERSHIP_MANAGE,
    ENTRY_PROPOSE,
    ENTRY_EDIT,
    ENTRY_PUBLISH,
    ENTRY_IMPORT,
    ENTRY_MODERATE,
    ENTRY_SET_BAZ_COLLABORATION,
    ENTRY_RELAY_LIST,
    ENTRY_CORRECTION_HANDLE,
    CONTACT_INBOX_VIEW,
    CONTACT_MESSAGE_UPDATE,
    CONTACT_REPLY_SEND,
    REFLECTION_START,
    REFLECTION_VIEW,
    REFLECTION_EDIT,
    REFLECTION_CLAIM,
    COACHING_REQUEST,
    COACHING_DASHBOARD,
    TRAJECTORY_VIEW,
    TRAJECTORY_MANAGE,
    TRAJECTORY_COACH_NOTES,
    TRAJECTORY_MESSAGE_SEND,
    TRAJECTORY_MAP_CONSENT,
    AGREEMENT_STATUS_UPDATE,
)
REFLECTION_ACTIONS = (REFLECTION_START, REFLECTION_VIEW, REFLECTION_EDIT, REFLECTION_CLAIM)

_GROUPS_CACHE = "_baz_group_names"
_ROLES_CACHE = "_baz_municipality_roles"


def _group_names(user: UserLike) -> frozenset[str]:
    cached = getattr(user, _GROUPS_CACHE, None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, _GROUPS_CACHE, cached)
    return cached


def municipality_roles(user: UserLike) -> dict[int, str]:
    """{municipality id: role} for every membership of the user, read once per user object."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("municipality_id", "role"))
        setattr(user, _ROLES_CACHE, cached)
    return cached


def forget_cached_permissions(user: Any) -> None:
    """Call after changing a user's groups or memberships within the same request."""
    for name in (
        _GROUPS_CACHE,
        _ROLES_CACHE,
        "_perm_cache",
        "_user_perm_cache",
        "_group_perm_cache",
    ):
        if hasattr(user, name):
            delattr(user, name)


def has_staff_role(user: UserLike | None, *, admin_permission: bool = True) -> bool:
    """True for an account with staff rights on paper (superuser, Redactie, Coach, or Wagtail
    admin access), whether or not this session passed the second factor.

    `admin_permission=False` skips the permission lookup (two queries) and looks at the
    superuser flag and the staff groups only: enough for a notice, not for a right."""
    if user is None or not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False) or _group_names(user) & set(STAFF_GROUPS):
        return True
    return admin_permission and bool(user.has_perm("wagtailadmin.access_admin"))


def second_factor_verified(user: UserLike | None) -> bool:
    """False only for a request's user whose session has not passed the second factor.

    django-otp's middleware gives every request user an `is_verified()`; a user object loaded
    outside a request has none and is not a session (see the module docstring).
    """
    is_verified = getattr(user, "is_verified", None)
    if is_verified is None:
        return True
    return bool(is_verified())


def staff_needs_second_factor(user: UserLike | None, *, admin_permission: bool = True) -> bool:
    """True for a staff account in a session without the second factor: it has no staff right
    until it passes that step (the views send it there, or show what a non-staff user sees)."""
    if user is None or second_factor_verified(user):
        return False
    return has_staff_role(user, admin_permission=admin_permission)


def _is_superuser(user: UserLike) -> bool:
    return bool(getattr(user, "is_superuser", False)) and second_factor_verified(user)


def _is_redactie(user: UserLike) -> bool:
    return _is_superuser(user) or (
        GROUP_REDACTIE in _group_names(user) and second_factor_verified(user)
    )


def _is_coach(user: UserLike) -> bool:
    return GROUP_COACH in _group_names(user) and second_factor_verified(user)


def _is_beheerder_of(user: UserLike, municipality_id: int) -> bool:
    return municipality_roles(user).get(municipality_id) == Role.BEHEERDER


def can(user: UserLike | None, action: str, obj: object = None) -> bool:
    """True if `user` may do `action` (on `obj`, where the action takes one)."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown action: {action!r}")
    if user is not None and user.is_authenticated and not user.is_active:
        return False
    if action in (ENTRY_PROPOSE, COACHING_REQUEST):
        return True
    if user is None or not user.is_authenticated:
        return False

    if action == WORKSPACE_VIEW:
        return True
    if action == ADMIN_ACCESS:
        # Whoever Wagtail lets into the admin (migration 0002 gives this to Redactie and Coach),
        # once this session passed the second factor.
        return second_factor_verified(user) and user.has_perm("wagtailadmin.access_admin")
    if action in REFLECTION_ACTIONS:
        return _is_superuser(user) or _can_reflection(user, action, obj)
    if action == INVITATION_RESPOND:
        # Nobody answers an invitation for someone else, not even Redactie.
        return isinstance(obj, Invitation) and obj.user_id is not None and obj.user_id == user.pk
    if _is_redactie(user):
        return True
    if action in (INVITATION_CREATE, MEMBERSHIP_MANAGE, ENTRY_IMPORT):
        return isinstance(obj, Municipality) and _is_beheerder_of(user, obj.pk)
    if action == INVITATION_REVOKE:
        if not isinstance(obj, Invitation) or obj.is_staff_invitation:
            return False
        municipality_ids = [m.pk for m in obj.municipalities.all()]
        return bool(municipality_ids) and all(_is_beheerder_of(user, pk) for pk in municipality_ids)
    if action in (CONTACT_INBOX_VIEW, CONTACT_MESSAGE_UPDATE, CONTACT_REPLY_SEND):
        # BAZ staff answer contact requests: Redactie (above) and coaches.
        return _is_coach(user)
    if action == MEMBERSHIP_VIEW:
        if _is_coach(user):
            return True
        return isinstance(obj, Municipality) and obj.pk in municipality_roles(user)
    if action == ENTRY_SET_BAZ_COLLABORATION:
        return _is_coach(user)
    if action in (ENTRY_MODERATE, ENTRY_RELAY_LIST, ENTRY_CORRECTION_HANDLE):
        return False
    if action in (COACHING_DASHBOARD, TRAJECTORY_MANAGE, TRAJECTORY_COACH_NOTES):
        return _is_coach(user)
    if action == TRAJECTORY_MAP_CONSENT:
        if _is_coach(user):
            return True
        municipality_id = getattr(obj, "municipality_id", None)
        return municipality_id is not None and _is_beheerder_of(user, municipality_id)
    if action in (TRAJECTORY_VIEW, TRAJECTORY_MESSAGE_SEND):
        if _is_coach(user):
            return True
        municipality_id = getattr(obj, "municipality_id", None)
        return municipality_id is not None and municipality_id in municipality_roles(user)
    if action == AGREEMENT_STATUS_UPDATE:
        if _is_coach(user):
            return True
        trajectory = getattr(obj, "trajectory", None)
        return (
            getattr(obj, "party", None) == "gemeente"
            and trajectory is not None
            and trajectory.municipality_id in municipality_roles(user)
        )
    if action in (ENTRY_EDIT, ENTRY_PUBLISH):
        municipality_id = getattr(obj, "municipality_id", None)
        if municipality_id is not None and municipality_id in municipality_roles(user):
            return True
        return action == ENTRY_EDIT and getattr(obj, "owner_id", None) == user.pk
    raise AssertionError(f"Action without a rule: {action}")  # pragma: no cover


def _can_reflection(user: UserLike, action: str, obj: object) -> bool:
    roles = municipality_roles(user)
    if action == REFLECTION_START:
        return isinstance(obj, Municipality) and obj.pk in roles
    municipality_id = getattr(obj, "municipality_id", None)
    in_workspace = getattr(obj, "in_workspace", None)
    if in_workspace is None:  # not a reflection
        return False
    if action == REFLECTION_CLAIM:
        if in_workspace:
            return False
        return bool(roles) if municipality_id is None else municipality_id in roles
    return bool(in_workspace) and municipality_id in roles


def require(user: UserLike | None, action: str, obj: object = None) -> None:
    """Raise `PermissionDenied` unless `can(user, action, obj)`."""
    if not can(user, action, obj):
        raise PermissionDenied(f"Not allowed: {action}")
