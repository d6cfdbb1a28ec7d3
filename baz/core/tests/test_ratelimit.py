"""`limit_exceeded`, the one rate limit behind every public form and account page."""

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import RequestFactory

from baz.core.ratelimit import client_key, limit_exceeded


def _attempts(subject, n, **kwargs):
    return [limit_exceeded(subject, **kwargs) for _ in range(n)]


def test_the_limit_is_exceeded_by_the_attempt_after_the_last_allowed_one():
    cache.clear()

    assert _attempts("a", 4, action="t", limit=2, window_seconds=60) == [
        False,
        False,
        True,
        True,
    ]


def test_limits_are_counted_per_key_and_per_action():
    cache.clear()
    _attempts("a", 3, action="t", limit=2, window_seconds=60)

    assert not limit_exceeded("b", action="t", limit=2, window_seconds=60)
    assert not limit_exceeded("a", action="other", limit=2, window_seconds=60)


def test_a_request_is_keyed_on_the_trusted_client_address(settings):
    cache.clear()
    settings.TRUSTED_PROXY_COUNT = 1
    factory = RequestFactory()

    def request(forwarded):
        return factory.post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    kwargs = {"action": "t", "limit": 1, "window_seconds": 60}
    assert not limit_exceeded(request("203.0.113.1"), **kwargs)
    # A spoofed address before the one nginx appended is the same visitor.
    assert limit_exceeded(request("198.51.100.9, 203.0.113.1"), **kwargs)
    # nginx's own address is shared by all visitors and is never the key.
    assert not limit_exceeded(request("203.0.113.2"), **kwargs)
    # The same address as a string is the same key.
    assert limit_exceeded("203.0.113.2", **kwargs)


def test_without_counting_it_says_whether_one_more_attempt_would_be_over():
    cache.clear()
    kwargs = {"action": "t", "limit": 2, "window_seconds": 60}

    assert not limit_exceeded("a", count=False, **kwargs)
    limit_exceeded("a", **kwargs)
    assert not limit_exceeded("a", count=False, **kwargs)
    limit_exceeded("a", **kwargs)
    assert limit_exceeded("a", count=False, **kwargs)
    assert limit_exceeded("a", count=False, **kwargs)  # asking counted nothing


def test_the_cache_holds_a_hash_never_the_address_and_forgets_it_with_the_window():
    cache.clear()
    backend = caches["default"]
    if not isinstance(backend, LocMemCache):
        pytest.skip("reads the keys of the local-memory test cache")
    limit_exceeded("192.0.2.1", action="t", limit=1, window_seconds=60)
    keys = list(backend._cache.keys())

    assert keys
    assert not any("192.0.2.1" in key for key in keys)

    cache.clear()  # what the end of the window does
    assert not limit_exceeded("192.0.2.1", action="t", limit=1, window_seconds=60)


def test_client_key_hashes_the_address_stably():
    assert client_key("192.0.2.1") == client_key("192.0.2.1")
    assert client_key("192.0.2.1") != client_key("192.0.2.2")
    assert "192.0.2.1" not in client_key("192.0.2.1")


def _request(remote: str, forwarded: str | None = None):
    from django.test import RequestFactory

    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_client_ip_without_proxies_is_the_remote_address(settings):
    from baz.core.ratelimit import client_ip

    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("192.0.2.7", "203.0.113.9")) == "192.0.2.7"


def test_client_ip_behind_one_proxy_takes_the_address_nginx_appended(settings):
    from baz.core.ratelimit import client_ip

    settings.TRUSTED_PROXY_COUNT = 1
    # nginx appends the address it saw; whatever the client wrote before it is ignored.
    assert client_ip(_request("127.0.0.1", "203.0.113.9")) == "203.0.113.9"
    assert client_ip(_request("127.0.0.1", "10.6.6.6, 203.0.113.9")) == "203.0.113.9"
    # Without the header (the app reached directly) the remote address counts.
    assert client_ip(_request("192.0.2.8")) == "192.0.2.8"
    # Rubbish in the header never becomes a key.
    assert client_ip(_request("127.0.0.1", "not-an-ip")) == "127.0.0.1"


def test_client_ip_behind_two_proxies(settings):
    from baz.core.ratelimit import client_ip

    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1")) == "203.0.113.9"
    assert client_ip(_request("10.0.0.2", "10.0.0.1")) == "10.0.0.2"


def test_axes_uses_the_same_client_ip(settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXY_COUNT = 1
    assert get_client_ip_address(_request("127.0.0.1", "6.6.6.6, 203.0.113.9")) == "203.0.113.9"


def test_axes_gets_none_instead_of_an_address_it_cannot_store(rf):
    from baz.core.ratelimit import axes_client_ip

    request = rf.get("/")
    request.META.pop("REMOTE_ADDR", None)
    assert axes_client_ip(request) is None
    request.META["REMOTE_ADDR"] = "192.0.2.7"
    assert axes_client_ip(request) == "192.0.2.7"
