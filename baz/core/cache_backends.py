"""Django's Redis cache, with one Redis client per connection pool, failing open.

One client per pool: Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for
every cache operation. In redis-py 8 that constructor fills a table of some 170 response
callbacks each time, and it was about a third of the worker CPU of a page served from
fragment caches (13 cache reads per page). A `redis.Redis` on a shared pool is thread-safe and
holds no connection of its own, so it is built once per pool and reused; connections are still
taken from the pool per command, and the pool still notices a fork and starts afresh in the
child.

Failing open: the cache only saves work, so Redis being unreachable must make pages slower,
never a 500. `FailOpenRedisCache` answers a lost connection or a timeout as a miss (`get` gives
the default, `add`/`set`/`delete` store nothing) and logs it. A counter has no sensible answer
without the server, so `incr`/`decr` raise `CacheUnavailable` instead and the callers decide
(`baz.core.ratelimit.limit_exceeded`, `baz.core.generation.bump_content_generation`). After a
failure the process stops asking Redis for `RETRY_SECONDS`, so a Redis that hangs rather than
refuses costs one socket timeout per process every few seconds, not one per cache call.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("baz.cache")

# A refused or lost connection, a timeout (redis-py's own and the socket's).
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class CacheUnavailable(Exception):
    """The shared cache could not answer a counter operation."""


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))  # pools are kept for the process's life
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache` with `ReusedClientRedisCacheClient`."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient


class FailOpenRedisCache(ReusedClientRedisCache):
    """`ReusedClientRedisCache` that treats an unreachable Redis as an empty cache.

    Set `OPTIONS: {"socket_connect_timeout": ..., "socket_timeout": ...}` (passed on to the
    connection pool) so that a Redis that hangs is noticed quickly.
    """

    RETRY_SECONDS = 2.0

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._down_until = 0.0

    # --- the circuit: skip Redis for a moment after a failure ----------------------------

    def _skipping(self) -> bool:
        return bool(self._down_until) and time.monotonic() < self._down_until

    def _failed(self, operation: str, error: BaseException) -> None:
        if not self._skipping():
            logger.warning("Redis cache unavailable (%s): %s", operation, error)
        self._down_until = time.monotonic() + self.RETRY_SECONDS

    def _answered(self) -> None:
        if self._down_until:
            self._down_until = 0.0
            logger.warning("Redis cache available again")

    def _call(self, operation: str, default: Any, *args: Any, **kwargs: Any) -> Any:
        if self._down_until and self._skipping():
            return default
        try:
            result = getattr(super(), operation)(*args, **kwargs)
        except UNAVAILABLE as error:
            self._failed(operation, error)
            return default
        if self._down_until:
            self._answered()
        return result

    # --- Django's cache API ------------------------------------------------------------

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("add", False, key, value, timeout, version)

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._call("get", default, key, default, version)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("touch", False, key, timeout, version)

    def delete(self, key: Any, version: Any = None) -> Any:
        return self._call("delete", False, key, version)

    def get_many(self, keys: Any, version: Any = None) -> Any:
        return self._call("get_many", {}, keys, version)

    def has_key(self, key: Any, version: Any = None) -> Any:
        return self._call("has_key", False, key, version)

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("set_many", list(data), data, timeout, version)

    def delete_many(self, keys: Any, version: Any = None) -> Any:
        return self._call("delete_many", None, keys, version)

    def clear(self) -> Any:
        return self._call("clear", False)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> Any:
        missing = object()
        result = self._call("incr", missing, key, delta, version)
        if result is missing:
            raise CacheUnavailable(key)
        return result
