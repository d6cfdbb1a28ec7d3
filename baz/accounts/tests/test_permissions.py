"""The permission matrix: every role by every action, written out in full.

Columns of EXPECTED: the object the action is asked about. "A" and "B" are municipalities
(for invitation.revoke: an open invitation for a colleague in that municipality); "entry-A"
and "entry-B" are atlas entries in A and B, both owned by the initiatiefnemer; "traject-A"
and "traject-B" are coaching trajectories of A and B; "afspraak-A-gemeente",
"afspraak-A-baz" and "afspraak-B-gemeente" are agreements of those trajectories owned by
the municipality or by BAZ; "-" is no object (for invitation.create: a staff invitation;
for membership.view: every municipality).
"reflection-A" and "reflection-B" are reflections in the workspace of A and B; "link-A" is a
reflection about A made by link (not in a workspace), "link-none" one without a municipality.
"""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from baz.accounts import permissions
from baz.accounts.models import Invitation, Role
from baz.accounts.permissions import (
    ADMIN_ACCESS,
    AGREEMENT_STATUS_UPDATE,
    COACHING_DASHBOARD,
    COACHING_REQUEST,
    CONTACT_INBOX_VIEW,
    CONTACT_MESSAGE_UPDATE,
    CONTACT_REPLY_SEND,
    ENTRY_CORRECTION_HANDLE,
    ENTRY_EDIT,
    ENTRY_IMPORT,
    ENTRY_MODERATE,
    ENTRY_PROPOSE,
    ENTRY_PUBLISH,
    ENTRY_RELAY_LIST,
    ENTRY_SET_BAZ_COLLABORATION,
    INVITATION_CREATE,
    INVITATION_RESPOND,
    INVITATION_REVOKE,
    MEMBERSHIP_MANAGE,
    MEMBERSHIP_VIEW,
    REFLECTION_CLAIM,
    REFLECTION_EDIT,
    REFLECTION_START,
    REFLECTION_VIEW,
    TRAJECTORY_COACH_NOTES,
    TRAJECTORY_MANAGE,
    TRAJECTORY_MAP_CONSENT,
    TRAJECTORY_MESSAGE_SEND,
    TRAJECTORY_VIEW,
    WORKSPACE_VIEW,
    can,
    require,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "initiatiefnemer",
    "medewerker_a",
    "medewerker_b",
    "beheerder_a",
    "coach",
    "redactie",
]

