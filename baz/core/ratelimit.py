"""One rate limit for every public form and account page: `limit_exceeded`.

Each app decides what to count and where its limit lies; the counting itself lives here so
that every form behaves the same: a fixed window on the shared cache, keyed on a salted hash
of the trusted client address (`client_ip`), never the address itself, and True means *over
the limit* everywhere (docs/decisions.md: one rate-limit function).
"""

from __future__ import annotations

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest

from baz.core.cache_backends import CacheUnavailable


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


def limit_exceeded(
    request_or_key: HttpRequest | str,
    *,
    action: str,
    limit: int,
    window_seconds: int,
    count: bool = True,
) -> bool:
    """True when this attempt is over `limit` attempts of `action` within the window.

    Keyed on a salted hash of the trusted client address when given a request, or of the
    string otherwise (an e-mail address, or a key a service stored with a message); the cache
    never holds an address. `count=True` counts this attempt, then answers. `count=False`
    counts nothing and answers whether one more attempt would be over the limit: for limits
    that count only some outcomes (a stored proposal, a failed login) but refuse every attempt
    once reached.

    With the shared cache unreachable (Redis down) the limits still hold, per worker process:
    hits are counted and read in this process's memory instead, so a form stays usable (no
    500, no refusal for everyone) and a flood from one address is still stopped, only after up
    to one limit per worker (docs/decisions.md: rate limits and login throttling with Redis
    down).
    """
    if isinstance(request_or_key, HttpRequest):
        request_or_key = client_ip(request_or_key)
    key = f"ratelimit:{action}:{client_key(request_or_key)}"
    if count:
        return _hit_count(key=key, window_seconds=window_seconds) > limit
    return _current_count(key=key) + 1 > limit


def _hit_count(*, key: str, window_seconds: int) -> int:
    """Count one hit for `key` and return the hits within the current window."""
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


def _current_count(*, key: str) -> int:
    """The hits counted for `key` in its current window, without counting one more.

    The shared cache answers a lost connection as a miss; the hits this process counted
    meanwhile still count. Any other cache failure counts as no hits: fail open, never a 500.
    """
    try:
        shared = int(cache.get(key, 0) or 0)
    except Exception:  # any cache failure: fail open
        shared = 0
    return max(shared, int(_local_counts.get(key, 0) or 0))
