"""Writes of the outbox: queue a message, send what is due, put a message back in the queue.

Every e-mail is stored first, in the caller's transaction, so a rolled-back action never
sends mail and a crashed or unreachable mail server never loses it. The worker command
`send_outbox` calls `outbox_send_due` in a loop.
"""

from __future__ import annotations

import base64
import json
import logging
import mailbox
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import encoders
from email.mime.base import MIMEBase
from email.utils import make_msgid, parseaddr
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import SafeMIMEText
from django.db import connection, transaction
from django.db.models import Q
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from baz.mail.bounces import Bounce, parse_bounce
from baz.mail.links import SECRET_HEADER, carries_secret_link
from baz.mail.models import OutboxMessage
from baz.mail.selectors import outbox_due_list

logger = logging.getLogger(__name__)

MAX_ERROR_LENGTH = 2000

#: Set this header on a Django EmailMessage to fill the outbox row's `related`; not sent.
RELATED_HEADER = "X-BAZ-Related"


@dataclass
class SendStats:
    """What one worker pass did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.retried + self.failed

    def summary(self) -> str:
        return f"{self.sent} verzonden, {self.retried} later opnieuw, {self.failed} mislukt"


@dataclass(frozen=True)
class OutboxAttachment:
    """A small generated file sent with a message, such as an iCalendar invitation.

    `params` are extra Content-Type parameters, e.g. {"method": "REQUEST"} for text/calendar.
    """

    filename: str
    content: bytes
    mimetype: str
    params: dict[str, str] = field(default_factory=dict)

    def as_stored(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "mimetype": self.mimetype,
            "params": dict(self.params),
            "content": base64.b64encode(self.content).decode("ascii"),
        }


#: Attachments are for small generated files; anything bigger is linked to instead.
MAX_ATTACHMENT_BYTES = 256 * 1024


def _as_list(value: list[str] | tuple[str, ...] | str | None) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


def _one_line(text: object) -> str:
    # A newline in a subject is a header injection; Django would refuse it only at send time.
    return " ".join(str(text).split())


def _message_id(from_email: str) -> str:
    domain = parseaddr(from_email)[1].rpartition("@")[2] or "localhost"
    return make_msgid(domain=domain)


def outbox_email_store(
    *,
    email: EmailMessage,
    related: str = "",
    attachments: list[OutboxAttachment] | tuple[OutboxAttachment, ...] = (),
    secret: bool = False,
) -> OutboxMessage:
    """Store one Django e-mail message in the outbox, in the current transaction.

    The Message-ID is fixed now, so a retry after an unclear failure carries the same ID and
    receiving servers can recognise the duplicate.

    The message is stored as `secret` (body hidden in the admin, cleared once it left the
    queue, never sent again) when the caller says so, when it carries the header
    `X-BAZ-Secret`, or when one of its links leads to a view that takes a token
    (`baz.mail.links`). The headers `X-BAZ-Secret` and `X-BAZ-Related` (the `related` of
    mail built as a Django EmailMessage) are kept out of the sent message.

    Attachments on the Django message itself are refused (uploaded files are linked to);
    small generated files come as `attachments` from `email_queue(attachments=...)`.
    """
    if email.attachments:
        raise ValueError("The outbox does not store attachments; link to the file instead.")
    if sum(len(item.content) for item in attachments) > MAX_ATTACHMENT_BYTES:
        raise ValueError("Outbox attachments are for small generated files; link to the file.")
    body_text = str(email.body or "")
    body_html = ""
    for content, mimetype in getattr(email, "alternatives", []) or []:
        if mimetype != "text/html":
            raise ValueError(f"The outbox stores only text/html alternatives, not {mimetype}.")
        body_html = str(content)
    if email.content_subtype == "html":
        body_html, body_text = body_text, strip_tags(body_text)

    from_email = str(email.from_email or settings.DEFAULT_FROM_EMAIL)
    headers = {}
    for name, value in (email.extra_headers or {}).items():
        if str(name).lower() == SECRET_HEADER.lower():
            secret = True
        elif str(name).lower() == RELATED_HEADER.lower():
            related = related or str(value)
        else:
            headers[str(name)] = str(value)
    secret = secret or carries_secret_link(body_text, body_html)
    if not any(name.lower() == "message-id" for name in headers):
        headers["Message-ID"] = _message_id(from_email)

    return OutboxMessage.objects.create(
        to=_as_list(email.to),
        cc=_as_list(email.cc),
        bcc=_as_list(email.bcc),
        reply_to=_as_list(email.reply_to),
        from_email=from_email,
        subject=_one_line(email.subject),
        body_text=body_text,
        body_html=body_html,
        headers=headers,
        message_id=next(
            (value for name, value in headers.items() if name.lower() == "message-id"), ""
        ).strip()[:255],
        attachments=[item.as_stored() for item in attachments],
        related=related[:200],
        secret=secret,
    )


def _render_text(template_name: str, context: dict[str, Any]) -> str:
    # Plain text must not be HTML-escaped: "Zorg & Welzijn" stays "Zorg & Welzijn".
    template = get_template(template_name)
    engine_template = getattr(template, "template", None)
    if engine_template is None:
        return str(template.render(context))
    return str(engine_template.render(Context(context, autoescape=False)))


def email_queue(
    *,
    to: list[str] | str,
    subject: str,
    template: str,
    context: dict[str, Any],
    reply_to: list[str] | str | None = None,
    related: str = "",
    attachments: list[OutboxAttachment] | tuple[OutboxAttachment, ...] = (),
    secret: bool = False,
) -> OutboxMessage:
    """Render `<template>.txt` (and `<template>.html` when it exists) and store the message.

    Templates get `site_url` besides the given context, for links back to the platform, and
    `can_reply`: the footer says "antwoorden kan op deze e-mail" only when `reply_to` names
    somebody who reads it (a coach, the routed contact person, the visitor of a relay).
    `attachments` are small generated files (an invitation's `.ics`), stored with the message.
    Pass `secret=True` when the message carries a link that works as a key (a confirmation,
    evaluation or invitation link): staff never see its body and it is cleared at delivery.

    This is the door other apps use to send mail. Call it inside the transaction of the
    action that causes the mail: if that action rolls back, the mail is gone too.
    """
    recipients = _as_list(to)
    if not recipients:
        raise ValueError("An e-mail needs at least one recipient.")
    context = {
        "site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        "can_reply": bool(_as_list(reply_to)),
        **context,
    }
    body_text = _render_text(f"{template}.txt", context)
    body_html: str
    try:
        body_html = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:
        body_html = ""
    email = EmailMultiAlternatives(
        subject=subject,
        body=body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=_as_list(reply_to),
    )
    if body_html:
        email.attach_alternative(body_html, "text/html")
    return outbox_email_store(email=email, related=related, attachments=attachments, secret=secret)


def _as_email(message: OutboxMessage, connection: BaseEmailBackend) -> EmailMultiAlternatives:
    headers = dict(message.headers or {})
    envelope_sender = message.from_email
    if settings.OUTBOX_BOUNCE_ADDRESS:
        # Bounce reports go to the envelope sender (Return-Path), not to the From: with
        # OUTBOX_BOUNCE_ADDRESS they land in the mailbox `read_bounces` reads, and the
        # visitor still sees the usual sender.
        envelope_sender = settings.OUTBOX_BOUNCE_ADDRESS
        if not any(name.lower() == "from" for name in headers):
            headers["From"] = message.from_email
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=envelope_sender,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        reply_to=message.reply_to,
        headers=headers,
        connection=connection,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for item in message.attachments or []:
        email.attach(_mime_attachment(item))
    return email


def _mime_attachment(item: dict[str, Any]) -> MIMEBase:
    content = base64.b64decode(item["content"])
    maintype, _slash, subtype = str(item["mimetype"]).partition("/")
    part: MIMEBase
    if maintype == "text":
        part = SafeMIMEText(content.decode("utf-8"), subtype, "utf-8")
    else:
        part = MIMEBase(maintype, subtype)
        part.set_payload(content)
        encoders.encode_base64(part)
    for name, value in (item.get("params") or {}).items():
        part.set_param(str(name), str(value))
    part.add_header("Content-Disposition", "attachment", filename=str(item["filename"]))
    return part


def outbox_backoff(*, attempts: int) -> timedelta:
    """Wait before the next attempt: OUTBOX_BACKOFF_SECONDS * 2^(attempts - 1), capped."""
    base = settings.OUTBOX_BACKOFF_SECONDS
    seconds = min(base * 2 ** max(attempts - 1, 0), settings.OUTBOX_BACKOFF_MAX_SECONDS)
    return timedelta(seconds=seconds)


def _is_permanent(error: BaseException) -> bool:
    """A 5xx answer from the server will not change on a retry; anything else might."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def _refusals(refused: dict[str, Any]) -> dict[str, str]:
    """{address: "550 reply"} from smtplib's {address: (code, reply bytes)}."""
    described = {}
    for address, answer in refused.items():
        code, reply = answer if isinstance(answer, tuple) else (0, answer)
        if isinstance(reply, bytes):
            reply = reply.decode("utf-8", "replace")
        described[str(address)] = f"{code} {reply}".strip()[:500]
    return described


def _refused_of(error: BaseException | None, backend: BaseEmailBackend) -> dict[str, str]:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return _refusals(error.recipients)
    if error is None:
        return _refusals(getattr(backend, "refused", None) or {})
    return {}


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]


