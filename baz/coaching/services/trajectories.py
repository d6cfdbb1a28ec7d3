"""Writes of a trajectory: the public request, the state machine, coaches, phases, notes,
the analysis and the message thread.

Every change goes through one function here; each checks permissions itself
(`baz.accounts.permissions.require`), validates, and runs in one transaction together with
the e-mails it queues in the outbox.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from baz.accounts.models import GROUP_GEMEENTE, Role, User, normalize_email_address
from baz.accounts.permissions import (
    TRAJECTORY_COACH_NOTES,
    TRAJECTORY_MANAGE,
    TRAJECTORY_MAP_CONSENT,
    TRAJECTORY_MESSAGE_SEND,
    can,
    require,
)
from baz.coaching.models import (
    OPEN_STATES,
    CoachingRequest,
    Message,
    NoteKind,
    NoteVisibility,
    Phase,
    PhasePlan,
    State,
    Trajectory,
    TrajectoryEvent,
    TrajectoryNote,
)
from baz.coaching.selectors.trajectories import (
    coach_addresses,
    inventory_for_municipality,
    municipality_users,
    open_items_at_closing,
)
from baz.core.forms import human_check_token
from baz.core.models import Municipality
from baz.mail.services import email_queue

if TYPE_CHECKING:
    from baz.accounts.permissions import UserLike
    from baz.learning.models import Reflection

logger = logging.getLogger(__name__)

# The request form's human check (baz.core.forms.HumanCheckMixin in CoachingRequestForm).
REQUEST_FORM_SALT = "baz.coaching.request-form-started"
REQUEST_FORM_MAX_AGE_SECONDS = 60 * 60 * 24
# Coaching requests are rarer than contact messages: a few per address per hour is plenty.
REQUEST_RATE_LIMIT = 5
REQUEST_RATE_LIMIT_WINDOW_SECONDS = 60 * 60

#: The legal transitions: from each state, where a coach may move the trajectory next.
#: Stopping (`stopgezet`, with a reason) is allowed from every open state.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    State.REQUESTED: (State.INTAKE, State.STOPPED),
    State.INTAKE: (State.ANALYSIS, State.STOPPED),
    State.ANALYSIS: (State.TRAINING, State.STOPPED),
    State.TRAINING: (State.AGREEMENTS, State.STOPPED),
    State.AGREEMENTS: (State.COMPLETED, State.STOPPED),
    State.COMPLETED: (),
    State.STOPPED: (),
}


class TransitionNotAllowed(ValidationError):
    """A transition the state machine refuses; the message is Dutch and says why."""


class ClosingNeedsConfirmation(TransitionNotAllowed):
    """Closing a trajectory with open agreements or sessions still to come: the coach must
    confirm (`confirm_open=True`). `open_items` lists what is open."""

    def __init__(self, open_items: list[dict[str, Any]]) -> None:
        super().__init__(
            _(
                "Er staan nog %(count)s punten open. Bevestig dat je het traject toch wilt "
                "afsluiten."
            )
            % {"count": len(open_items)},
            code="confirm_open",
        )
        self.open_items = open_items


def next_states(state: str) -> tuple[str, ...]:
    return TRANSITIONS.get(state, ())


# --- Spam guards of the request form (the same pattern as the contact form) -------------------


def request_form_token(*, now: float | None = None) -> str:
    """A signed timestamp of when the form was shown, for the minimum fill time."""
    return human_check_token(salt=REQUEST_FORM_SALT, now=now)


# --- The request ------------------------------------------------------------------------------


def _admin_url(trajectory: Trajectory) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "coaching_admin_detail", kwargs={"pk": trajectory.pk}
    )


def _workspace_url(trajectory: Trajectory) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "coaching:mijn_messages", kwargs={"pk": trajectory.pk}
    )


def _open_trajectory_locked(municipality: Municipality) -> Trajectory | None:
    return (
        Trajectory.objects.select_for_update()
        .filter(municipality=municipality, state__in=OPEN_STATES)
        .first()
    )


def _open_trajectory_for(municipality: Municipality) -> tuple[Trajectory, bool]:
    """The open trajectory of a municipality, created when there is none; (trajectory, new).

    Two requests at the same moment: the partial unique constraint lets only one new row in;
    the other one's insert fails inside its savepoint and it attaches to the winner.
    """
    trajectory = _open_trajectory_locked(municipality)
    if trajectory is not None:
        return trajectory, False
    try:
        with transaction.atomic():
            trajectory = Trajectory.objects.create(municipality=municipality)
    except IntegrityError:
        trajectory = _open_trajectory_locked(municipality)
        if trajectory is None:  # pragma: no cover - the winner was stopped in between
            raise
        return trajectory, False
    TrajectoryEvent.objects.create(trajectory=trajectory, from_state="", to_state=State.REQUESTED)
    return trajectory, True


@transaction.atomic
def coaching_request_submit(
    *,
    municipality: Municipality,
    name: str,
    role: str,
    email: str,
    phone: str = "",
    motivation: str,
    reflection: Reflection | None = None,
    map_consent: bool = False,
) -> CoachingRequest:
    """Store a coaching request, attach it to the municipality's open trajectory (or start
    one), and queue a confirmation to the requester and a notification to the coaches.

    The request gives the requester nothing: no membership, no invitation, no consent for
    the public map. A coach decides on each requester (`coaching_request_invite` /
    `coaching_request_decline`).

    The request is stored first; the e-mails are queued in a savepoint, so a mail problem
    never loses a request.
    """
    trajectory, created = _open_trajectory_for(municipality)
    coaching_request = CoachingRequest(
        trajectory=trajectory,
        municipality=municipality,
        name=name.strip(),
        role=role.strip(),
        email=normalize_email_address(email),
        phone=phone.strip(),
        motivation=motivation.strip(),
        reflection=reflection,
        map_consent=map_consent,
    )
    coaching_request.full_clean()
    coaching_request.save()
    # `map_consent` stays the requester's wish on the request: an anonymous form never gives
    # the municipality's consent (see `trajectory_map_consent_set`).
    try:
        with transaction.atomic():
            context: dict[str, Any] = {
                "request": coaching_request,
                "trajectory": trajectory,
                "attached": not created,
                "admin_url": _admin_url(trajectory),
            }
            related = f"coaching.request:{coaching_request.pk}"
            email_queue(
                to=coaching_request.email,
                subject=_("We kregen je aanvraag voor een coachingtraject"),
                template="coaching/email/request_confirmation",
                context=context,
                reply_to=coach_addresses(trajectory),
                related=related,
            )
            email_queue(
                to=coach_addresses(trajectory),
                subject=_("Nieuwe aanvraag voor coaching: %(name)s")
                % {"name": municipality.name_nl},
                template="coaching/email/request_notification",
                context=context,
                reply_to=coaching_request.email,
                related=related,
            )
    except Exception:
        logger.exception("Could not queue the e-mails for coaching request %s", coaching_request.pk)
    return coaching_request


@transaction.atomic
def coaching_request_invite(
    *, coaching_request: CoachingRequest, actor: UserLike, role: str = Role.MEDEWERKER
) -> bool:
    """A coach, having checked this requester (name, role, e-mail domain, motivation), invites
    them into the municipality's workspace; True when an invitation went out.

    Always an invitation the person accepts: someone without an account creates one through
    the link, someone with an account accepts in /mijn/ (`accounts.services.invitation_create`
    makes the difference). Nothing is given before the person accepts. Once per request.
    """
    require(actor, TRAJECTORY_MANAGE, coaching_request.trajectory)
    locked = CoachingRequest.objects.select_for_update().get(pk=coaching_request.pk)
    if not locked.awaiting_decision:
        return False
    if not coaching_request.trajectory.is_open:
        raise ValidationError(_("Dit traject is afgesloten: er gaan geen uitnodigingen meer uit."))
    if role not in Role.values:
        raise ValidationError({"role": _("Kies de rol: medewerker of beheerder.")})
    from baz.accounts.models import Invitation
    from baz.accounts.services import invitation_create

    # The same person asked twice: the invitation that is still open answers both requests.
    invitation = (
        Invitation.objects.pending()
        .filter(email__iexact=locked.email, municipalities=locked.municipality)
        .first()
    )
    if invitation is None:
        first, _sep, last = locked.name.partition(" ")
        invitation, _token = invitation_create(
            created_by=actor,  # type: ignore[arg-type]
            email=locked.email,
            group_name=GROUP_GEMEENTE,
            municipalities=[locked.municipality],
            role=role,
            first_name=first,
            last_name=last,
            permission_checked=True,
        )
    locked.invitation = invitation
    locked.invited_user = invitation.user
    locked.invited_at = timezone.now()
    locked.decided_by = _as_user(actor)
    locked.save(update_fields=["invitation", "invited_user", "invited_at", "decided_by"])
    for field in ("invitation", "invited_user", "invited_at", "decided_by"):
        setattr(coaching_request, field, getattr(locked, field))
    return True


@transaction.atomic
def coaching_request_decline(*, coaching_request: CoachingRequest, actor: UserLike) -> bool:
    """A coach decides this requester gets no place in the workspace (unknown person, address
    outside the municipality, ...); True when that was recorded now."""
    require(actor, TRAJECTORY_MANAGE, coaching_request.trajectory)
    locked = CoachingRequest.objects.select_for_update().get(pk=coaching_request.pk)
    if not locked.awaiting_decision:
        return False
    locked.declined_at = timezone.now()
    locked.decided_by = _as_user(actor)
    locked.save(update_fields=["declined_at", "decided_by"])
    coaching_request.declined_at = locked.declined_at
    coaching_request.decided_by = locked.decided_by
    return True


# --- The state machine ------------------------------------------------------------------------


@transaction.atomic
def trajectory_transition(
    trajectory: Trajectory,
    to_state: str,
    actor: UserLike,
    note: str = "",
    *,
    confirm_open: bool = False,
) -> Trajectory:
    """Move a trajectory to `to_state`, record who, when and why, and do what the new state
    needs: entering *analyse* takes the inventory of the municipality's atlas entries. Nobody
    is invited by a transition: a coach invites each requester on their own.

    Closing (*afgerond* or *stopgezet*) while agreements are open or sessions are still to
    come raises `ClosingNeedsConfirmation` unless `confirm_open`; a confirmed closing stores
    what was open on its event, next to who closed it and when.

    Raises `TransitionNotAllowed` (and changes nothing) for an illegal transition, and
    `PermissionDenied` for anyone but a coach.
    """
    require(actor, TRAJECTORY_MANAGE, trajectory)
    locked = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    from_state = locked.state
    note = (note or "").strip()
    if to_state not in State.values:
        raise TransitionNotAllowed(_("Deze stap bestaat niet."), code="unknown")
    if to_state not in next_states(from_state):
        allowed = ", ".join(str(State(s).label) for s in next_states(from_state))
        raise TransitionNotAllowed(
            _(
                "Een traject in de fase '%(from)s' kan niet naar '%(to)s'. "
                "Mogelijke volgende stappen: %(allowed)s."
            )
            % {
                "from": State(from_state).label,
                "to": State(to_state).label,
                "allowed": allowed or _("geen, het traject is afgesloten"),
            },
            code="illegal",
        )
    if to_state == State.STOPPED and not note:
        raise TransitionNotAllowed(
            _("Geef een reden op waarom het traject stopt."), code="reason_required"
        )
    open_items: list[dict[str, Any]] = []
    if to_state in (State.COMPLETED, State.STOPPED):
        open_items = open_items_at_closing(locked)
        if open_items and not confirm_open:
            raise ClosingNeedsConfirmation(open_items)
    now = timezone.now()
    locked.state = to_state
    fields = ["state", "updated_at"]
    if to_state == State.INTAKE and locked.started_at is None:
        locked.started_at = now
        fields.append("started_at")
    if to_state in (State.COMPLETED, State.STOPPED):
        locked.closed_at = now
        fields.append("closed_at")
    if to_state == State.STOPPED:
        locked.stop_reason = note
        fields.append("stop_reason")
    if to_state == State.ANALYSIS:
        locked.inventory_snapshot = inventory_for_municipality(locked.municipality)
        locked.inventory_taken_at = now
        fields += ["inventory_snapshot", "inventory_taken_at"]
    locked.save(update_fields=fields)
    TrajectoryEvent.objects.create(
        trajectory=locked,
        from_state=from_state,
        to_state=to_state,
        actor=_as_user(actor),
        note=note,
        open_items=open_items,
    )
    # The caller's object follows the change.
    for field in fields:
        setattr(trajectory, field, getattr(locked, field))
    return locked


@transaction.atomic
def trajectory_inventory_refresh(*, trajectory: Trajectory, actor: UserLike) -> Trajectory:
    """Take the atlas inventory again (for example after the municipality added entries)."""
    require(actor, TRAJECTORY_MANAGE, trajectory)
    trajectory.inventory_snapshot = inventory_for_municipality(trajectory.municipality)
    trajectory.inventory_taken_at = timezone.now()
    trajectory.save(update_fields=["inventory_snapshot", "inventory_taken_at", "updated_at"])
    return trajectory


# --- Coaches, phases, notes, analysis ---------------------------------------------------------


@transaction.atomic
def trajectory_coaches_set(
    *, trajectory: Trajectory, coaches: Iterable[User], actor: UserLike
) -> Trajectory:
    require(actor, TRAJECTORY_MANAGE, trajectory)
    chosen = list(coaches)
    for user in chosen:
        if not can(user, TRAJECTORY_MANAGE, trajectory):
            raise ValidationError(
                {"coaches": _("%(user)s is geen coach.") % {"user": user.get_full_name() or user}}
            )
    trajectory.coaches.set(chosen)
    return trajectory


@transaction.atomic
def trajectory_map_consent_set(
    *, trajectory: Trajectory, consent: bool, actor: UserLike, how: str = ""
) -> Trajectory:
    """Record or withdraw the municipality's consent to appear on the public map.

    Only a beheerder of the municipality (in /mijn/) or a coach (in the admin) may; a coach
    who records consent says how the municipality gave it (`how`). Who recorded it, when and
    how is kept; withdrawing clears it.
    """
    require(actor, TRAJECTORY_MAP_CONSENT, trajectory)
    how = (how or "").strip()
    coach = can(actor, TRAJECTORY_MANAGE, trajectory)
    if consent and coach and not how:
        raise ValidationError(
            {
                "how": _(
                    "Schrijf op hoe de gemeente toestemming gaf, bijvoorbeeld: "
                    "e-mail van de schepen op 3 maart."
                )
            }
        )
    if consent and not coach:
        name = _display_name(actor)
        how = _("Gegeven door %(name)s, beheerder, in de werkplek.") % {"name": name}
    if consent == trajectory.map_consent and not (consent and coach):
        return trajectory
    trajectory.map_consent = consent
    trajectory.map_consent_at = timezone.now() if consent else None
    trajectory.map_consent_by = _as_user(actor) if consent else None
    trajectory.map_consent_note = how if consent else ""
    trajectory.save(
        update_fields=[
            "map_consent",
            "map_consent_at",
            "map_consent_by",
            "map_consent_note",
            "updated_at",
        ]
    )
    return trajectory


@transaction.atomic
def phase_plan_save(
    *,
    trajectory: Trajectory,
    phase: str,
    actor: UserLike,
    plan: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    notes: str = "",
) -> PhasePlan:
    require(actor, TRAJECTORY_MANAGE, trajectory)
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Kies een fase.")})
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("Het einde ligt voor de start.")})
    phase_plan, _created = PhasePlan.objects.get_or_create(trajectory=trajectory, phase=phase)
    phase_plan.plan = plan.strip()
    phase_plan.starts_on = starts_on
    phase_plan.ends_on = ends_on
    phase_plan.notes = notes.strip()
    phase_plan.full_clean()
    phase_plan.save()
    return phase_plan


@transaction.atomic
def trajectory_note_add(
    *,
    trajectory: Trajectory,
    author: UserLike,
    body: str,
    visibility: str = NoteVisibility.COACHES,
    kind: str = NoteKind.NOTE,
    phase: str = "",
) -> TrajectoryNote:
    """A coach's note; `coaches` notes stay with BAZ, `gedeeld` notes the municipality sees."""
    require(author, TRAJECTORY_COACH_NOTES, trajectory)
    note = TrajectoryNote(
        trajectory=trajectory,
        author=_as_user(author),
        body=body.strip(),
        visibility=visibility,
        kind=kind,
        phase=phase,
    )
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def trajectory_analysis_update(
    *, trajectory: Trajectory, analysis_summary: str, actor: UserLike
) -> Trajectory:
    require(actor, TRAJECTORY_MANAGE, trajectory)
    trajectory.analysis_summary = analysis_summary.strip()
    trajectory.save(update_fields=["analysis_summary", "updated_at"])
    return trajectory


