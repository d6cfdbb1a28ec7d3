"""Demo coaching trajectories (loaded first by `baz.coaching.demo.load_demo_data`).

Three trajectories in different states, with the demo coach (coach@example.org) assigned:
Gent in *analyse* and Leuven in *vorming* (their demo users see them in /mijn/), Mechelen
*afgerond* (on the map as completed). Invented people with example.org addresses. Rows are
created directly, not through the services, so loading the demo sends no invitations or mails.
Idempotent: a municipality that already has a trajectory is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TextIO

from django.utils import timezone

from baz.accounts.models import User
from baz.coaching.models import (
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
from baz.coaching.selectors.trajectories import inventory_for_municipality
from baz.core.models import Municipality

COACH_EMAIL = "coach@example.org"
PATH = [State.REQUESTED, State.INTAKE, State.ANALYSIS, State.TRAINING, State.AGREEMENTS]


@dataclass(frozen=True)
class DemoTrajectory:
    refnis: str
    state: str
    days_ago: int
    requester: tuple[str, str, str]  # name, role, e-mail
    motivation: str
    member_email: str = ""
    analysis: str = ""
    plans: dict[str, str] = field(default_factory=dict)
    shared_note: str = ""
    coach_note: str = ""
    messages: tuple[tuple[bool, str], ...] = ()  # (from BAZ, text)


DEMO_TRAJECTORIES = (
    DemoTrajectory(
        refnis="44021",
        state=State.ANALYSIS,
        days_ago=40,
        requester=("Hanne Verstraeten", "Beleidsmedewerker welzijn", "hanne.demo@example.org"),
        motivation=(
            "Er ontstaan veel burgerinitiatieven in onze wijken. We willen weten hoe we ze "
            "beter kunnen steunen zonder ze over te nemen."
        ),
        member_email="medewerker.gent@example.org",
        analysis=(
            "Sterk: een dicht netwerk van buurtwerkers en wijkgezondheidscentra.\n"
            "Nood: één duidelijk aanspreekpunt voor initiatiefnemers en een eenvoudige "
            "toelage zonder veel papierwerk."
        ),
        plans={
            Phase.ANALYSIS: "Drie interviews met diensten en twee met initiatiefnemers.",
            Phase.TRAINING: "Twee vormingsmomenten voor de beleidsmedewerkers welzijn.",
        },
        shared_note="Interview met de dienst welzijn: veel goodwill, weinig tijd.",
        coach_note="De schepen wil snel resultaten; verwachtingen bespreken bij de intake.",
        messages=(
            (False, "Dag Jonas, wanneer plannen we de interviews met de diensten?"),
            (True, "Dag Pieter, ik stel de tweede week van maart voor. Past dat?"),
            (False, "Dat past. Ik nodig de collega's uit."),
        ),
    ),
    DemoTrajectory(
        refnis="24062",
        state=State.TRAINING,
        days_ago=120,
        requester=("Ruben Wouters", "Diensthoofd samenleven", "ruben.demo@example.org"),
        motivation="We willen onze ondersteuning van burgerinitiatieven herdenken.",
        member_email="medewerker.leuven@example.org",
        analysis="Sterk: een actieve vrijwilligersraad. Nood: zicht op kleine initiatieven.",
        plans={
            Phase.ANALYSIS: "Inventaris en gesprekken met de vrijwilligersraad.",
            Phase.TRAINING: "Drie vormingsmomenten over de rol van de gemeente.",
        },
        shared_note="De inventaris toont vooral initiatieven rond eenzaamheid.",
        messages=((True, "De slides van de eerste vorming staan klaar."),),
    ),
    DemoTrajectory(
        refnis="12025",
        state=State.COMPLETED,
        days_ago=400,
        requester=("Ilse Mertens", "Beleidsmedewerker", "ilse.demo@example.org"),
        motivation="We schrijven een nieuw lokaal sociaal beleidsplan.",
        analysis="Sterk: korte lijnen. Nood: een vast budget voor burgerinitiatieven.",
    ),
)


def _create(spec: DemoTrajectory, coach: User | None) -> Trajectory | None:
    municipality = Municipality.objects.filter(refnis=spec.refnis).first()
    if municipality is None or Trajectory.objects.filter(municipality=municipality).exists():
        return None
    now = timezone.now()
    start = now - timedelta(days=spec.days_ago)
    trajectory = Trajectory.objects.create(
        municipality=municipality,
        state=spec.state,
        map_consent=True,
        map_consent_at=start,
        map_consent_note="E-mail van de schepen van welzijn (demo).",
        analysis_summary=spec.analysis,
        inventory_snapshot=inventory_for_municipality(municipality),
        inventory_taken_at=start + timedelta(days=10),
        started_at=start + timedelta(days=5),
        closed_at=now - timedelta(days=10) if spec.state == State.COMPLETED else None,
    )
    if coach is not None:
        trajectory.coaches.add(coach)
    name, role, email = spec.requester
    CoachingRequest.objects.create(
        trajectory=trajectory,
        municipality=municipality,
        name=name,
        role=role,
        email=email,
        motivation=spec.motivation,
        map_consent=True,
        invited_at=start + timedelta(days=5),
    )
    steps = [*PATH[: PATH.index(spec.state) + 1]] if spec.state in PATH else [*PATH, spec.state]
    previous = ""
    for number, state in enumerate(steps):
        event = TrajectoryEvent.objects.create(
            trajectory=trajectory,
            from_state=previous,
            to_state=state,
            actor=coach if previous else None,
        )
        when = start + timedelta(days=number * max(spec.days_ago // (len(steps) + 1), 1))
        TrajectoryEvent.objects.filter(pk=event.pk).update(created_at=when)
        previous = state
    for phase, plan in spec.plans.items():
        PhasePlan.objects.create(trajectory=trajectory, phase=phase, plan=plan)
    if spec.shared_note:
        TrajectoryNote.objects.create(
            trajectory=trajectory,
            author=coach,
            body=spec.shared_note,
            kind=NoteKind.INTERVIEW,
            phase=Phase.ANALYSIS,
            visibility=NoteVisibility.SHARED,
        )
    if spec.coach_note:
        TrajectoryNote.objects.create(
            trajectory=trajectory,
            author=coach,
            body=spec.coach_note,
            visibility=NoteVisibility.COACHES,
        )
    member = User.objects.filter(email=spec.member_email).first() if spec.member_email else None
    for from_baz, text in spec.messages:
        author = coach if from_baz else member
        Message.objects.create(
            trajectory=trajectory,
            author=author,
            author_name=(author.get_full_name() or author.email) if author else name,
            from_baz=from_baz,
            body=text,
        )
    return trajectory


def load_demo_data(stdout: TextIO) -> list[str]:
    coach = User.objects.filter(email=COACH_EMAIL).first()
    created: list[str] = []
    for spec in DEMO_TRAJECTORIES:
        trajectory = _create(spec, coach)
        if trajectory is not None:
            created.append(
                f"coachingtraject {trajectory.municipality.name_nl} "
                f"({trajectory.get_state_display()})"
            )
    return created
