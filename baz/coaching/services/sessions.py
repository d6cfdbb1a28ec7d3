"""Writes of the phase *vorming*: sessions, invitations, attendance, evaluations, materials and
the private calendar feed.

Every write checks permissions here (`require`); views only pass on what a person submitted.
Mail goes through the outbox in the same transaction as the change that causes it.
Tokens (evaluation links, the calendar feed) are random and shown once; only their SHA-256
hash is stored, so a copy of the database gives no working links.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from baz.accounts.permissions import TRAJECTORY_MANAGE, TRAJECTORY_VIEW, require
from baz.coaching.ical import (
    METHOD_CANCEL,
    METHOD_REQUEST,
    session_invitation_ics,
)
from baz.coaching.models import (
    Material,
    SessionEvaluation,
    SessionParticipant,
    TrainingSession,
    Trajectory,
)
from baz.coaching.selectors.trajectories import coach_addresses
from baz.core.forms import human_check_token
from baz.mail.services import OutboxAttachment, email_queue

if TYPE_CHECKING:
    from baz.accounts.permissions import UserLike


def token_hash(token: str) -> str:
    """The stored form of a link token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


# --- Sessions and invitations -------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantInput:
    name: str
    email: str
    user_id: int | None = None


#: The fields of a session that change the calendar event (and so raise its SEQUENCE).
EVENT_FIELDS = ("topic", "description", "starts_at", "ends_at", "location", "online_url", "trainer")


def _ics_attachment(
    session: TrainingSession, participant: SessionParticipant, method: str
) -> OutboxAttachment:
    return OutboxAttachment(
        filename="annulering.ics" if method == METHOD_CANCEL else "uitnodiging.ics",
        content=session_invitation_ics(session=session, participant=participant, method=method),
        mimetype="text/calendar",
        params={"method": method},
    )


def _mail_context(session: TrainingSession, participant: SessionParticipant) -> dict[str, Any]:
    return {
        "session": session,
        "participant": participant,
        "municipality": session.trajectory.municipality,
    }


def _reply_to(session: TrainingSession) -> list[str]:
    """Questions about a session go to the trajectory's coaches."""
    return coach_addresses(session.trajectory)


def _queue_invitation(
    session: TrainingSession, participant: SessionParticipant, *, update: bool
) -> None:
    subject = (_("Gewijzigd: %(topic)s") if update else _("Uitnodiging: %(topic)s")) % {
        "topic": session.topic
    }
    email_queue(
        to=participant.email,
        subject=subject,
        template="coaching/email/phases/session_invitation",
        reply_to=_reply_to(session),
        context={**_mail_context(session, participant), "update": update},
        related=f"coaching.session:{session.pk}",
        attachments=[_ics_attachment(session, participant, METHOD_REQUEST)],
    )
    participant.invited_at = timezone.now()
    participant.save(update_fields=["invited_at"])


def _queue_cancellation(session: TrainingSession, participant: SessionParticipant) -> None:
    email_queue(
        to=participant.email,
        subject=_("Geannuleerd: %(topic)s") % {"topic": session.topic},
        template="coaching/email/phases/session_cancelled",
        reply_to=_reply_to(session),
        context=_mail_context(session, participant),
        related=f"coaching.session:{session.pk}",
        attachments=[_ics_attachment(session, participant, METHOD_CANCEL)],
    )


def _clean_participants(participants: list[ParticipantInput]) -> list[ParticipantInput]:
    seen: dict[str, ParticipantInput] = {}
    for item in participants:
        email = item.email.strip().lower()
        if email and email not in seen:
            seen[email] = ParticipantInput(
                name=item.name.strip() or email, email=email, user_id=item.user_id
            )
    return list(seen.values())


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Het einde moet na het begin liggen.")})


