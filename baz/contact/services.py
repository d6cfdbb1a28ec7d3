"""Writes of partners & contact: the contact form, the inbox and retention.

Every contact message is stored before any e-mail about it is queued, in one transaction; the
e-mails are queued in a savepoint, so a failure there never loses the message (it is flagged
for staff instead). Permission checks for staff actions live here, through `can()`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from baz.accounts.models import User
from baz.accounts.permissions import CONTACT_MESSAGE_UPDATE, CONTACT_REPLY_SEND, require
from baz.contact.models import (
    ContactMessage,
    ContactPerson,
    ContactReply,
    ContactTopic,
    MessageStatus,
    Topic,
)
from baz.contact.selectors import contact_person_for
from baz.core.dates import months_before
from baz.core.forms import human_check_token
from baz.core.models import Municipality
from baz.mail.services import email_queue, outbox_forget

if TYPE_CHECKING:
    from baz.accounts.permissions import UserLike

logger = logging.getLogger(__name__)

CONTACT_FORM_SALT = "baz.contact.form-started"
# A form older than this is stale; ask the person to send it again.
CONTACT_FORM_MAX_AGE_SECONDS = 60 * 60 * 24


# --- Spam guards --------------------------------------------------------------------------------


def contact_form_token(*, now: float | None = None) -> str:
    """A signed timestamp of when the form was shown (checked by `forms.ContactForm` through
    `baz.core.forms.HumanCheckMixin`)."""
    return human_check_token(salt=CONTACT_FORM_SALT, now=now)


# --- Contact form -------------------------------------------------------------------------------


def contact_topics_ensure() -> int:
    """Create the fixed topic rows that contact persons are linked to; returns how many new."""
    created = 0
    for slug in Topic.values:
        _topic, was_created = ContactTopic.objects.get_or_create(slug=slug)
        created += int(was_created)
    return created


def _responder_name(person: ContactPerson | None) -> str:
    return person.name if person is not None else _("het team van BurgersAanZet")


def _queue_message_mails(message: ContactMessage, person: ContactPerson | None) -> None:
    context: dict[str, Any] = {
        "message": message,
        "topic": message.get_topic_display(),
        "person": person,
        "responder": message.routed_to_name,
        "organisation": person.organisation.name if person is not None else "",
        "inbox_url": settings.WAGTAILADMIN_BASE_URL
        + reverse("contact_inbox_detail", kwargs={"pk": message.pk}),
    }
    related = f"contact.message:{message.pk}"
    email_queue(
        to=message.email,
        subject=_("We kregen je bericht"),
        template="contact/email/confirmation",
        context=context,
        # The footer says "antwoorden kan op deze e-mail": an answer reaches the routed person.
        reply_to=person.email if person is not None else settings.CONTACT_FALLBACK_EMAIL,
        related=related,
    )
    email_queue(
        to=person.email if person is not None else settings.CONTACT_FALLBACK_EMAIL,
        subject=_("Nieuw contactbericht: %(topic)s") % {"topic": context["topic"]},
        template="contact/email/notification",
        context=context,
        reply_to=message.email,
        related=related,
    )


@transaction.atomic
def contact_message_submit(
    *,
    topic: str,
    municipality: Municipality | None,
    name: str,
    email: str,
    body: str,
    consent: bool,
    sender: User | None = None,
) -> ContactMessage:
    """Store a message from the contact form, route it, and queue the two e-mails.

    The message is saved first. The e-mails are queued in a savepoint: if that fails, the
    message stays (flagged `mail_failed`, visible in the inbox) and the person still gets
    the thank-you page.
    """
    if not consent:
        raise ValidationError(
            {"consent": _("Geef toestemming, anders kunnen we je bericht niet bewaren.")}
        )
    person = contact_person_for(topic=topic, municipality=municipality)
    message = ContactMessage(
        topic=topic,
        municipality=municipality,
        name=name.strip(),
        email=email.strip(),
        body=body.strip(),
        consent_at=timezone.now(),
        sender=sender if sender is not None and sender.is_authenticated else None,
        routed_to=person,
        routed_to_name=_responder_name(person),
    )
    message.full_clean()
    message.save()
    try:
        with transaction.atomic():
            _queue_message_mails(message, person)
    except Exception:
        logger.exception("Could not queue the e-mails for contact message %s", message.pk)
        message.mail_failed = True
        message.save(update_fields=["mail_failed"])
    return message


# --- Staff inbox --------------------------------------------------------------------------------


@transaction.atomic
def contact_message_update(
    *,
    user: UserLike,
    message: ContactMessage,
    status: str,
    assignee: User | None,
    internal_notes: str,
) -> ContactMessage:
    require(user, CONTACT_MESSAGE_UPDATE, message)
    if status not in MessageStatus.values:
        raise ValidationError({"status": _("Kies een geldige status.")})
    if status == MessageStatus.HANDLED and message.status != MessageStatus.HANDLED:
        message.handled_at = timezone.now()
    elif status != MessageStatus.HANDLED:
        message.handled_at = None
    message.status = status
    message.assignee = assignee
    message.internal_notes = internal_notes
    message.full_clean()
    message.save()
    return message


@transaction.atomic
def contact_reply_send(*, user: UserLike, message: ContactMessage, body: str) -> ContactReply:
    """Write a reply in the inbox: stored with the message and queued in the outbox."""
    require(user, CONTACT_REPLY_SEND, message)
    if message.anonymised_at is not None or not message.email:
        raise ValidationError(_("Dit bericht heeft geen e-mailadres meer: antwoorden kan niet."))
    if not body.strip():
        raise ValidationError({"body": _("Schrijf een antwoord.")})
    author: Any = user
    reply = ContactReply.objects.create(
        message=message, author=author, body=body.strip(), sent_to=message.email
    )
    reply.outbox_message = email_queue(
        to=message.email,
        subject=_("Antwoord op je bericht aan BurgersAanZet"),
        template="contact/email/reply",
        context={"message": message, "reply": reply, "author_name": author.get_full_name()},
        reply_to=author.email,
        related=f"contact.message:{message.pk}",
    )
    reply.save(update_fields=["outbox_message"])
    if message.status == MessageStatus.NEW:
        message.status = MessageStatus.IN_PROGRESS
        message.save(update_fields=["status"])
    return reply


# --- Retention ----------------------------------------------------------------------------------


def message_anonymise(message: ContactMessage, *, now: datetime) -> None:
    """A message loses name, address, text, notes and reply texts; topic and dates stay."""
    # The mail about the message (confirmation, notification, replies) quotes it: it goes too.
    email = ContactMessage.objects.filter(pk=message.pk).values_list("email", flat=True).first()
    outbox_forget(addresses=[email or ""], related=[f"contact.message:{message.pk}"], now=now)
    ContactMessage.objects.filter(pk=message.pk).update(
        name="", email="", body="", internal_notes="", sender=None, anonymised_at=now
    )
    ContactReply.objects.filter(message=message).update(body="", sent_to="")


@dataclass
class RetentionResult:
    messages: int
    cutoff: datetime


@transaction.atomic
def contact_retention_apply(
    *, now: datetime | None = None, months: int | None = None, dry_run: bool = False
) -> RetentionResult:
    """Remove the personal data of handled messages older than CONTACT_RETENTION_MONTHS.

    What stays is what the statistics need: topic, municipality, dates, status, routing.
    Already anonymised messages are skipped, so running it twice changes nothing more.
    """
    now = now or timezone.now()
    months = settings.CONTACT_RETENTION_MONTHS if months is None else months
    cutoff = months_before(now, months)
    due = list(
        ContactMessage.objects.filter(
            status=MessageStatus.HANDLED,
            handled_at__lt=cutoff,
            anonymised_at__isnull=True,
        ).only("pk")
    )
    if not dry_run:
        for message in due:
            message_anonymise(message, now=now)
    return RetentionResult(messages=len(due), cutoff=cutoff)
