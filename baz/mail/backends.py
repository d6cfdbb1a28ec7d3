"""Django's EMAIL_BACKEND for the whole platform: it stores mail in the outbox, never sends.

Wagtail (password reset, moderation notifications) and Django (mail_admins, send_mail) use
this backend, so their mail is stored and sent by the worker like every other message.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from baz.mail.services import outbox_email_store

logger = logging.getLogger(__name__)


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        stored = 0
        for email in email_messages:
            if not email.recipients():
                continue
            if self.fail_silently:
                # A savepoint keeps the caller's transaction usable if storing fails.
                try:
                    with transaction.atomic():
                        outbox_email_store(email=email)
                except Exception:
                    logger.exception("Could not store an e-mail in the outbox")
                    continue
            else:
                outbox_email_store(email=email)
            stored += 1
        return stored
