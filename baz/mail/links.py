"""Recognise a message that carries a secret link, so the outbox can hide and clear its body.

Our own services say so when they queue a message (`email_queue(secret=True)`, or the header
`X-BAZ-Secret` on a Django `EmailMessage`, which the outbox strips). Mail that Django or
Wagtail build themselves (the password reset) cannot say so; for them, and as a safety net
for a marker forgotten in a new mail, every link in the body is resolved against our
URLconf: a link to a view that takes a `token` (or Django's `uidb64` + `token`) is a key.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from django.urls import Resolver404, resolve

#: Set this header (any value) on a Django EmailMessage to mark it secret; it is not sent.
SECRET_HEADER = "X-BAZ-Secret"  # noqa: S105 (a header name)

#: URL keyword arguments that make a link a key: whoever has the link can act with it.
SECRET_URL_KWARGS = frozenset({"token", "uidb64"})

_LINK = re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE)


def carries_secret_link(*texts: str) -> bool:
    """True when one of the links in `texts` leads to one of our views that takes a token."""
    for text in texts:
        for link in _LINK.findall(text or ""):
            path = unquote(urlsplit(link.replace("&amp;", "&")).path or "/")
            try:
                match = resolve(path)
            except Resolver404:
                continue
            if SECRET_URL_KWARGS & set(match.kwargs):
                return True
    return False