def _claim_due(*, now: datetime, batch_size: int) -> list[OutboxMessage]:
    """Lease a batch of due messages to this worker, in a short transaction.

    The lease moves next_attempt_at forward, so no other worker picks the same rows while
    this one sends, and no row lock is held during the slow SMTP conversation. If the worker
    dies mid-batch, the lease expires and the message is sent later (at least once).
    On PostgreSQL, SKIP LOCKED lets two workers claim different rows at the same moment;
    SQLite serialises writers, so a plain select is already safe there.
    """
    with transaction.atomic():
        queryset = outbox_due_list(now=now, limit=batch_size)
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        messages = list(queryset)
        if messages:
            lease_until = now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
            OutboxMessage.objects.filter(pk__in=[m.pk for m in messages]).update(
                next_attempt_at=lease_until
            )
    return messages


def _record_result(
    *,
    message: OutboxMessage,
    error: BaseException | None,
    now: datetime,
    stats: SendStats,
    refused: dict[str, str] | None = None,
) -> None:
    message.attempts += 1
    message.refused_recipients = refused or {}
    message.bounced = any(
        _is_permanent_reply(reply) for reply in message.refused_recipients.values()
    )
    if message.bounced:
        logger.warning(
            "Outbox message %s bounced for %s", message.pk, ", ".join(message.refused_recipients)
        )
    if error is None:
        message.state = OutboxMessage.State.SENT
        message.sent_at = now
        message.last_error = ""
        stats.sent += 1
    else:
        message.last_error = _describe(error)
        if _is_permanent(error) or message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            message.state = OutboxMessage.State.FAILED
            stats.failed += 1
            logger.error("Outbox message %s failed for good: %s", message.pk, message.last_error)
        else:
            message.next_attempt_at = now + outbox_backoff(attempts=message.attempts)
            stats.retried += 1
            logger.warning(
                "Outbox message %s not sent (attempt %s), retry at %s: %s",
                message.pk,
                message.attempts,
                message.next_attempt_at.isoformat(),
                message.last_error,
            )
    update_fields = [
        "attempts",
        "state",
        "sent_at",
        "last_error",
        "next_attempt_at",
        "refused_recipients",
        "bounced",
    ]
    if message.secret and message.state != OutboxMessage.State.QUEUED:
        # The link is a key: once the message left the queue nobody needs it here any more.
        _clear_body(message, now=now)
        update_fields += CLEARED_FIELDS
    message.save(update_fields=update_fields)