@transaction.atomic
def session_create(
    *,
    user: UserLike,
    trajectory: Trajectory,
    topic: str,
    starts_at: datetime,
    ends_at: datetime,
    trainer: str,
    location: str = "",
    online_url: str = "",
    description: str = "",
    participants: list[ParticipantInput] | None = None,
) -> TrainingSession:
    """Plan a session and invite its participants (an e-mail with `uitnodiging.ics` each).

    A new session starts in the future: invitations for a moment that has passed help nobody.
    """
    require(user, TRAJECTORY_MANAGE, trajectory)
    _check_times(starts_at, ends_at)
    if starts_at < timezone.now():
        raise ValidationError(
            {"starts_at": _("Dit moment ligt in het verleden. Kies een datum in de toekomst.")}
        )
    session = TrainingSession(
        trajectory=trajectory,
        topic=topic,
        starts_at=starts_at,
        ends_at=ends_at,
        trainer=trainer,
        location=location,
        online_url=online_url,
        description=description,
    )
    session.full_clean()
    session.save()
    for item in _clean_participants(participants or []):
        participant = SessionParticipant.objects.create(
            session=session, name=item.name, email=item.email, user_id=item.user_id
        )
        _queue_invitation(session, participant, update=False)
    return session


@transaction.atomic
def session_update(
    *,
    user: UserLike,
    session: TrainingSession,
    participants: list[ParticipantInput] | None = None,
    **changes: Any,
) -> TrainingSession:
    """Change a session; invited people get the new version (same UID, higher SEQUENCE).

    `participants`, when given, is the full new list: new people are invited, people no longer
    on it get a cancellation. A change of time, place or topic raises the sequence and sends
    everyone still invited an updated invitation.
    """
    require(user, TRAJECTORY_MANAGE, session.trajectory)
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.cancelled_at is not None:
        raise ValidationError(_("Dit vormingsmoment is geannuleerd en kan niet meer wijzigen."))
    unknown = set(changes) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown session fields: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(session, name) != value]
    for name in changed:
        setattr(session, name, changes[name])
    _check_times(session.starts_at, session.ends_at)
    if changed:
        session.sequence += 1
    session.full_clean()
    session.save()

    current = {p.email: p for p in session.participants.all()}
    added: list[SessionParticipant] = []
    removed: list[SessionParticipant] = []
    if participants is None:
        kept = list(current.values())
    else:
        wanted = {p.email: p for p in _clean_participants(participants)}
        kept = [p for email, p in current.items() if email in wanted]
        removed = [p for email, p in current.items() if email not in wanted]
        for email, item in wanted.items():
            if email not in current:
                added.append(
                    SessionParticipant.objects.create(
                        session=session, name=item.name, email=email, user_id=item.user_id
                    )
                )
            elif current[email].name != item.name:
                current[email].name = item.name
                current[email].save(update_fields=["name"])
    for participant in removed:
        _queue_cancellation(session, participant)
        participant.delete()
    if changed:
        for participant in kept:
            _queue_invitation(session, participant, update=True)
    for participant in added:
        _queue_invitation(session, participant, update=False)
    return session


@transaction.atomic
def session_cancel(*, user: UserLike, session: TrainingSession) -> TrainingSession:
    """Cancel a session: every participant gets a mail with a METHOD:CANCEL `.ics`."""
    require(user, TRAJECTORY_MANAGE, session.trajectory)
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.cancelled_at is not None:
        return session
    session.cancelled_at = timezone.now()
    session.sequence += 1
    session.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    for participant in session.participants.all():
        _queue_cancellation(session, participant)
    return session


@transaction.atomic
def session_attendance_set(
    *, user: UserLike, session: TrainingSession, present_ids: set[int] | list[int]
) -> int:
    """Mark who was there (everyone else: absent). Returns how many were present."""
    require(user, TRAJECTORY_MANAGE, session.trajectory)
    if session.cancelled_at is not None:
        raise ValidationError(_("Dit vormingsmoment is geannuleerd."))
    present = set(present_ids)
    count = 0
    for participant in session.participants.all():
        participant.attended = participant.pk in present
        participant.save(update_fields=["attended"])
        count += int(participant.attended)
    return count


