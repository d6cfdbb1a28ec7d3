"""Reading bounce reports: the mail a receiving server sends back later, after it first
accepted a message (a mailbox that turns out not to exist, a full mailbox it gave up on).

Most servers send a delivery status notification (RFC 3464): a `multipart/report` with a
`message/delivery-status` part that lists every recipient with its Action and Status, and a
copy of the original message or of its headers, which carries our Message-ID. Some older
servers (Exim) send a plain message with an `X-Failed-Recipients` header and the original
message quoted in the body; that is read too. Only final failures count ("Action: failed");
a "delayed" report is a warning that the server keeps trying, not a bounce.

Parsing only; `baz.mail.services.outbox_bounces_read` records what is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser, HeaderParser
from email.utils import getaddresses

_MESSAGE_ID_LINE = re.compile(r"^message-id:[ \t]*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)
_STATUS = re.compile(r"^[245]\.\d{1,3}\.\d{1,3}$")


@dataclass
class Bounce:
    """One bounce report: the original message's ID and the recipients that failed."""

    message_id: str
    # {address: "5.1.1 smtp; 550 5.1.1 Mailbox unknown"}
    failed: dict[str, str] = field(default_factory=dict)


def normalise_message_id(value: str) -> str:
    value = " ".join(str(value).split())
    if value and not value.startswith("<"):
        value = f"<{value}>"
    return value[:255]


def parse_bounce(raw: bytes) -> Bounce | None:
    """The bounce in a raw mail message, or None when it is not a final bounce report we can
    tie to a message (an auto-reply, a "delayed" warning, spam to the bounce address)."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    if message.get_content_type() == "multipart/report":
        return _parse_report(message)
    failed_header = str(message.get("X-Failed-Recipients", "") or "")
    if failed_header:
        return _parse_plain(message, failed_header)
    return None


def _parse_report(message: EmailMessage) -> Bounce | None:
    message_id = ""
    failed: dict[str, str] = {}
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            failed.update(_failed_recipients(part))
        elif kind in ("text/rfc822-headers", "message/rfc822-headers") and not message_id:
            message_id = _message_id_of_headers(_text_of(part))
        elif kind == "message/rfc822" and not message_id:
            inner = part.get_payload()
            original = inner[0] if isinstance(inner, list) and inner else None
            if isinstance(original, Message):
                message_id = normalise_message_id(str(original.get("Message-ID", "") or ""))
    if not message_id or not failed:
        return None
    return Bounce(message_id=message_id, failed=failed)


def _failed_recipients(part: Message) -> dict[str, str]:
    """{address: description} of the recipient blocks with "Action: failed"."""
    payload = part.get_payload()
    blocks: list[Message]
    if isinstance(payload, list):
        # The email package parses the status part into its header blocks: the first is about
        # the message, every further one about one recipient.
        blocks = [block for block in payload if isinstance(block, Message)]
    else:
        text = payload if isinstance(payload, str) else _text_of(part)
        blocks = [HeaderParser().parsestr(chunk) for chunk in re.split(r"\r?\n\s*\r?\n", text)]
    failed = {}
    for block in blocks:
        if str(block.get("Action", "")).strip().lower() != "failed":
            continue
        address = _address_of(str(block.get("Final-Recipient", "") or "")) or _address_of(
            str(block.get("Original-Recipient", "") or "")
        )
        if not address:
            continue
        status = str(block.get("Status", "") or "").strip()
        status = status if _STATUS.match(status) else ""
        diagnostic = " ".join(str(block.get("Diagnostic-Code", "") or "").split())
        failed[address] = " ".join(item for item in (status, diagnostic) if item)[:500]
    return failed


def _address_of(field_value: str) -> str:
    """ "rfc822; an@example.org" -> "an@example.org"."""
    kind, _semicolon, address = field_value.partition(";")
    if not address:
        address = kind
    elif kind.strip().lower() != "rfc822":
        return ""
    address = address.strip().strip("<>").strip()
    return address if "@" in address and " " not in address else ""


def _message_id_of_headers(text: str) -> str:
    headers = HeaderParser().parsestr(text, headersonly=True)
    return normalise_message_id(str(headers.get("Message-ID", "") or ""))


def _text_of(part: Message) -> str:
    content = part.get_payload(decode=True)
    if isinstance(content, bytes):
        return content.decode(part.get_content_charset() or "utf-8", "replace")
    payload = part.get_payload()
    return payload if isinstance(payload, str) else ""


def _parse_plain(message: EmailMessage, failed_header: str) -> Bounce | None:
    own_id = normalise_message_id(str(message.get("Message-ID", "") or ""))
    quoted = []
    for part in message.walk():
        if part.get_content_maintype() == "text":
            quoted += _MESSAGE_ID_LINE.findall(_text_of(part))
        elif part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                quoted.append(str(inner[0].get("Message-ID", "") or ""))
    message_ids = [normalise_message_id(value) for value in quoted if value]
    message_id = next((value for value in message_ids if value != own_id), "")
    addresses = [address for _name, address in getaddresses([failed_header]) if "@" in address]
    if not message_id or not addresses:
        return None
    reason = " ".join(str(message.get("Subject", "") or "").split())[:200]
    return Bounce(message_id=message_id, failed=dict.fromkeys(addresses, reason))
