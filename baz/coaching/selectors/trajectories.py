"""Reads of trajectories: who sees which trajectory, the coach dashboard, the export, the
atlas inventory of the analysis phase, and the public set "Waar is BAZ actief".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from baz.accounts.models import GROUP_COACH, User
from baz.accounts.permissions import TRAJECTORY_COACH_NOTES, TRAJECTORY_VIEW, can
from baz.coaching.models import (
    ACTIVE_STATES,
    OPEN_STATES,
    Agreement,
    AgreementStatus,
    Message,
    NoteVisibility,
    Phase,
    PhasePlan,
    State,
    TrainingSession,
    Trajectory,
    TrajectoryNote,
)
from baz.core.models import Municipality

if TYPE_CHECKING:
    from baz.accounts.permissions import UserLike
    from baz.learning.models import Reflection


# --- People -----------------------------------------------------------------------------------


def coach_users() -> list[User]:
    """Every active user of the group Coach, by name."""
    return list(
        User.objects.filter(is_active=True, groups__name=GROUP_COACH)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def coach_addresses(trajectory: Trajectory | None = None) -> list[str]:
    """Who reads coaching mail: the trajectory's active coaches, else every active coach.

    With no coach at all, the contact address of BAZ (`CONTACT_FALLBACK_EMAIL`).
    """
    assigned: list[str] = []
    if trajectory is not None:
        assigned = [u.email for u in trajectory.coaches.all() if u.is_active]
    if assigned:
        return assigned
    everyone = [u.email for u in coach_users()]
    return everyone or [settings.CONTACT_FALLBACK_EMAIL]


def municipality_users(municipality: Municipality) -> list[User]:
    """The active users who work for a municipality on the platform."""
    return list(
        User.objects.filter(is_active=True, memberships__municipality=municipality)
        .distinct()
        .order_by("email")
    )


# --- Who sees which trajectory ----------------------------------------------------------------


def _base() -> QuerySet[Trajectory]:
    return Trajectory.objects.select_related("municipality", "municipality__province")


def trajectory_list(*, state: str = "") -> QuerySet[Trajectory]:
    """Trajectories for the coaches' list, newest first, optionally of one state."""
    qs = _base().prefetch_related("coaches").annotate(request_count=Count("requests"))
    if state in State.values:
        qs = qs.filter(state=state)
    return qs.order_by("-created_at", "-pk")


def trajectory_get(*, pk: int) -> Trajectory | None:
    return _base().prefetch_related("coaches").filter(pk=pk).first()


def trajectories_for_user(user: UserLike, *, with_next_dates: bool = False) -> list[Trajectory]:
    """The trajectories of the municipalities someone works for (the workspace list and the
    dashboard panel): one query, however many memberships.

    `with_next_dates` adds `next_session_at` (the next session that is not cancelled) and
    `next_deadline` (the earliest deadline of an agreement still to do), as subqueries of
    that same query, for the dashboard."""
    if not user.is_authenticated:
        return []
    qs = _base().filter(municipality__memberships__user=user).distinct()
    if with_next_dates:
        sessions = TrainingSession.objects.filter(
            trajectory=OuterRef("pk"), cancelled_at__isnull=True, starts_at__gte=timezone.now()
        ).order_by("starts_at")
        deadlines = Agreement.objects.filter(
            trajectory=OuterRef("pk"),
            deadline__isnull=False,
            status__in=[AgreementStatus.OPEN, AgreementStatus.IN_PROGRESS],
        ).order_by("deadline")
        qs = qs.annotate(
            next_session_at=Subquery(sessions.values("starts_at")[:1]),
            next_session_topic=Subquery(sessions.values("topic")[:1]),
            next_deadline=Subquery(deadlines.values("deadline")[:1]),
            next_deadline_title=Subquery(deadlines.values("title")[:1]),
        )
    return list(qs.order_by("-created_at", "-pk"))