# --- Messages ---------------------------------------------------------------------------------


def _as_user(actor: UserLike) -> User | None:
    return actor if isinstance(actor, User) else None


def _display_name(user: Any) -> str:
    return (user.get_full_name() or "").strip() or user.email


@transaction.atomic
def message_post(trajectory: Trajectory, author: UserLike, body: str) -> Message:
    """Add a message to the thread and tell the other side through the outbox.

    A municipality user's message goes to the assigned coaches (every coach when none is
    assigned); a coach's message goes to the users of the municipality.
    """
    require(author, TRAJECTORY_MESSAGE_SEND, trajectory)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Schrijf een bericht.")})
    from_baz = can(author, TRAJECTORY_MANAGE, trajectory)
    message = Message(
        trajectory=trajectory,
        author=_as_user(author),
        author_name=_display_name(author),
        from_baz=from_baz,
        body=body,
    )
    message.full_clean()
    message.save()
    if from_baz:
        recipients = [u.email for u in municipality_users(trajectory.municipality)]
        url = _workspace_url(trajectory)
    else:
        recipients = coach_addresses(trajectory)
        url = _admin_url(trajectory)
    recipients = [r for r in recipients if r != getattr(author, "email", None)]
    if recipients:
        email_queue(
            to=recipients,
            subject=_("Nieuw bericht over het coachingtraject van %(name)s")
            % {"name": trajectory.municipality.name_nl},
            template="coaching/email/message",
            context={"message": message, "trajectory": trajectory, "url": url},
            related=f"coaching.message:{message.pk}",
        )
    return message
