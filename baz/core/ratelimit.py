"""One fixed-window counter on the shared cache, for the spam guards of public forms.

Each app decides what to count and where its limit lies; the counting itself lives here so
that every form behaves the same (and keeps only a hash of the visitor's address).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_key(ip_address: str) -> str:
    """A salted hash of the client's IP address: enough to rate-limit, not to identify."""
    return hashlib.sha256(f"{settings.SECRET_KEY}|{ip_address}".encode()).hexdigest()[:32]


def hit_count(*, key: str, window_seconds: int) -> int:
    """Count one hit for `key` and return the hits within the current window."""
    cache.add(key, 0, timeout=window_seconds)
    try:
        return int(cache.incr(key))
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1
