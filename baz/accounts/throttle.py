"""Limits of the account pages beyond django-axes: password resets and password spraying.

django-axes locks one e-mail address from one client address after a few failures. Two
things slip through that: asking for many password-reset mails (a mail bomb for the account
holder, work for the outbox), and trying one common password on many accounts from one
address (password spraying). Both are counted here with `baz.core.ratelimit.limit_exceeded`,
the one rate limit of the site, keyed on a salted hash of the visitor's address as the
trusted proxies give it (`client_ip`), never on nginx's own address.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from django.conf import settings

from baz.accounts.models import normalize_email_address
from baz.core.ratelimit import limit_exceeded

if TYPE_CHECKING:
    from django.http import HttpRequest


# --- Password reset -----------------------------------------------------------------------------


class ResetVerdict(enum.Enum):
    SEND = "send"  # send the mail (when an account exists)
    CLIENT_LIMITED = "client"  # this visitor asked too often: say so (429)
    EMAIL_LIMITED = "email"  # this address got enough mail: answer as usual, send nothing


def password_reset_attempt(*, request: HttpRequest, email: str) -> ResetVerdict:
    """Count one reset request (a valid form) per visitor and per e-mail address.

    The visitor's limit is counted for every address, known or not, so hitting it says nothing
    about accounts. The e-mail limit is never shown: the visitor sees the usual "look in your
    mailbox" page, so it can neither confirm an account nor learn that others asked for it.
    """
    window = settings.PASSWORD_RESET_LIMIT_WINDOW_SECONDS
    if limit_exceeded(
        request,
        action="accounts-reset-client",
        limit=settings.PASSWORD_RESET_LIMIT_PER_CLIENT,
        window_seconds=window,
    ):
        return ResetVerdict.CLIENT_LIMITED
    if limit_exceeded(
        normalize_email_address(email),
        action="accounts-reset-email",
        limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
        window_seconds=window,
    ):
        return ResetVerdict.EMAIL_LIMITED
    return ResetVerdict.SEND


# --- Password spraying --------------------------------------------------------------------------


def _login_failures_exceeded(request: HttpRequest, *, count: bool) -> bool:
    return limit_exceeded(
        request,
        action="accounts-login-failures",
        limit=settings.LOGIN_FAILURE_LIMIT_PER_CLIENT,
        window_seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS,
        count=count,
    )


def login_failure_count(*, request: HttpRequest | None = None, **_: Any) -> None:
    """Receiver of `user_login_failed`: one more failed login from this visitor's address,
    whatever account it named. Successful logins never reset it (an attacker with one account
    of their own could otherwise clear it between attempts)."""
    if request is None:
        return
    _login_failures_exceeded(request, count=True)


def login_blocked(request: HttpRequest) -> bool:
    """True while this visitor's address has LOGIN_FAILURE_LIMIT_PER_CLIENT failed logins
    (over any accounts) in the window: no login from it is even tried."""
    return _login_failures_exceeded(request, count=False)