@transaction.atomic
def session_follow_up_send(*, user: UserLike, session: TrainingSession) -> int:
    """Mail each participant who attended a link to the evaluation form, once.

    Idempotent: a participant with `follow_up_sent_at` set is skipped, so pressing the button
    twice (or running it again after adding attendance) mails only the new people.
    """
    require(user, TRAJECTORY_MANAGE, session.trajectory)
    if session.cancelled_at is not None:
        raise ValidationError(_("Dit vormingsmoment is geannuleerd."))
    if session.ends_at > timezone.now():
        raise ValidationError(_("Stuur de evaluatievraag pas na het vormingsmoment."))
    sent = 0
    due = session.participants.select_for_update().filter(
        attended=True, follow_up_sent_at__isnull=True
    )
    for participant in due:
        token = _new_token()
        participant.evaluation_token_hash = token_hash(token)
        participant.follow_up_sent_at = timezone.now()
        participant.save(update_fields=["evaluation_token_hash", "follow_up_sent_at"])
        email_queue(
            to=participant.email,
            subject=_("Hoe was het? %(topic)s") % {"topic": session.topic},
            template="coaching/email/phases/session_follow_up",
            reply_to=_reply_to(session),
            context={
                **_mail_context(session, participant),
                "evaluation_url": _site_url(
                    reverse("coaching:evaluation", kwargs={"token": token})
                ),
                "valid_days": settings.COACHING_EVALUATION_DAYS,
            },
            related=f"coaching.session:{session.pk}",
            secret=True,
        )
        sent += 1
    return sent


# --- Evaluations --------------------------------------------------------------------------------

# The evaluation form's human check (baz.core.forms.HumanCheckMixin in EvaluationForm).
EVALUATION_FORM_SALT = "baz.coaching.evaluation-started"


class EvaluationTokenError(Exception):
    """A link that does not (or no longer) lead to a form; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code  # "unknown", "used" or "expired"


def evaluation_participant_get(*, token: str) -> SessionParticipant:
    """The participant a link belongs to, or EvaluationTokenError."""
    if not token:
        raise EvaluationTokenError("unknown")
    participant = (
        SessionParticipant.objects.select_related("session__trajectory__municipality")
        .filter(evaluation_token_hash=token_hash(token))
        .first()
    )
    if participant is None or participant.session.cancelled_at is not None:
        raise EvaluationTokenError("unknown")
    if SessionEvaluation.objects.filter(participant=participant).exists():
        raise EvaluationTokenError("used")
    sent = participant.follow_up_sent_at
    if sent is None or sent + timedelta(days=settings.COACHING_EVALUATION_DAYS) < timezone.now():
        raise EvaluationTokenError("expired")
    return participant


@transaction.atomic
def evaluation_submit(*, token: str, rating: int, useful: str, improve: str) -> SessionEvaluation:
    """Store one participant's evaluation; the link works once."""
    participant = evaluation_participant_get(token=token)
    # Lock the row so two quick submits cannot both pass the "used" check.
    SessionParticipant.objects.select_for_update().filter(pk=participant.pk).first()
    if SessionEvaluation.objects.filter(participant=participant).exists():
        raise EvaluationTokenError("used")
    evaluation = SessionEvaluation(
        participant=participant,
        session=participant.session,
        rating=rating,
        useful=useful.strip(),
        improve=improve.strip(),
    )
    evaluation.full_clean()
    evaluation.save()
    return evaluation


def evaluation_form_token(*, now: float | None = None) -> str:
    """A signed timestamp of when the form was shown, for the minimum fill time."""
    return human_check_token(salt=EVALUATION_FORM_SALT, now=now)


# --- Private calendar feed ----------------------------------------------------------------------


