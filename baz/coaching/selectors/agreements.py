"""Reads of the phase *conclusies en afspraken*: agreements and the final report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from baz.accounts.permissions import AGREEMENT_STATUS_UPDATE, TRAJECTORY_VIEW, can
from baz.coaching.models import Agreement, AgreementStatus, TrainingSession, Trajectory
from baz.coaching.selectors.sessions import (
    EvaluationSummary,
    evaluation_summary_for_trajectory,
    session_list,
)

if TYPE_CHECKING:
    from baz.accounts.permissions import UserLike


def workspace_trajectory_url(trajectory_pk: int) -> str:
    """The workspace page of a trajectory (which includes the phase parts); else the report."""
    try:
        return reverse("coaching:mijn_detail", kwargs={"pk": trajectory_pk})
    except NoReverseMatch:
        return reverse("coaching:report", kwargs={"trajectory_pk": trajectory_pk})


def agreement_list(*, trajectory: Trajectory) -> QuerySet[Agreement]:
    return Agreement.objects.filter(trajectory=trajectory).order_by("deadline", "pk")


def agreement_get(*, user: UserLike, pk: int) -> Agreement | None:
    """The agreement, if `user` may see its trajectory."""
    agreement = Agreement.objects.select_related("trajectory__municipality").filter(pk=pk).first()
    if agreement is None or not can(user, TRAJECTORY_VIEW, agreement.trajectory):
        return None
    return agreement


@dataclass
class AgreementRow:
    agreement: Agreement
    can_update_status: bool
    overdue: bool


def agreement_rows(*, user: UserLike, trajectory: Trajectory) -> list[AgreementRow]:
    """Agreements with what this user may do with each (for the workspace)."""
    today = timezone.localdate()
    rows = []
    for agreement in agreement_list(trajectory=trajectory):
        agreement.trajectory = trajectory  # avoid one query per row in can()
        rows.append(
            AgreementRow(
                agreement=agreement,
                can_update_status=can(user, AGREEMENT_STATUS_UPDATE, agreement),
                overdue=_is_overdue(agreement, today),
            )
        )
    return rows


def _is_overdue(agreement: Agreement, today: date) -> bool:
    return (
        agreement.deadline is not None
        and agreement.deadline < today
        and agreement.status not in (AgreementStatus.DONE, AgreementStatus.DROPPED)
    )


@dataclass
class Report:
    """Everything of the final report, for the printable page and the PDF alike."""

    trajectory: Trajectory
    generated_on: date
    inventory_counts: list[tuple[str, list[tuple[str, Any]]]]
    sessions_held: list[TrainingSession]
    sessions_cancelled: int
    participants_total: int
    attended_total: int
    evaluation: EvaluationSummary
    agreements: list[Agreement]
    agreements_by_status: dict[str, int] = field(default_factory=dict)


#: Plain numbers at the top of the snapshot, in words (the snapshot's keys are English).
_INVENTORY_TOTAL_LABELS = {
    "total": "Fiches van de gemeente",
}

_INVENTORY_LABELS = {
    "kind": "Soort",
    "kinds": "Soort",
    "theme": "Thema",
    "themes": "Thema's",
    "werkvorm": "Werkvorm",
    "werkvormen": "Werkvormen",
}


def _inventory_counts(snapshot: Any) -> list[tuple[str, list[tuple[str, Any]]]]:
    """The counts of the inventory snapshot, whatever shape the analysis phase stored.

    Groups of {label: count} (or lists of {"label"/"name", "count"}) become (label, count)
    rows; a plain number at the top level becomes a row of its own under "In totaal".
    """
    if not isinstance(snapshot, dict):
        return []
    groups: list[tuple[str, list[tuple[str, Any]]]] = []
    totals: list[tuple[str, Any]] = []
    for key, value in snapshot.items():
        rows: list[tuple[str, Any]] = []
        if isinstance(value, dict):
            rows = [(str(k), v) for k, v in value.items() if isinstance(v, int | float)]
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict) and "count" in item:
                    label = item.get("label") or item.get("name") or item.get("slug") or "?"
                    rows.append((str(label), item["count"]))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            label = _INVENTORY_TOTAL_LABELS.get(str(key))
            if label is None:
                # A number we have no words for is left out rather than shown as a code.
                continue
            totals.append((label, value))
        if rows:
            groups.append((_INVENTORY_LABELS.get(str(key), str(key).replace("_", " ")), rows))
    if totals:
        groups.insert(0, ("In totaal", totals))
    return groups


def trajectory_report(*, trajectory: Trajectory) -> Report:
    sessions = list(session_list(trajectory=trajectory))
    held = [s for s in sessions if s.cancelled_at is None and s.starts_at <= timezone.now()]
    agreements = list(agreement_list(trajectory=trajectory))
    by_status: dict[str, int] = {str(label): 0 for label in AgreementStatus.labels}
    for agreement in agreements:
        by_status[str(agreement.get_status_display())] += 1
    return Report(
        trajectory=trajectory,
        generated_on=timezone.localdate(),
        inventory_counts=_inventory_counts(trajectory.inventory_snapshot),
        sessions_held=held,
        sessions_cancelled=sum(1 for s in sessions if s.cancelled_at is not None),
        participants_total=sum(getattr(s, "invited_count", 0) for s in held),
        attended_total=sum(getattr(s, "attended_count", 0) for s in held),
        evaluation=evaluation_summary_for_trajectory(trajectory=trajectory),
        agreements=agreements,
        agreements_by_status=by_status,
    )