#: What clearing a message's body empties (the Message-ID, dates and state stay).
CLEARED_FIELDS = ["body_text", "body_html", "attachments", "body_cleared_at"]


def _clear_body(message: OutboxMessage, *, now: datetime) -> None:
    message.body_text = ""
    message.body_html = ""
    message.attachments = []
    message.body_cleared_at = now


def _is_permanent_reply(reply: str) -> bool:
    code = reply.split(" ", 1)[0]
    return code.isdigit() and int(code) >= 500


def outbox_send_due(*, now: datetime | None = None, batch_size: int = 50) -> SendStats:
    """Send the queued messages that are due, through OUTBOX_DELIVERY_BACKEND.

    A message that fails is retried with exponential back-off; after OUTBOX_MAX_ATTEMPTS
    attempts, or at once when the server refuses it permanently (5xx), it is marked failed.
    """
    fixed_now = now
    now = now or timezone.now()
    stats = SendStats()
    messages = _claim_due(now=now, batch_size=batch_size)
    if not messages:
        return stats
    backend = get_connection(_delivery_backend_path(), fail_silently=False)
    try:
        backend.open()  # one SMTP connection for the whole batch
    except Exception:
        # The server is unreachable: every message tries once more and records the error.
        _close_quietly(backend)
    try:
        for message in messages:
            error: BaseException | None = None
            try:
                if backend.send_messages([_as_email(message, backend)]) == 0:
                    raise RuntimeError("The mail backend accepted nothing.")
            except Exception as exc:
                error = exc
                _close_quietly(backend)
            # Sending a batch takes time: record the real moment unless a test fixed it.
            recorded_at = fixed_now or timezone.now()
            _record_result(
                message=message,
                error=error,
                now=recorded_at,
                stats=stats,
                refused=_refused_of(error, backend),
            )
    finally:
        _close_quietly(backend)
    return stats


