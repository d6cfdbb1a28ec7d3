"""The outbox: every e-mail of the platform, stored before a worker sends it."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessageQuerySet(models.QuerySet["OutboxMessage"]):
    def due(self, *, now: datetime) -> OutboxMessageQuerySet:
        return self.filter(state=OutboxMessage.State.QUEUED, next_attempt_at__lte=now)


class OutboxMessage(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Wachtend")
        SENT = "sent", _("Verzonden")
        FAILED = "failed", _("Mislukt")

    to = models.JSONField(_("aan"), default=list)
    cc = models.JSONField(_("cc"), default=list, blank=True)
    bcc = models.JSONField(_("bcc"), default=list, blank=True)
    reply_to = models.JSONField(_("antwoorden aan"), default=list, blank=True)
    from_email = models.CharField(_("van"), max_length=320)
    subject = models.CharField(_("onderwerp"), max_length=998)
    body_text = models.TextField(_("tekst"))
    body_html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    # Small generated files (an iCalendar invitation): [{"filename", "mimetype", "params",
    # "content" (base64)}]. Uploaded files are linked to, never attached.
    attachments = models.JSONField(_("bijlagen"), default=list, blank=True)
    state = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    last_error = models.TextField(_("laatste fout"), blank=True)
    # Recipients the SMTP server refused at once ({address: "550 reply"}), also when it
    # accepted the others; `bounced` when at least one refusal was permanent (5xx).
    refused_recipients = models.JSONField(_("geweigerde ontvangers"), default=dict, blank=True)
    bounced = models.BooleanField(_("gebouncet"), default=False, db_index=True)
    # The Message-ID header, kept apart (and indexed) so a bounce report that arrives later
    # by mail, which quotes it, finds its message.
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True, db_index=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    # A message that carries a secret link (an invitation, a password reset, a confirmation
    # or evaluation link): its body is never shown in the admin, is cleared as soon as the
    # message leaves the queue, and it cannot be sent again.
    secret = models.BooleanField(_("bevat een geheime link"), default=False)
    # When body, HTML and attachments were cleared: at delivery for a secret message,
    # OUTBOX_BODY_RETENTION_DAYS later for the others, at once when a person is forgotten.
    body_cleared_at = models.DateTimeField(_("inhoud gewist op"), null=True, blank=True)
    related = models.CharField(
        _("verwijzing"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("Waar het bericht vandaan komt, bijvoorbeeld 'contact.message:12'."),
    )

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mailbericht")
        verbose_name_plural = _("e-mailberichten")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The worker only ever asks for queued messages that are due; a partial index
            # keeps that lookup small however many sent messages pile up.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state="queued"),
                name="mail_outbox_due_idx",
            ),
            # The daily retention only looks at messages that still keep their body.
            models.Index(
                fields=["created_at"],
                condition=models.Q(body_cleared_at__isnull=True),
                name="mail_outbox_body_kept_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.subject or str(_("(onderwerp gewist)"))

    @property
    def body_hidden(self) -> bool:
        """Staff never read the body of a secret message, nor a body that was cleared."""
        return self.secret or self.body_cleared_at is not None

    @property
    def recipients(self) -> str:
        return ", ".join(self.to)

    @property
    def _every_recipient_refused(self) -> bool:
        everyone = {address.lower() for address in [*self.to, *self.cc, *self.bcc]}
        refused = {address.lower() for address in self.refused_recipients or {}}
        return bool(everyone) and everyone <= refused

    @property
    def status_label(self) -> str:
        """The state as staff read it in the outbox, with the bounce spelled out."""
        if self.bounced and self.state == self.State.SENT and not self._every_recipient_refused:
            return str(_("Verzonden, deels gebouncet"))
        if self.bounced:
            return str(_("Gebouncet"))
        return str(self.get_state_display())