@transaction.atomic
def calendar_token_rotate(*, user: UserLike, trajectory: Trajectory) -> str:
    """Make a new feed token (the old link stops working) and return it; shown only once."""
    require(user, TRAJECTORY_VIEW, trajectory)
    token = _new_token()
    Trajectory.objects.filter(pk=trajectory.pk).update(calendar_token_hash=token_hash(token))
    trajectory.calendar_token_hash = token_hash(token)
    return token


@transaction.atomic
def calendar_token_revoke(*, user: UserLike, trajectory: Trajectory) -> None:
    """Stop the feed: the old link answers 404 from now on."""
    require(user, TRAJECTORY_VIEW, trajectory)
    Trajectory.objects.filter(pk=trajectory.pk).update(calendar_token_hash="")
    trajectory.calendar_token_hash = ""


# --- Materials ----------------------------------------------------------------------------------

#: Extension → the kinds `filetype` may recognise in the file's first bytes.
MATERIAL_TYPES: dict[str, tuple[str, ...]] = {
    "pdf": ("pdf",),
    "docx": ("docx", "zip"),
    "xlsx": ("xlsx", "zip"),
    "pptx": ("pptx", "zip"),
    "odt": ("odt", "zip"),
    "ods": ("ods", "zip"),
    "odp": ("odp", "zip"),
    "doc": ("doc",),
    "xls": ("xls", "doc"),
    "ppt": ("ppt", "doc"),
    "png": ("png",),
    "jpg": ("jpg",),
    "jpeg": ("jpg",),
    "gif": ("gif",),
    "webp": ("webp",),
}


def material_file_check(upload: UploadedFile) -> str:
    """Check size, extension and content; return a safe file name or raise ValidationError."""
    name = os.path.basename(str(upload.name or ""))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in MATERIAL_TYPES:
        raise ValidationError(
            _(
                "Dit soort bestand kan niet. Kies een PDF, een Office- of OpenDocument-bestand "
                "of een afbeelding (PNG, JPG, GIF, WebP)."
            ),
            code="extension",
        )
    limit = settings.COACHING_MATERIAL_MAX_MB * 1024 * 1024
    if (upload.size or 0) > limit:
        raise ValidationError(
            _("Het bestand is te groot. Het mag hoogstens %(mb)s MB zijn.")
            % {"mb": settings.COACHING_MATERIAL_MAX_MB},
            code="size",
        )
    if not upload.size:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in MATERIAL_TYPES[extension]:
        raise ValidationError(
            _(
                "De inhoud van het bestand past niet bij de extensie .%(ext)s. "
                "Sla het opnieuw op en probeer nog eens."
            )
            % {"ext": extension},
            code="content",
        )
    stem = get_valid_filename(name.rsplit(".", 1)[0])[:80] or "bestand"
    return f"{stem}.{extension}"


@transaction.atomic
def material_upload(
    *,
    user: UserLike,
    trajectory: Trajectory,
    title: str,
    upload: UploadedFile,
    session: TrainingSession | None = None,
) -> Material:
    """Store a file for the municipality, under an unguessable folder name.

    The file lives under MEDIA_ROOT/coaching/, which the web server must never serve itself
    (see docs/decisions.md); it is downloaded only through the checked view.
    """
    require(user, TRAJECTORY_MANAGE, trajectory)
    if session is not None and session.trajectory_id != trajectory.pk:
        raise ValidationError(_("Dit vormingsmoment hoort niet bij dit traject."))
    safe_name = material_file_check(upload)
    material = Material(
        trajectory=trajectory,
        session=session,
        title=title.strip() or safe_name,
        uploaded_by=user if getattr(user, "pk", None) else None,  # type: ignore[misc]
    )
    material.file.save(f"{uuid.uuid4().hex}/{safe_name}", upload, save=False)
    material.save()
    return material


@transaction.atomic
def material_delete(*, user: UserLike, material: Material) -> None:
    require(user, TRAJECTORY_MANAGE, material.trajectory)
    storage, name = material.file.storage, material.file.name
    material.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
