"""Reads of the phase *vorming*: sessions, evaluation summaries, materials, the calendar feed.

Lookups that take a user return None when the user may not see the object, so views answer
404 and never reveal that another municipality's trajectory exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Avg, Count, Prefetch, Q, QuerySet

from baz.accounts.permissions import TRAJECTORY_VIEW, can
from baz.coaching.models import (
    Material,
    SessionEvaluation,
    SessionParticipant,
    TrainingSession,
    Trajectory,
)

if TYPE_CHECKING:
    from baz.accounts.permissions import UserLike


def phase_trajectory_get(*, user: UserLike, pk: int) -> Trajectory | None:
    """The trajectory, if `user` may see it (coaches; users of its municipality)."""
    trajectory = Trajectory.objects.select_related("municipality").filter(pk=pk).first()
    if trajectory is None or not can(user, TRAJECTORY_VIEW, trajectory):
        return None
    return trajectory


def session_list(*, trajectory: Trajectory) -> QuerySet[TrainingSession]:
    """All sessions of a trajectory, with participant and evaluation counts, in time order."""
    return (
        TrainingSession.objects.filter(trajectory=trajectory)
        .annotate(
            invited_count=Count("participants", distinct=True),
            attended_count=Count(
                "participants", filter=Q(participants__attended=True), distinct=True
            ),
            evaluation_count=Count("evaluations", distinct=True),
            average_rating=Avg("evaluations__rating"),
        )
        .prefetch_related(
            Prefetch("participants", queryset=SessionParticipant.objects.order_by("name", "pk"))
        )
        .order_by("starts_at", "pk")
    )


def session_get(*, user: UserLike, pk: int) -> TrainingSession | None:
    session = (
        TrainingSession.objects.select_related("trajectory__municipality").filter(pk=pk).first()
    )
    if session is None or not can(user, TRAJECTORY_VIEW, session.trajectory):
        return None
    return session


@dataclass
class EvaluationSummary:
    """Scores and comments of a session without names (what coaches and the municipality see)."""

    count: int = 0
    average: float | None = None
    ratings: dict[int, int] = field(default_factory=dict)
    useful: list[str] = field(default_factory=list)
    improve: list[str] = field(default_factory=list)


def evaluation_summary(*, session: TrainingSession) -> EvaluationSummary:
    evaluations = list(
        SessionEvaluation.objects.filter(session=session)
        .order_by("created_at", "pk")
        .values("rating", "useful", "improve")
    )
    return _summary(evaluations)


def evaluation_summary_for_trajectory(*, trajectory: Trajectory) -> EvaluationSummary:
    evaluations = list(
        SessionEvaluation.objects.filter(session__trajectory=trajectory)
        .order_by("created_at", "pk")
        .values("rating", "useful", "improve")
    )
    return _summary(evaluations)


def _summary(evaluations: list[Any]) -> EvaluationSummary:
    summary = EvaluationSummary(count=len(evaluations))
    if evaluations:
        summary.average = round(sum(e["rating"] for e in evaluations) / len(evaluations), 1)
        summary.ratings = dict.fromkeys(range(1, 6), 0)
        for item in evaluations:
            summary.ratings[item["rating"]] += 1
        summary.useful = [e["useful"] for e in evaluations if e["useful"].strip()]
        summary.improve = [e["improve"] for e in evaluations if e["improve"].strip()]
    return summary


def material_list(*, trajectory: Trajectory) -> QuerySet[Material]:
    return Material.objects.filter(trajectory=trajectory).select_related("session")


def material_get(*, user: UserLike, pk: int) -> Material | None:
    material = Material.objects.select_related("trajectory").filter(pk=pk).first()
    if material is None or not can(user, TRAJECTORY_VIEW, material.trajectory):
        return None
    return material


def trajectory_by_calendar_token(*, token: str) -> Trajectory | None:
    """The trajectory whose feed this token opens; None for a wrong or revoked token."""
    from baz.coaching.services.sessions import token_hash

    if not token:
        return None
    return (
        Trajectory.objects.select_related("municipality")
        .filter(calendar_token_hash=token_hash(token))
        .exclude(calendar_token_hash="")
        .first()
    )