_DJANGO_SMTP = "django.core.mail.backends.smtp.EmailBackend"


def _delivery_backend_path() -> str:
    """Django's SMTP backend is replaced by ours, which also records refused recipients."""
    path = str(settings.OUTBOX_DELIVERY_BACKEND)
    return "baz.mail.smtp.SMTPBackend" if path == _DJANGO_SMTP else path


def _close_quietly(backend: BaseEmailBackend) -> None:
    # After a failure the SMTP connection may be half-open; the next message opens a new one.
    try:
        backend.close()
    except Exception:
        logger.debug("Closing the mail connection failed", exc_info=True)


def outbox_message_resend(*, message: OutboxMessage, user: Any) -> OutboxMessage:
    """Put a message back in the queue, to be sent at the next worker pass. Staff only."""
    allowed = getattr(user, "is_authenticated", False) and (
        getattr(user, "is_staff", False) or user.has_perm("mail.change_outboxmessage")
    )
    if not allowed or not getattr(user, "is_active", False):
        raise PermissionDenied("Only staff may resend e-mail.")
    outbox_message_resend_check(message=message)
    message.state = OutboxMessage.State.QUEUED
    message.attempts = 0
    message.next_attempt_at = timezone.now()
    message.sent_at = None
    message.save(update_fields=["state", "attempts", "next_attempt_at", "sent_at"])
    logger.info("Outbox message %s queued again by user %s", message.pk, user.pk)
    return message