def trajectory_for_member(*, user: UserLike, pk: int) -> Trajectory | None:
    """A trajectory in the workspace: only for users of its municipality (None otherwise)."""
    from baz.accounts.permissions import municipality_roles

    trajectory = _base().prefetch_related("coaches").filter(pk=pk).first()
    if trajectory is None or trajectory.municipality_id not in municipality_roles(user):
        return None
    if not can(user, TRAJECTORY_VIEW, trajectory):
        return None
    return trajectory


def trajectory_events(trajectory: Trajectory) -> list[Any]:
    return list(trajectory.events.select_related("actor").order_by("created_at", "pk"))


def trajectory_phases(trajectory: Trajectory) -> list[dict[str, Any]]:
    """One row per phase (also the ones without a plan yet), in phase order."""
    plans = {p.phase: p for p in PhasePlan.objects.filter(trajectory=trajectory)}
    return [
        {"phase": value, "label": label, "plan": plans.get(value)} for value, label in Phase.choices
    ]


def trajectory_phase_plan(trajectory: Trajectory, phase: str) -> PhasePlan | None:
    return PhasePlan.objects.filter(trajectory=trajectory, phase=phase).first()


def notes_for(
    *, user: UserLike, trajectory: Trajectory, phase: str | None = None
) -> list[TrajectoryNote]:
    """The notes someone may read: coaches all of them, the municipality only shared ones.
    With `phase`, only the notes of that phase ("" for notes of no phase)."""
    qs = trajectory.notes.select_related("author")
    if phase is not None:
        qs = qs.filter(phase=phase)
    if not can(user, TRAJECTORY_COACH_NOTES, trajectory):
        qs = qs.filter(visibility=NoteVisibility.SHARED)
    return list(qs)


def messages_for(trajectory: Trajectory) -> list[Message]:
    return list(trajectory.messages.order_by("created_at", "pk"))


def session_took_place(trajectory: Trajectory) -> bool:
    """Whether at least one session of the trajectory took place (not cancelled, ended)."""
    return trajectory.sessions.filter(
        cancelled_at__isnull=True, ends_at__lte=timezone.now()
    ).exists()


def progress_steps(trajectory: Trajectory) -> list[dict[str, Any]]:
    """The states in order with done/current flags, for the phase indicator.

    A state the trajectory has passed is done, except *vorming*: that is done only when a
    session took place, since a coach may move on before any training happened.
    """
    order = [s for s in State.values if s != State.STOPPED]
    current = trajectory.state
    index = order.index(current) if current in order else -1
    steps = []
    training_done: bool | None = None
    for position, value in enumerate(order):
        done = index >= 0 and position < index
        if done and value == State.TRAINING:
            if training_done is None:
                training_done = session_took_place(trajectory)
            done = training_done
        steps.append(
            {
                "value": value,
                "label": State(value).label,
                "done": done,
                "current": value == current,
            }
        )
    return steps


#: What happens in each state, in plain words, for the workspace overview.
_STANDING_TEXT = {
    State.REQUESTED: _(
        "BurgersAanZet kreeg de aanvraag. Een coach neemt contact op voor een kennismaking."
    ),
    State.INTAKE: _(
        "Je coach leert jullie gemeente kennen in een kennismaking. Daarna begint de analyse."
    ),
    State.ANALYSIS: _(
        "Je coach brengt in kaart wat er al is in jullie gemeente: sterktes en noden. "
        "Daarna volgt de vorming."
    ),
    State.TRAINING: _(
        "Beleidsmedewerkers volgen vormingsmomenten. Daarna maken jullie samen afspraken."
    ),
    State.AGREEMENTS: _("Jullie maken afspraken: wie doet wat, en tegen wanneer."),
    State.COMPLETED: _("Het traject is afgerond. De afspraken en het verslag blijven hier staan."),
    State.STOPPED: _("Het traject is stopgezet."),
}
#: The workspace section of the phase a state belongs to ("" = the overview).
_STATE_SECTION = {
    State.ANALYSIS: "analyse",
    State.TRAINING: "vorming",
    State.AGREEMENTS: "afspraken",
    State.COMPLETED: "afspraken",
}


