"""The state machine: every legal and every illegal transition, what each one records, and
what entering intake (invitations) and analyse (atlas inventory) does."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied

from baz.accounts.models import Invitation, Membership
from baz.accounts.tests.factories import UserFactory, member
from baz.coaching.models import OPEN_STATES, State, Trajectory
from baz.coaching.services.trajectories import (
    TRANSITIONS,
    TransitionNotAllowed,
    coaching_request_decline,
    coaching_request_invite,
    coaching_request_submit,
    trajectory_transition,
)

pytestmark = pytest.mark.django_db

LEGAL = [
    (State.REQUESTED, State.INTAKE),
    (State.INTAKE, State.ANALYSIS),
    (State.ANALYSIS, State.TRAINING),
    (State.TRAINING, State.AGREEMENTS),
    (State.AGREEMENTS, State.COMPLETED),
    *[(state, State.STOPPED) for state in OPEN_STATES],
]
ILLEGAL = [(a, b) for a, b in itertools.product(State.values, State.values) if (a, b) not in LEGAL]


def test_the_transition_table_is_exactly_the_legal_list():
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == set(LEGAL)
    assert len(LEGAL) + len(ILLEGAL) == len(State.values) ** 2


@pytest.mark.parametrize(("from_state", "to_state"), LEGAL)
def test_a_legal_transition_changes_the_state_and_records_who_when_and_why(
    atlas_gemeente_a, coaching_coach, from_state, to_state
):
    trajectory = Trajectory.objects.create(municipality=atlas_gemeente_a, state=from_state)

    trajectory_transition(trajectory, to_state, coaching_coach, "Goed gesprek gehad.")

    trajectory.refresh_from_db()
    assert trajectory.state == to_state
    event = trajectory.events.get()
    assert (event.from_state, event.to_state) == (from_state, to_state)
    assert event.actor == coaching_coach
    assert event.note == "Goed gesprek gehad."
    assert (trajectory.closed_at is not None) is (to_state in (State.COMPLETED, State.STOPPED))
    assert (trajectory.started_at is not None) is (to_state == State.INTAKE)
    if to_state == State.STOPPED:
        assert trajectory.stop_reason == "Goed gesprek gehad."


@pytest.mark.parametrize(("from_state", "to_state"), ILLEGAL)
def test_an_illegal_transition_is_refused_in_dutch_and_changes_nothing(
    atlas_gemeente_a, coaching_coach, from_state, to_state
):
    trajectory = Trajectory.objects.create(municipality=atlas_gemeente_a, state=from_state)

    with pytest.raises(TransitionNotAllowed) as refused:
        trajectory_transition(trajectory, to_state, coaching_coach, "Probeer")

    assert "kan niet naar" in refused.value.messages[0]
    trajectory.refresh_from_db()
    assert trajectory.state == from_state
    assert not trajectory.events.exists()
    assert trajectory.closed_at is None


def test_an_unknown_state_is_refused(atlas_gemeente_a, coaching_coach):
    trajectory = Trajectory.objects.create(municipality=atlas_gemeente_a)

    with pytest.raises(TransitionNotAllowed, match="bestaat niet"):
        trajectory_transition(trajectory, "gepauzeerd", coaching_coach)


def test_stopping_needs_a_reason(atlas_gemeente_a, coaching_coach):
    trajectory = Trajectory.objects.create(municipality=atlas_gemeente_a, state=State.ANALYSIS)

    with pytest.raises(TransitionNotAllowed, match="Geef een reden"):
        trajectory_transition(trajectory, State.STOPPED, coaching_coach, "   ")

    trajectory.refresh_from_db()
    assert trajectory.state == State.ANALYSIS


def test_only_coaches_move_a_trajectory(atlas_gemeente_a, atlas_member_a):
    trajectory = Trajectory.objects.create(municipality=atlas_gemeente_a)

    with pytest.raises(PermissionDenied):
        trajectory_transition(trajectory, State.INTAKE, atlas_member_a)

    trajectory.refresh_from_db()
    assert trajectory.state == State.REQUESTED


def test_a_full_run_keeps_the_first_start_date_and_the_whole_timeline(
    atlas_gemeente_a, coaching_coach
):
    trajectory = Trajectory.objects.create(municipality=atlas_gemeente_a)
    for state in (State.INTAKE, State.ANALYSIS, State.TRAINING, State.AGREEMENTS):
        trajectory_transition(trajectory, state, coaching_coach)
    started = trajectory.started_at
    trajectory_transition(trajectory, State.COMPLETED, coaching_coach)

    trajectory.refresh_from_db()
    assert trajectory.started_at == started
    assert trajectory.closed_at >= started
    assert [e.to_state for e in trajectory.events.all()] == [
        State.INTAKE,
        State.ANALYSIS,
        State.TRAINING,
        State.AGREEMENTS,
        State.COMPLETED,
    ]


def test_entering_intake_invites_nobody(atlas_gemeente_a, coaching_coach):
    """Trust part 1, item 2: an anonymous request never leads to an invitation by itself."""
    first = coaching_request_submit(
        municipality=atlas_gemeente_a,
        name="Hanne Verstraeten",
        role="Beleidsmedewerker",
        email="hanne@example.org",
        motivation="Graag.",
    )

    trajectory_transition(first.trajectory, State.INTAKE, coaching_coach)

    assert not Invitation.objects.exists()
    assert not Membership.objects.filter(municipality=atlas_gemeente_a).exists()
    first.refresh_from_db()
    assert first.awaiting_decision


def test_a_coach_invites_each_requester_one_by_one(atlas_gemeente_a, coaching_coach):
    hanne = coaching_request_submit(
        municipality=atlas_gemeente_a,
        name="Hanne Verstraeten",
        role="Beleidsmedewerker",
        email="hanne@example.org",
        motivation="Graag.",
    )
    # The same person asked twice, and someone the coach does not invite.
    again = coaching_request_submit(
        municipality=atlas_gemeente_a,
        name="Hanne Verstraeten",
        role="Beleidsmedewerker",
        email="hanne@example.org",
        motivation="Nog eens.",
    )
    stranger = coaching_request_submit(
        municipality=atlas_gemeente_a,
        name="Iemand Anders",
        role="Burger",
        email="iemand@example.net",
        motivation="Ik wil binnen.",
    )
    trajectory = hanne.trajectory
    trajectory_transition(trajectory, State.INTAKE, coaching_coach)

    assert coaching_request_invite(coaching_request=hanne, actor=coaching_coach)
    assert coaching_request_invite(coaching_request=again, actor=coaching_coach)
    assert coaching_request_decline(coaching_request=stranger, actor=coaching_coach)
    # Decided once: a second click changes nothing.
    assert not coaching_request_invite(coaching_request=hanne, actor=coaching_coach)
    assert not coaching_request_invite(coaching_request=stranger, actor=coaching_coach)

    [invitation] = Invitation.objects.all()
    assert invitation.email == "hanne@example.org"
    assert list(invitation.municipalities.all()) == [atlas_gemeente_a]
    assert invitation.role == "medewerker"
    hanne.refresh_from_db()
    again.refresh_from_db()
    stranger.refresh_from_db()
    assert hanne.invitation == invitation == again.invitation
    assert hanne.decided_by == coaching_coach
    assert stranger.declined_at is not None
    assert stranger.invitation is None
    assert not Membership.objects.filter(municipality=atlas_gemeente_a).exists()


def test_a_municipality_user_cannot_invite_or_decline_requesters(atlas_gemeente_a, atlas_member_a):
    from django.core.exceptions import PermissionDenied

    coaching_request = coaching_request_submit(
        municipality=atlas_gemeente_a,
        name="Bram",
        role="Schepen",
        email="bram@example.org",
        motivation="Graag.",
    )
    with pytest.raises(PermissionDenied):
        coaching_request_invite(coaching_request=coaching_request, actor=atlas_member_a)
    with pytest.raises(PermissionDenied):
        coaching_request_decline(coaching_request=coaching_request, actor=atlas_member_a)
    assert not Invitation.objects.exists()


def test_a_requester_with_an_account_gets_an_invitation_to_accept_not_a_membership(
    atlas_gemeente_a, coaching_coach
):
    """Before: an existing account became a medewerker at once, with nothing to accept."""
    existing = UserFactory(email="hanne@example.org", groups=["Initiatiefnemer"])
    coaching_request = coaching_request_submit(
        municipality=atlas_gemeente_a,
        name="Hanne Verstraeten",
        role="Beleidsmedewerker",
        email="hanne@example.org",
        motivation="Graag.",
    )
    trajectory_transition(coaching_request.trajectory, State.INTAKE, coaching_coach)

    coaching_request_invite(coaching_request=coaching_request, actor=coaching_coach)

    assert not Membership.objects.filter(user=existing, municipality=atlas_gemeente_a).exists()
    invitation = Invitation.objects.get()
    assert invitation.user == existing
    coaching_request.refresh_from_db()
    assert coaching_request.invitation == invitation


def test_a_requester_who_already_works_for_the_municipality_is_told_so(
    atlas_gemeente_a, coaching_coach
):
    from django.core.exceptions import ValidationError

    from baz.accounts.models import Role

    beheerder = member(atlas_gemeente_a, Role.BEHEERDER, email="hanne@example.org")
    coaching_request = coaching_request_submit(
        municipality=atlas_gemeente_a,
        name="Hanne",
        role="Beleidsmedewerker",
        email="hanne@example.org",
        motivation="Graag.",
    )

    with pytest.raises(ValidationError, match="werkt al mee"):
        coaching_request_invite(coaching_request=coaching_request, actor=coaching_coach)

    assert Membership.objects.get(user=beheerder).role == Role.BEHEERDER
    coaching_request.refresh_from_db()
    assert coaching_request.awaiting_decision


def test_entering_analysis_takes_the_atlas_inventory(atlas_gemeente_a, coaching_coach):
    from baz.atlas.tests.factories import EntryFactory, ThemeFactory, WerkvormFactory

    theme = ThemeFactory(name="Testthema samen", slug="testthema-samen")
    werkvorm = WerkvormFactory(name="Testwerkvorm duo", slug="testwerkvorm-duo")
    entry = EntryFactory(municipality=atlas_gemeente_a, kind="burgerinitiatief")
    entry.themes.add(theme)
    entry.werkvormen.add(werkvorm)
    EntryFactory(municipality=atlas_gemeente_a, kind="organisatie")
    trajectory = Trajectory.objects.create(municipality=atlas_gemeente_a, state=State.INTAKE)

    trajectory_transition(trajectory, State.ANALYSIS, coaching_coach)

    trajectory.refresh_from_db()
    inventory = trajectory.inventory_snapshot
    assert inventory["total"] == 2
    kinds = {row["slug"]: row["count"] for row in inventory["kinds"]}
    assert kinds == {"burgerinitiatief": 1, "lokaal-bestuur": 0, "organisatie": 1}
    assert inventory["themes"] == [
        {
            "slug": "testthema-samen",
            "label": "Testthema samen",
            "count": 1,
            "url": "/inspireer-elkaar/?municipality=44021&theme=testthema-samen",
        }
    ]
    assert inventory["werkvormen"][0]["url"].endswith("werkvorm=testwerkvorm-duo")
    assert trajectory.inventory_taken_at is not None