def outbox_message_resend_check(*, message: OutboxMessage) -> None:
    """Refuse (ValidationError, in Dutch) a message that must not be sent again.

    A message with a secret link is never sent twice: the link may have been used, and a
    copy would be a second key; its body is gone after delivery anyway. The service that
    made the link makes a new one (a new invitation, "wachtwoord vergeten").
    """
    if message.secret:
        raise ValidationError(
            _(
                "Deze e-mail bevat een persoonlijke link (zoals een uitnodiging of een link om "
                "een wachtwoord te kiezen) en kan niet opnieuw verstuurd worden. Laat een "
                "nieuwe link versturen vanaf de plek waar hij gemaakt werd."
            )
        )
    if message.body_cleared_at is not None:
        raise ValidationError(
            _("De inhoud van deze e-mail is al gewist: hij kan niet opnieuw verstuurd worden.")
        )


@dataclass
class BounceStats:
    read: int = 0  # new mail in the bounce mailbox
    recorded: int = 0  # bounce reports recorded on an outbox message
    ignored: int = 0  # no final bounce, or not about a message of ours
    removed: int = 0  # read mail older than the retention, deleted

    @property
    def summary(self) -> str:
        return (
            f"{self.read} gelezen, {self.recorded} bounces vastgelegd, "
            f"{self.ignored} genegeerd, {self.removed} oude berichten verwijderd"
        )


def outbox_bounces_read(
    *, maildir: str, keep_days: int = 30, now: datetime | None = None
) -> BounceStats:
    """Record the bounce reports that arrived by mail in `maildir` on their outbox messages.

    Every message not yet marked as read is parsed once; a final bounce for one of our
    messages marks its failed recipients as refused and the message as bounced. Each mail is
    then marked as read (Maildir flag S, moved to cur/), so a next run skips it, and kept for
    `keep_days` for whoever wants to look: bounces quote the original message, which is
    personal data, so they are deleted afterwards.
    """
    now = now or timezone.now()
    if not (Path(maildir) / "new").is_dir() or not (Path(maildir) / "cur").is_dir():
        raise FileNotFoundError(f"{maildir} is not a Maildir (new/ and cur/ missing).")
    box = mailbox.Maildir(maildir, factory=None, create=False)
    stats = BounceStats()
    cutoff = now.timestamp() - keep_days * 86400
    for key in list(box.iterkeys()):
        try:
            stored = box.get_message(key)
        except (KeyError, FileNotFoundError):
            continue  # taken away by another run or a mail client meanwhile
        if "S" in stored.get_flags():
            if stored.get_date() < cutoff:
                box.discard(key)
                stats.removed += 1
            continue
        stats.read += 1
        bounce = parse_bounce(box.get_bytes(key))
        if bounce is not None and _record_bounce(bounce):
            stats.recorded += 1
        else:
            stats.ignored += 1
        stored.set_subdir("cur")
        stored.add_flag("S")
        stored.set_date(now.timestamp())
        box[key] = stored
    return stats


def _record_bounce(bounce: Bounce) -> bool:
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(message_id=bounce.message_id)
            .order_by("pk")
            .first()
        )
        if message is None:
            logger.info("Bounce report for an unknown message %s", bounce.message_id)
            return False
        ours = {address.lower(): address for address in [*message.to, *message.cc, *message.bcc]}
        failed = {
            ours[address.lower()]: reason
            for address, reason in bounce.failed.items()
            if address.lower() in ours
        }
        if not failed:
            logger.info("Bounce report for message %s names none of its recipients", message.pk)
            return False
        message.refused_recipients = {
            **(message.refused_recipients or {}),
            **{address: reason or "5.0.0" for address, reason in failed.items()},
        }
        message.bounced = True
        message.save(update_fields=["refused_recipients", "bounced"])
    logger.warning("Outbox message %s bounced later for %s", message.pk, ", ".join(failed))
    return True


# --- Privacy: bodies do not stay, and a person can be forgotten ---------------------------------


@dataclass
class BodyRetentionResult:
    messages: int
    cutoff: datetime