def trajectory_standing(trajectory: Trajectory) -> dict[str, Any]:
    """Where a trajectory stands, for the workspace overview: the state in words, the next
    session, the agreements still open and the requests a coach still has to decide on."""
    now = timezone.now()
    next_session = (
        trajectory.sessions.filter(cancelled_at__isnull=True, starts_at__gt=now)
        .order_by("starts_at")
        .first()
    )
    return {
        "label": State(trajectory.state).label,
        "text": _STANDING_TEXT.get(State(trajectory.state), ""),
        "section": _STATE_SECTION.get(State(trajectory.state), ""),
        "next_session": next_session,
        "open_agreements": trajectory.agreements.filter(
            status__in=(AgreementStatus.OPEN, AgreementStatus.IN_PROGRESS)
        ).count(),
        "waiting_requests": trajectory.requests.filter(
            invited_at__isnull=True, declined_at__isnull=True
        ).count(),
    }


REQUEST_WAITING = "wacht"
REQUEST_INVITED = "uitgenodigd"
REQUEST_DECLINED = "niet-uitgenodigd"


def requests_for_workspace(trajectory: Trajectory) -> list[dict[str, Any]]:
    """The requests of a trajectory as its municipality sees them: who asked (name and
    function, never e-mail or phone), when, whether it joined a trajectory that was already
    running, and what a coach decided or still has to decide."""
    rows = []
    for position, item in enumerate(trajectory.requests.order_by("created_at", "pk")):
        if item.invited_at:
            status, decided_on = REQUEST_INVITED, item.invited_at
        elif item.declined_at:
            status, decided_on = REQUEST_DECLINED, item.declined_at
        else:
            status, decided_on = REQUEST_WAITING, None
        rows.append(
            {
                "name": item.name,
                "role": item.role,
                "received_at": item.created_at,
                "joined": position > 0,
                "status": status,
                "decided_on": decided_on,
            }
        )
    return rows


def open_items_at_closing(trajectory: Trajectory) -> list[dict[str, Any]]:
    """What is still open in a trajectory a coach wants to close: agreements not *klaar* or
    *geschrapt*, and sessions still to come (not cancelled). Dates as ISO strings, so the list
    can be stored as it is on the closing event."""
    now = timezone.now()
    items: list[dict[str, Any]] = []
    for agreement in trajectory.agreements.filter(
        status__in=(AgreementStatus.OPEN, AgreementStatus.IN_PROGRESS)
    ).order_by("deadline", "pk"):
        items.append(
            {
                "kind": "afspraak",
                "pk": agreement.pk,
                "title": agreement.title,
                "date": agreement.deadline.isoformat() if agreement.deadline else "",
                "status": str(agreement.get_status_display()),
            }
        )
    for session in trajectory.sessions.filter(
        cancelled_at__isnull=True, starts_at__gt=now
    ).order_by("starts_at", "pk"):
        items.append(
            {
                "kind": "vorming",
                "pk": session.pk,
                "title": session.topic,
                "date": timezone.localtime(session.starts_at).date().isoformat(),
                "status": "",
            }
        )
    return items


def reflection_summary_context(trajectory: Trajectory) -> list[dict[str, Any]]:
    """The reflections attached to the trajectory's requests, with their summary data."""
    result = []
    seen: set[int] = set()
    for coaching_request in trajectory.requests.select_related("reflection"):
        reflection = coaching_request.reflection
        if reflection is None or reflection.pk in seen:
            continue
        seen.add(reflection.pk)
        try:
            from baz.learning.selectors import reflection_summary

            summary = reflection_summary(reflection)
        except Exception:  # pragma: no cover - the learning module changed shape
            summary = {"reflection": reflection}
        result.append(summary)
    return result


# --- The analysis inventory -------------------------------------------------------------------


