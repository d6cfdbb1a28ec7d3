"""Writes of the phase *conclusies en afspraken*: agreements, reminders and retention.

Reminders are idempotent through `reminded_before_for` / `reminded_overdue_for`: they hold the
deadline a reminder was sent for, so running the command twice sends nothing new, and moving
a deadline earns a fresh reminder. Retention removes personal data of finished trajectories
and keeps the agreements and the counts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from baz.accounts.models import Membership
from baz.accounts.permissions import AGREEMENT_STATUS_UPDATE, TRAJECTORY_MANAGE, require
from baz.coaching.models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    CoachingRequest,
    Message,
    SessionEvaluation,
    SessionParticipant,
    State,
    Trajectory,
)
from baz.coaching.selectors.trajectories import coach_addresses
from baz.core.dates import months_before
from baz.mail.services import email_queue, outbox_forget

if TYPE_CHECKING:
    from baz.accounts.permissions import UserLike

logger = logging.getLogger(__name__)

#: What a coach may set on an agreement (status has its own door as well).
AGREEMENT_FIELDS = (
    "title",
    "description",
    "party",
    "owner_name",
    "owner_email",
    "deadline",
    "follow_up_on",
    "status",
)
CLOSED_STATUSES = (AgreementStatus.DONE, AgreementStatus.DROPPED)


def _check_dates(agreement: Agreement, *, creating: bool) -> None:
    """A new agreement's deadline is not in the past; a follow-up date comes before the
    deadline (when both are set), on every save. An agreement already stored keeps a past
    deadline: that is what the overdue reminder is for."""
    errors: dict[str, str] = {}
    if creating and agreement.deadline and agreement.deadline < timezone.localdate():
        errors["deadline"] = _("Deze deadline ligt in het verleden. Kies een datum vanaf vandaag.")
    deadline, follow_up = agreement.deadline, agreement.follow_up_on
    if deadline and follow_up and follow_up >= deadline:
        errors["follow_up_on"] = _(
            "De datum om op te volgen moet voor de deadline liggen. Kies een vroegere datum."
        )
    if errors:
        raise ValidationError(errors)


def _apply_status(agreement: Agreement, status: str) -> None:
    if status not in AgreementStatus.values:
        raise ValidationError({"status": _("Kies een geldige status.")})
    agreement.status = status
    if status == AgreementStatus.DONE and agreement.completed_at is None:
        agreement.completed_at = timezone.now()
    elif status != AgreementStatus.DONE:
        agreement.completed_at = None


@transaction.atomic
def agreement_create(
    *, user: UserLike, trajectory: Trajectory, title: str, owner_name: str, **fields: Any
) -> Agreement:
    """A coach writes down an agreement: what, who, deadline, status, follow-up date."""
    require(user, TRAJECTORY_MANAGE, trajectory)
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown agreement fields: {sorted(unknown)}")
    status = fields.pop("status", AgreementStatus.OPEN)
    agreement = Agreement(
        trajectory=trajectory,
        title=title,
        owner_name=owner_name,
        created_by=user if getattr(user, "pk", None) else None,  # type: ignore[misc]
        **fields,
    )
    _apply_status(agreement, status)
    _check_dates(agreement, creating=True)
    agreement.full_clean()
    agreement.save()
    return agreement


@transaction.atomic
def agreement_update(*, user: UserLike, agreement: Agreement, **changes: Any) -> Agreement:
    """A coach changes an agreement. A moved deadline makes reminders due again by itself."""
    require(user, TRAJECTORY_MANAGE, agreement.trajectory)
    unknown = set(changes) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown agreement fields: {sorted(unknown)}")
    status = changes.pop("status", None)
    for name, value in changes.items():
        setattr(agreement, name, value)
    if status is not None:
        _apply_status(agreement, status)
    _check_dates(agreement, creating=False)
    agreement.full_clean()
    agreement.save()
    return agreement


@transaction.atomic
def agreement_status_update(*, user: UserLike, agreement: Agreement, status: str) -> Agreement:
    """Change only the status: coaches for every agreement, municipality users for their own."""
    require(user, AGREEMENT_STATUS_UPDATE, agreement)
    _apply_status(agreement, status)
    agreement.save(update_fields=["status", "completed_at", "updated_at"])
    return agreement


@transaction.atomic
def agreement_delete(*, user: UserLike, agreement: Agreement) -> None:
    require(user, TRAJECTORY_MANAGE, agreement.trajectory)
    agreement.delete()


# --- Reminders ----------------------------------------------------------------------------------


@dataclass
class ReminderResult:
    before: list[int] = field(default_factory=list)  # agreement ids
    overdue: list[int] = field(default_factory=list)
    mails: int = 0
    skipped_without_recipient: list[int] = field(default_factory=list)


def agreement_reminder_recipients(agreement: Agreement) -> list[str]:
    """The owner's address; without it the municipality's users, or the coaches for BAZ."""
    if agreement.owner_email:
        return [agreement.owner_email]
    trajectory = agreement.trajectory
    emails: list[str]
    if agreement.party == AgreementParty.BAZ:
        emails = list(trajectory.coaches.filter(is_active=True).values_list("email", flat=True))
    else:
        emails = list(
            Membership.objects.filter(
                municipality_id=trajectory.municipality_id, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    return sorted({e for e in emails if e})


def _reminder_candidates() -> Any:
    return (
        Agreement.objects.select_related("trajectory__municipality")
        .exclude(status__in=CLOSED_STATUSES)
        .filter(deadline__isnull=False, trajectory__anonymised_at__isnull=True)
        .exclude(trajectory__state=State.STOPPED)
        .order_by("deadline", "pk")
    )


def agreement_reminders_send(*, today: date | None = None, dry_run: bool = False) -> ReminderResult:
    """Queue the reminders that are due today: N days before the deadline, and once overdue.

    An agreement whose deadline is already past gets only the overdue reminder. Each agreement
    is handled in its own transaction, so one failure does not hold back the others.
    """
    today = today or timezone.localdate()
    days_before = settings.COACHING_REMINDER_DAYS_BEFORE
    result = ReminderResult()
    for agreement in _reminder_candidates():
        deadline = agreement.deadline
        assert deadline is not None  # noqa: S101  (filtered above)
        if deadline < today:
            if agreement.reminded_overdue_for == deadline:
                continue
            kind = "overdue"
        elif deadline - timedelta(days=days_before) <= today:
            if agreement.reminded_before_for == deadline:
                continue
            kind = "before"
        else:
            continue
        recipients = agreement_reminder_recipients(agreement)
        if not recipients:
            result.skipped_without_recipient.append(agreement.pk)
            logger.warning("Agreement %s has nobody to remind", agreement.pk)
            continue
        (result.overdue if kind == "overdue" else result.before).append(agreement.pk)
        result.mails += len(recipients)
        if dry_run:
            continue
        with transaction.atomic():
            _queue_reminder(agreement, recipients, overdue=kind == "overdue")
            if kind == "overdue":
                agreement.reminded_overdue_for = deadline
                Agreement.objects.filter(pk=agreement.pk).update(reminded_overdue_for=deadline)
            else:
                agreement.reminded_before_for = deadline
                Agreement.objects.filter(pk=agreement.pk).update(reminded_before_for=deadline)
    return result


def _queue_reminder(agreement: Agreement, recipients: list[str], *, overdue: bool) -> None:
    municipality = agreement.trajectory.municipality
    if agreement.party == AgreementParty.BAZ and not agreement.owner_email:
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "coaching_phases_agreements", kwargs={"trajectory_pk": agreement.trajectory_id}
        )
    else:
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "coaching:mijn_agreements", kwargs={"pk": agreement.trajectory_id}
        )
    subject = (_("Deadline voorbij: %(title)s") if overdue else _("Deadline nadert: %(title)s")) % {
        "title": agreement.title
    }
    for address in recipients:
        email_queue(
            to=address,
            subject=subject,
            template="coaching/email/phases/agreement_reminder",
            reply_to=coach_addresses(agreement.trajectory),
            context={
                "agreement": agreement,
                "municipality": municipality,
                "overdue": overdue,
                "owner_name": agreement.owner_name,
                "link": link,
            },
            related=f"coaching.agreement:{agreement.pk}",
        )


# --- Retention ----------------------------------------------------------------------------------


def retention_due_list(*, now: datetime | None = None) -> Any:
    """Finished (afgerond or stopgezet) trajectories past the retention period, not yet done."""
    now = now or timezone.now()
    limit = months_before(now, settings.COACHING_RETENTION_MONTHS)
    return (
        Trajectory.objects.filter(state__in=(State.COMPLETED, State.STOPPED))
        .filter(anonymised_at__isnull=True)
        .filter(Q(closed_at__lt=limit) | Q(closed_at__isnull=True, updated_at__lt=limit))
        .order_by("pk")
    )


@transaction.atomic
def trajectory_anonymise(*, trajectory: Trajectory, now: datetime | None = None) -> None:
    """Remove the personal data of one finished trajectory; keep agreements, counts, dates.

    - participants: name and e-mail replaced, user link and evaluation token cleared
      (attendance stays, so the counts in the report stay right);
    - requests: name, role, e-mail, phone and motivation cleared (municipality and dates stay);
    - evaluations: unlinked from the participant; the free text stays (anonymous by design);
    - agreements: the owner's e-mail cleared and the named person replaced by the party;
    - messages: the author unlinked and their name replaced by the side they wrote for
      ("BurgersAanZet" or "Gemeente"); the text of the thread stays with the trajectory;
    - the outbox: every mail about the trajectory loses its text and subject, and the
      addresses of participants, requesters and agreement owners.
    """
    now = now or timezone.now()
    _forget_outbox(trajectory, now=now)
    for participant in SessionParticipant.objects.filter(session__trajectory=trajectory):
        participant.name = ""
        # The (session, e-mail) pair is unique, so each participant gets its own placeholder.
        participant.email = f"deelnemer-{participant.pk}@verwijderd.invalid"
        participant.user = None
        participant.evaluation_token_hash = ""
        participant.save(update_fields=["name", "email", "user", "evaluation_token_hash"])
    SessionEvaluation.objects.filter(session__trajectory=trajectory).update(participant=None)
    CoachingRequest.objects.filter(trajectory=trajectory).update(
        name="", role="", email="", phone="", motivation="", invited_user=None
    )
    for agreement in Agreement.objects.filter(trajectory=trajectory):
        agreement.owner_name = str(agreement.get_party_display())
        agreement.owner_email = ""
        agreement.save(update_fields=["owner_name", "owner_email"])
    Message.objects.filter(trajectory=trajectory, from_baz=True).update(
        author=None, author_name=str(AgreementParty.BAZ.label)
    )
    Message.objects.filter(trajectory=trajectory, from_baz=False).update(
        author=None, author_name=str(AgreementParty.MUNICIPALITY.label)
    )
    Trajectory.objects.filter(pk=trajectory.pk).update(anonymised_at=now, calendar_token_hash="")
    trajectory.anonymised_at = now
    trajectory.calendar_token_hash = ""


def _forget_outbox(trajectory: Trajectory, *, now: datetime) -> None:
    """The mail about a trajectory quotes names and messages: erase it with the trajectory."""
    participants = SessionParticipant.objects.filter(session__trajectory=trajectory)
    requests = CoachingRequest.objects.filter(trajectory=trajectory)
    agreements = Agreement.objects.filter(trajectory=trajectory)
    addresses = [
        *participants.values_list("email", flat=True),
        *requests.values_list("email", flat=True),
        *agreements.values_list("owner_email", flat=True),
    ]
    related = [
        *(f"coaching.session:{pk}" for pk in trajectory.sessions.values_list("pk", flat=True)),
        *(f"coaching.request:{pk}" for pk in requests.values_list("pk", flat=True)),
        *(f"coaching.agreement:{pk}" for pk in agreements.values_list("pk", flat=True)),
        *(
            f"coaching.message:{pk}"
            for pk in Message.objects.filter(trajectory=trajectory).values_list("pk", flat=True)
        ),
    ]
    outbox_forget(addresses=addresses, related=related, now=now)


def retention_run(*, now: datetime | None = None, dry_run: bool = False) -> list[int]:
    """Anonymise every trajectory that is due; returns their ids (also on a dry run)."""
    now = now or timezone.now()
    due = list(retention_due_list(now=now))
    if not dry_run:
        for trajectory in due:
            trajectory_anonymise(trajectory=trajectory, now=now)
    return [t.pk for t in due]