def outbox_body_retention_apply(
    *, now: datetime | None = None, days: int | None = None, dry_run: bool = False
) -> BodyRetentionResult:
    """Clear the body of messages that left the queue more than OUTBOX_BODY_RETENTION_DAYS ago.

    Delivered messages count from their delivery, failed ones from their creation (staff can
    resend a failed message until then). Queued messages are never touched. Subject,
    addresses, dates, state and bounces stay: they show that mail went out, and to whom.
    Idempotent: a cleared message is skipped.
    """
    now = now or timezone.now()
    days = settings.OUTBOX_BODY_RETENTION_DAYS if days is None else days
    cutoff = now - timedelta(days=days)
    due = OutboxMessage.objects.filter(body_cleared_at__isnull=True, created_at__lt=cutoff).filter(
        Q(state=OutboxMessage.State.SENT, sent_at__lt=cutoff) | Q(state=OutboxMessage.State.FAILED)
    )
    if dry_run:
        count = due.count()
    else:
        count = due.update(body_text="", body_html="", attachments=[], body_cleared_at=now)
    return BodyRetentionResult(messages=count, cutoff=cutoff)


def _json_fragment(address: str) -> str:
    # JSON lists are stored as text with non-ASCII characters escaped; match them that way.
    return json.dumps(address)[1:-1]


@transaction.atomic
def outbox_forget(
    *, addresses: Iterable[str] = (), related: Iterable[str] = (), now: datetime | None = None
) -> int:
    """Erase people from the outbox when their data is erased elsewhere; returns the rows.

    Without `related`: every message sent to, copied to or replying to one of `addresses`.
    With `related`: only the messages whose `related` is one of those keys (the mail about
    one contact message or relay), whoever they went to. Each of them loses body,
    attachments, subject and extra headers (the Message-ID stays), and the given addresses
    are removed from its recipients, Reply-To, sender and refusals. The row itself stays,
    so the outbox still counts what was sent and when. A message still waiting is not sent
    any more: it is marked failed.
    """
    now = now or timezone.now()
    wanted = {address.strip().lower() for address in addresses if address and address.strip()}
    keys = {key for key in related if key}
    if keys:
        match = Q(related__in=keys)
    elif wanted:
        match = Q()
        for address in wanted:
            fragment = _json_fragment(address)
            for name in ("to", "cc", "bcc", "reply_to"):
                match |= Q(**{f"{name}__icontains": fragment})
            match |= Q(from_email__icontains=address)
    else:
        return 0

    def _keep(values: list[str]) -> list[str]:
        return [value for value in values if value.strip().lower() not in wanted]

    changed = 0
    for message in OutboxMessage.objects.select_for_update().filter(match).order_by("pk"):
        everyone = [*message.to, *message.cc, *message.bcc, *message.reply_to]
        names = {value.strip().lower() for value in [*everyone, message.from_email]}
        if message.related not in keys and not (names & wanted):
            continue  # the address was only part of a longer one
        message.to = _keep(message.to)
        message.cc = _keep(message.cc)
        message.bcc = _keep(message.bcc)
        message.reply_to = _keep(message.reply_to)
        if message.from_email.strip().lower() in wanted:
            message.from_email = ""
        message.refused_recipients = {
            address: reply
            for address, reply in (message.refused_recipients or {}).items()
            if address.strip().lower() not in wanted
        }
        message.subject = ""
        message.headers = {
            name: value
            for name, value in (message.headers or {}).items()
            if name.lower() == "message-id"
        }
        _clear_body(message, now=now)
        # A refusal from the mail server quotes the address it refused.
        if any(address in message.last_error.lower() for address in wanted):
            message.last_error = ""
        if message.state == OutboxMessage.State.QUEUED:
            message.state = OutboxMessage.State.FAILED
            message.last_error = "Not sent: the recipient's data was erased."
        message.save()
        changed += 1
    if changed:
        logger.info("Outbox: %s messages forgot a person's data", changed)
    return changed


def outbox_forget_address(email: str) -> int:
    """A person's outbox rows lose their address, subject and body (account deletion)."""
    return outbox_forget(addresses=[email])