def _atlas_link(**params: str) -> str:
    return reverse("atlas:index") + "?" + urlencode(params)


def inventory_for_municipality(municipality: Municipality) -> dict[str, Any]:
    """Counts of the municipality's published atlas entries by kind, theme and werkvorm, with
    links to the atlas filtered on each; stored as the analysis phase's snapshot."""
    from baz.atlas.models import Entry, EntryKind
    from baz.atlas.selectors.municipalities import municipality_theme_counts

    entries = Entry.objects.published().filter(municipality=municipality)
    by_kind = dict(entries.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    refnis = municipality.refnis
    kinds = [
        {
            "slug": value,
            "label": str(label),
            "count": by_kind.get(value, 0),
            "url": _atlas_link(municipality=refnis, kind=value),
        }
        for value, label in EntryKind.choices
    ]
    counts = municipality_theme_counts(municipality)
    themes = [
        {
            "slug": term.slug,
            "label": term.name,
            "count": n,
            "url": _atlas_link(municipality=refnis, theme=term.slug),
        }
        for term, n in counts["themes"]
    ]
    werkvormen = [
        {
            "slug": term.slug,
            "label": term.name,
            "count": n,
            "url": _atlas_link(municipality=refnis, werkvorm=term.slug),
        }
        for term, n in counts["werkvormen"]
    ]
    return {
        "total": sum(by_kind.values()),
        "url": _atlas_link(municipality=refnis),
        "kinds": kinds,
        "themes": themes,
        "werkvormen": werkvormen,
        "taken_at": timezone.now().isoformat(),
    }


# --- Coach dashboard and export ---------------------------------------------------------------


def _last_message_from_baz() -> Subquery:
    return Subquery(
        Message.objects.filter(trajectory=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values("from_baz")[:1]
    )


def unanswered_trajectories() -> list[Trajectory]:
    """Open trajectories whose last message came from the municipality."""
    return list(
        _base()
        .filter(state__in=OPEN_STATES)
        .annotate(last_from_baz=_last_message_from_baz())
        .filter(last_from_baz=False)
        .order_by("-updated_at")
    )


def coach_dashboard() -> dict[str, Any]:
    """What a coach checks first: trajectories per state, what is coming, what is late."""
    counts = dict(
        Trajectory.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    by_state = [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in State.choices
    ]
    now = timezone.now()
    upcoming = list(
        TrainingSession.objects.select_related("trajectory__municipality")
        .filter(starts_at__gte=now, cancelled_at__isnull=True)
        .order_by("starts_at")[:20]
    )
    overdue = list(
        Agreement.objects.select_related("trajectory__municipality")
        .filter(
            deadline__lt=timezone.localdate(),
            status__in=(AgreementStatus.OPEN, AgreementStatus.IN_PROGRESS),
        )
        .order_by("deadline")[:50]
    )
    return {
        "by_state": by_state,
        "upcoming_sessions": upcoming,
        "overdue_agreements": overdue,
        "unanswered": unanswered_trajectories(),
    }


EXPORT_HEADER = [
    "id",
    "gemeente",
    "refnis",
    "provincie",
    "stand van zaken",
    "coaches",
    "aanvragen",
    "toestemming kaart",
    "aangemaakt op",
    "gestart op",
    "afgesloten op",
]


def trajectory_export_rows() -> list[list[str]]:
    """One row per trajectory for the CSV export (no personal data of requesters)."""
    rows = []
    qs = (
        _base()
        .prefetch_related(Prefetch("coaches", queryset=User.objects.order_by("email")))
        .annotate(request_count=Count("requests"))
        .order_by("municipality__name_nl", "created_at")
    )
    for t in qs:
        rows.append(
            [
                str(t.pk),
                t.municipality.name_nl,
                t.municipality.refnis,
                t.municipality.province.short_name if t.municipality.province else "",
                str(t.get_state_display()),
                "; ".join(_name(c) for c in t.coaches.all()),
                str(t.request_count),
                "ja" if t.map_consent else "nee",
                _date(t.created_at),
                _date(t.started_at),
                _date(t.closed_at),
            ]
        )
    return rows


def _name(user: User) -> str:
    return (user.get_full_name() or "").strip() or user.email


def _date(value: Any) -> str:
    return timezone.localtime(value).date().isoformat() if value else ""


# --- Where BAZ is active ----------------------------------------------------------------------


def active_trajectory_municipality_ids() -> set[int]:
    """Municipalities with a trajectory from *intake* up to *afgerond* that consented to be
    shown (see `baz.atlas.models` for what "BAZ is active here" means)."""
    return set(
        Trajectory.objects.filter(state__in=ACTIVE_STATES, map_consent=True).values_list(
            "municipality_id", flat=True
        )
    )


def active_trajectory_queryset() -> QuerySet[Trajectory]:
    """The same set as `active_trajectory_municipality_ids`, for use as a subquery."""
    return Trajectory.objects.filter(state__in=ACTIVE_STATES, map_consent=True)


STATUS_IN_PROGRESS = "bezig"
STATUS_COMPLETED = "afgerond"


def baz_active_places() -> list[dict[str, Any]]:
    """The public map and list: exactly the set of `baz_active_municipality_ids` (atlas),
    with per municipality only its name, province, position and whether the collaboration is
    in progress or completed. Nothing of the trajectory's content is public.
    """
    from baz.atlas.selectors.municipalities import baz_active_municipality_ids

    ids = baz_active_municipality_ids()
    in_progress = set(
        Trajectory.objects.filter(
            state__in=[s for s in ACTIVE_STATES if s != State.COMPLETED], municipality_id__in=ids
        ).values_list("municipality_id", flat=True)
    )
    with_trajectory = set(
        Trajectory.objects.filter(
            state__in=ACTIVE_STATES, map_consent=True, municipality_id__in=ids
        ).values_list("municipality_id", flat=True)
    )
    rows = []
    for municipality in (
        Municipality.objects.filter(pk__in=ids).select_related("province").order_by("name_nl")
    ):
        # A completed trajectory without a newer one is completed; a collaboration marked in
        # the atlas without a trajectory counts as in progress.
        completed = municipality.pk in with_trajectory and municipality.pk not in in_progress
        rows.append(
            {
                "name": municipality.name_nl,
                "refnis": municipality.refnis,
                "province": municipality.province.short_name if municipality.province else "",
                "latitude": municipality.latitude,
                "longitude": municipality.longitude,
                "status": STATUS_COMPLETED if completed else STATUS_IN_PROGRESS,
                "atlas_url": reverse(
                    "atlas:municipality",
                    kwargs={"refnis": municipality.refnis, "slug": municipality.slug},
                ),
            }
        )
    return rows


# --- The reflection attached to a request -----------------------------------------------------


def _token_from_link(value: str) -> str:
    """The token itself, or the token inside a link to a reflection (…/leren/reflectie/<t>/…)."""
    from urllib.parse import unquote, urlsplit

    value = unquote((value or "").strip())
    if "/" not in value:
        return value
    parts = [p for p in urlsplit(value).path.split("/") if p]
    if "reflectie" in parts:
        index = parts.index("reflectie")
        if index + 1 < len(parts):
            return parts[index + 1]
    return ""


def reflection_for_request(value: str) -> Reflection | None:
    """The reflection a `?reflectie=` parameter points to (a token or a link), if it opens."""
    token = _token_from_link(value)
    if not token or len(token) > 100:
        return None
    from baz.learning import selectors as learning_selectors

    # The learning module offers `reflection_for_token(token)`; older versions only
    # `reflection_by_token`, which also says whether the link still works.
    finder = getattr(learning_selectors, "reflection_for_token", None)
    if finder is not None:
        found: Reflection | None = finder(token)
        return found
    state, reflection = learning_selectors.reflection_by_token(token=token)
    return reflection if state == learning_selectors.LinkState.OK else None
