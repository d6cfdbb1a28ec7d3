"""The worker's SMTP backend: Django's, plus the recipients the server refused.

smtplib's `sendmail` returns the recipients the server refused while it accepted others
(`{address: (code, reply)}`); Django's SMTP backend drops that answer. This backend keeps it
in `refused` for the message just sent, so the outbox can record the bounce.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend as DjangoSMTPBackend

_MARK = "_baz_records_refusals"


class SMTPBackend(DjangoSMTPBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.refused: dict[str, tuple[int, bytes]] = {}

    def open(self) -> bool | None:
        opened = super().open()
        connection = self.connection
        if connection is not None and not getattr(connection, _MARK, False):
            sendmail = connection.sendmail

            def recording_sendmail(*args: Any, **kwargs: Any) -> dict[str, tuple[int, bytes]]:
                refused = sendmail(*args, **kwargs)
                self.refused.update(refused or {})
                return refused

            setattr(connection, "sendmail", recording_sendmail)  # noqa: B010
            setattr(connection, _MARK, True)
        return opened

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        self.refused = {}
        return super().send_messages(email_messages)
