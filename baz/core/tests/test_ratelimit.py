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