# (action, object) -> role -> allowed
EXPECTED = {
    (WORKSPACE_VIEW, "-"): {
        "anonymous": False, "initiatiefnemer": True, "medewerker_a": True, "medewerker_b": True,
        "beheerder_a": True, "coach": True, "redactie": True,
    },
    (ADMIN_ACCESS, "-"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (INVITATION_CREATE, "-"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": False, "redactie": True,
    },
    (INVITATION_CREATE, "A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": True, "coach": False, "redactie": True,
    },
    (INVITATION_CREATE, "B"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": False, "redactie": True,
    },
    (INVITATION_REVOKE, "A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": True, "coach": False, "redactie": True,
    },
    (INVITATION_REVOKE, "B"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": False, "redactie": True,
    },
    (INVITATION_REVOKE, "staff"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": False, "redactie": True,
    },
    (MEMBERSHIP_VIEW, "-"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (MEMBERSHIP_VIEW, "A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": True,
        "medewerker_b": False, "beheerder_a": True, "coach": True, "redactie": True,
    },
    (MEMBERSHIP_VIEW, "B"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": True, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (MEMBERSHIP_MANAGE, "A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": True, "coach": False, "redactie": True,
    },
    (MEMBERSHIP_MANAGE, "B"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": False, "redactie": True,
    },
    (ENTRY_PROPOSE, "-"): {
        "anonymous": True, "initiatiefnemer": True, "medewerker_a": True, "medewerker_b": True,
        "beheerder_a": True, "coach": True, "redactie": True,
    },
    (ENTRY_EDIT, "entry-A"): {
        "anonymous": False, "initiatiefnemer": True, "medewerker_a": True,
        "medewerker_b": False, "beheerder_a": True, "coach": False, "redactie": True,
    },
    (ENTRY_EDIT, "entry-B"): {
        "anonymous": False, "initiatiefnemer": True, "medewerker_a": False,
        "medewerker_b": True, "beheerder_a": False, "coach": False, "redactie": True,
    },
    (ENTRY_PUBLISH, "entry-A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": True,
        "medewerker_b": False, "beheerder_a": True, "coach": False, "redactie": True,
    },
    (ENTRY_PUBLISH, "entry-B"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": True, "beheerder_a": False, "coach": False, "redactie": True,
    },
    (ENTRY_IMPORT, "A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": True, "coach": False, "redactie": True,
    },
    (ENTRY_IMPORT, "B"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": False, "redactie": True,
    },
    (ENTRY_MODERATE, "entry-A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": False, "redactie": True,
    },
    (ENTRY_SET_BAZ_COLLABORATION, "entry-A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (ENTRY_RELAY_LIST, "-"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": False, "redactie": True,
    },
    (ENTRY_CORRECTION_HANDLE, "-"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": False, "redactie": True,
    },
    (CONTACT_INBOX_VIEW, "-"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (CONTACT_MESSAGE_UPDATE, "-"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (CONTACT_REPLY_SEND, "-"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (REFLECTION_START, "A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": True,
        "medewerker_b": False, "beheerder_a": True, "coach": False, "redactie": False,
    },
    (REFLECTION_START, "B"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": True, "beheerder_a": False, "coach": False, "redactie": False,
    },
    (REFLECTION_VIEW, "reflection-A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": True,
        "medewerker_b": False, "beheerder_a": True, "coach": False, "redactie": False,
    },
    (REFLECTION_VIEW, "reflection-B"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": True, "beheerder_a": False, "coach": False, "redactie": False,
    },
    (REFLECTION_VIEW, "link-A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": False, "redactie": False,
    },
    (REFLECTION_EDIT, "reflection-A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": True,
        "medewerker_b": False, "beheerder_a": True, "coach": False, "redactie": False,
    },
    (REFLECTION_EDIT, "reflection-B"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": True, "beheerder_a": False, "coach": False, "redactie": False,
    },
    (REFLECTION_EDIT, "link-A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": False, "redactie": False,
    },
    (REFLECTION_CLAIM, "link-A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": True,
        "medewerker_b": False, "beheerder_a": True, "coach": False, "redactie": False,
    },
    (REFLECTION_CLAIM, "link-none"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": True,
        "medewerker_b": True, "beheerder_a": True, "coach": False, "redactie": False,
    },
    (REFLECTION_CLAIM, "reflection-A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": False, "redactie": False,
    },
    (COACHING_REQUEST, "-"): {
        "anonymous": True, "initiatiefnemer": True, "medewerker_a": True,
        "medewerker_b": True, "beheerder_a": True, "coach": True, "redactie": True,
    },
    (COACHING_DASHBOARD, "-"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (TRAJECTORY_VIEW, "traject-A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": True,
        "medewerker_b": False, "beheerder_a": True, "coach": True, "redactie": True,
    },
    (TRAJECTORY_VIEW, "traject-B"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": True, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (TRAJECTORY_MANAGE, "traject-A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (TRAJECTORY_MANAGE, "traject-B"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (TRAJECTORY_COACH_NOTES, "traject-A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (TRAJECTORY_COACH_NOTES, "traject-B"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (TRAJECTORY_MESSAGE_SEND, "traject-A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": True,
        "medewerker_b": False, "beheerder_a": True, "coach": True, "redactie": True,
    },
    (TRAJECTORY_MESSAGE_SEND, "traject-B"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": True, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (TRAJECTORY_MANAGE, "-"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (TRAJECTORY_MAP_CONSENT, "traject-A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": True, "coach": True, "redactie": True,
    },
    (TRAJECTORY_MAP_CONSENT, "traject-B"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (INVITATION_RESPOND, "join-medewerker_a"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": True,
        "medewerker_b": False, "beheerder_a": False, "coach": False, "redactie": False,
    },
    (INVITATION_RESPOND, "A"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": False, "redactie": False,
    },
    (AGREEMENT_STATUS_UPDATE, "afspraak-A-gemeente"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": True,
        "medewerker_b": False, "beheerder_a": True, "coach": True, "redactie": True,
    },
    (AGREEMENT_STATUS_UPDATE, "afspraak-A-baz"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": False, "beheerder_a": False, "coach": True, "redactie": True,
    },
    (AGREEMENT_STATUS_UPDATE, "afspraak-B-gemeente"): {
        "anonymous": False, "initiatiefnemer": False, "medewerker_a": False,
        "medewerker_b": True, "beheerder_a": False, "coach": True, "redactie": True,
    },
}  # fmt: skip

CASES = [
    (role, action, target, allowed)
    for (action, target), row in EXPECTED.items()
    for role, allowed in row.items()
]


def test_the_matrix_covers_every_action_and_role():
    assert {action for action, _ in EXPECTED} == set(permissions.ACTIONS)
    assert all(set(row) == set(ROLES) for row in EXPECTED.values())


def _invitation(municipality, group_name="Gemeente", role=Role.MEDEWERKER):
    from django.utils import timezone

    invitation = Invitation.objects.create(
        email=f"nieuw-{group_name}-{municipality.pk if municipality else 0}@example.org",
        group=Group.objects.get(name=group_name),
        role=role if municipality else "",
        token_hash=f"{group_name}{municipality.pk if municipality else 0}".ljust(64, "0"),
        expires_at=timezone.now() + timezone.timedelta(days=7),
    )
    if municipality:
        invitation.municipalities.add(municipality)
    return invitation


def _coaching_object(target, gemeente_a, gemeente_b):
    from baz.coaching.models import Agreement, State, Trajectory

    kind, place, *party = target.split("-")
    trajectory = Trajectory.objects.create(
        municipality=gemeente_a if place == "A" else gemeente_b, state=State.ANALYSIS
    )
    if kind == "traject":
        return trajectory
    return Agreement.objects.create(
        trajectory=trajectory, title="Een afspraak", party=party[0], owner_name="Iemand"
    )


@pytest.mark.parametrize(("role", "action", "target", "allowed"), CASES)
def test_permission_matrix(request, role, action, target, allowed, gemeente_a, gemeente_b):
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    if target.startswith("join-"):
        # An invitation for an account that exists: only that account answers it.
        obj = _invitation(gemeente_b)
        obj.user = request.getfixturevalue(target.removeprefix("join-"))
        obj.save()
    elif action in (INVITATION_REVOKE, INVITATION_RESPOND):
        obj = {
            "A": lambda: _invitation(gemeente_a),
            "B": lambda: _invitation(gemeente_b),
            "staff": lambda: _invitation(None, "Coach"),
        }[target]()
    elif target.startswith("entry-"):
        from baz.atlas.tests.factories_contribute import ContributeEntryFactory

        owner = request.getfixturevalue("initiatiefnemer")
        municipality = gemeente_a if target == "entry-A" else gemeente_b
        obj = ContributeEntryFactory(municipality=municipality, owner=owner)
    elif target.startswith(("reflection-", "link-")):
        from baz.learning.models import Reflection

        municipality = {"A": gemeente_a, "B": gemeente_b, "none": None}[target.split("-")[1]]
        obj = Reflection.objects.create(
            municipality=municipality,
            in_workspace=target.startswith("reflection-"),
            last_activity_at=timezone.now(),
        )
    elif target.startswith(("traject-", "afspraak-")):
        obj = _coaching_object(target, gemeente_a, gemeente_b)
    else:
        obj = {"-": None, "A": gemeente_a, "B": gemeente_b}[target]

    assert can(user, action, obj) is allowed
    if allowed:
        require(user, action, obj)
    else:
        with pytest.raises(PermissionDenied):
            require(user, action, obj)


def test_a_superuser_may_do_everything_but_answer_anothers_invitation(gemeente_b):
    from baz.accounts.tests.factories import UserFactory

    superuser = UserFactory(is_superuser=True)

    assert all(
        can(superuser, action, gemeente_b)
        for action in permissions.ACTIONS
        if action != INVITATION_RESPOND
    )
    invitation = _invitation(gemeente_b)
    invitation.user = UserFactory()
    invitation.save()
    assert not can(superuser, INVITATION_RESPOND, invitation)


class _Session:
    """A request's user as django-otp's middleware leaves it: `is_verified()` bound."""

    def __init__(self, user, verified):
        self.user = user
        user.is_verified = lambda: verified


@pytest.mark.parametrize("role", ["coach", "redactie", "superuser"])
def test_staff_rights_need_a_session_verified_with_the_second_factor(
    request, role, gemeente_a, gemeente_b
):
    """Trust part 1, item 3: a password alone gives no staff right, on any path."""
    from baz.accounts.tests.factories import UserFactory

    user = (
        UserFactory(is_superuser=True, is_staff=True)
        if role == "superuser"
        else request.getfixturevalue(role)
    )
    trajectory = _coaching_object("traject-A", gemeente_a, gemeente_b)
    staff_actions = [
        (ADMIN_ACCESS, None),
        (COACHING_DASHBOARD, None),
        (TRAJECTORY_VIEW, trajectory),
        (TRAJECTORY_MAP_CONSENT, trajectory),
        (INVITATION_CREATE, gemeente_a),
        (MEMBERSHIP_VIEW, gemeente_a),
        (CONTACT_INBOX_VIEW, None),
    ]
    _Session(user, verified=True)
    assert any(can(user, action, obj) for action, obj in staff_actions)
    _Session(user, verified=False)
    assert [action for action, obj in staff_actions if can(user, action, obj)] == []
    assert permissions.staff_needs_second_factor(user)
    # What every logged-in user may do stays.
    assert can(user, WORKSPACE_VIEW)


def test_an_inactive_user_may_do_nothing(redactie):
    redactie.is_active = False

    assert not any(can(redactie, action) for action in permissions.ACTIONS)


def test_anyone_may_propose_an_entry_even_without_a_user_object():
    assert can(None, ENTRY_PROPOSE)


def test_an_unknown_action_is_a_programming_error(redactie):
    with pytest.raises(ValueError, match="Unknown action"):
        can(redactie, "invitation.craete")
