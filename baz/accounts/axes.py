"""Hooks for django-axes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from baz.accounts.models import normalize_email_address


def username_from_request(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """Count failed logins per e-mail address whatever its capitals ("An@" is "an@").

    Cut to 254 characters (the longest e-mail address), because axes stores it in a column of
    255: a longer typed value must be a failed login, never a database error."""
    value = (credentials or {}).get("username") or request.POST.get("auth-username", "")
    return normalize_email_address(str(value))[:254]
