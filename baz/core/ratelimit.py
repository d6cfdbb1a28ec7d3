"""One fixed-window counter on the shared cache, for the spam guards of public forms.

Each app decides what to count and where its limit lies; the counting itself lives here so
that every form behaves the same (and keeps only a hash of the visitor's address).
"""

from __future__ import annotations

import hashlib
import ipaddress
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache

from baz.core.cache_backends import CacheUnavailable

if TYPE_CHECKING:
    from django.http import HttpRequest


def _valid_ip(value: str) -> str | None:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The visitor's IP address, as far as it can be trusted.

    Without proxies (`TRUSTED_PROXY_COUNT = 0`, development) it is REMOTE_ADDR. Behind N
    trusted reverse proxies (nginx: 1), each proxy appended the address it saw to
    X-Forwarded-For, so the client is the N-th address from the right; anything further left
    was written by the client and is ignored. A missing or short header falls back to
    REMOTE_ADDR, so a request that did not come through the proxies cannot pick its address.
    """
    remote = str(request.META.get("REMOTE_ADDR", "") or "")
    count = int(settings.TRUSTED_PROXY_COUNT)
    if count > 0:
        header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= count:
            candidate = _valid_ip(forwarded[-count])
            if candidate:
                return candidate
    return _valid_ip(remote) or remote or "unknown"


def axes_client_ip(request: HttpRequest) -> str | None:
    """`client_ip` for django-axes, which stores it in an IP-address column: None, not
    "unknown", when there is no valid address (a request built in code, without REMOTE_ADDR)."""
    return _valid_ip(client_ip(request)) or None


def client_key(ip_address: str) -> str:
    """A salted hash of the client's IP address: enough to rate-limit, not to identify."""
    return hashlib.sha256(f"{settings.SECRET_KEY}|{ip_address}".encode()).hexdigest()[:32]


# Where hits are counted while the shared cache is unreachable: this process only.
_local_counts = LocMemCache("baz-ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def hit_count(*, key: str, window_seconds: int) -> int:
    """Count one hit for `key` and return the hits within the current window.

    With the shared cache unreachable (Redis down) the limits still hold, per worker process:
    the hit is counted in this process's memory instead, so a form stays usable (no 500, no
    refusal for everyone) and a flood from one address is still stopped, only after up to
    one limit per worker (docs/decisions.md: rate limits and login throttling with Redis down).
    """
    try:
        return _count(cache, key, window_seconds)
    except CacheUnavailable:
        return _count(_local_counts, key, window_seconds)


def _count(store: BaseCache, key: str, window_seconds: int) -> int:
    store.add(key, 0, timeout=window_seconds)
    try:
        return int(store.incr(key))
    except ValueError:  # the window expired between add and incr
        store.set(key, 1, timeout=window_seconds)
        return 1


def current_count(*, key: str) -> int:
    """The hits counted for `key` in its current window, without counting one more.

    For limits that count only some outcomes (failed logins) but refuse every attempt once
    over. A cache that cannot answer counts as no hits: a limit fails open, never a 500.
    """
    try:
        return int(cache.get(key, 0) or 0)
    except Exception:  # any cache failure: fail open
        return 0
