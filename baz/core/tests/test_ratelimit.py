"""The shared fixed-window counter behind every public form's rate limit."""

from django.core.cache import cache

from baz.core.ratelimit import client_key, hit_count


def test_hits_are_counted_per_key_within_the_window():
    cache.clear()

    assert [hit_count(key="t:a", window_seconds=60) for _ in range(3)] == [1, 2, 3]
    assert hit_count(key="t:b", window_seconds=60) == 1


def test_an_expired_window_starts_counting_again():
    cache.clear()
    hit_count(key="t:c", window_seconds=60)
    cache.delete("t:c")

    assert hit_count(key="t:c", window_seconds=60) == 1


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
