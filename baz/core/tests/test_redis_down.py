"""The shared cache fails open: with Redis unreachable pages, saves and forms still work.

"Unreachable" is real here: the cache points at a closed port on loopback, so every Redis
command fails with a refused connection, as it does when Redis is stopped.
"""

import pytest
from django.test import override_settings

from baz.atlas.models import Theme
from baz.atlas.tests.factories import EntryFactory
from baz.core import ratelimit
from baz.core.cache_backends import CacheUnavailable, FailOpenRedisCache
from baz.core.generation import content_generation
from baz.core.models import Municipality

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data", "site_pages")]

REDIS_DOWN = {
    "default": {
        "BACKEND": "baz.core.cache_backends.FailOpenRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "KEY_PREFIX": "baz",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.fixture
def entry():
    return EntryFactory(
        municipality=Municipality.objects.get(refnis="44021"),
        name="Soepbus Gent",
        themes=[Theme.objects.get(slug="armoede")],
    )


def test_pages_and_saves_work_while_redis_is_down(client, entry):
    with override_settings(CACHES=REDIS_DOWN):
        home = client.get("/")
        page = client.get(entry.get_absolute_url())
        entry.summary = "Opgeslagen zonder cache."
        entry.save(update_fields=["summary"])  # bumps the content generation
        again = client.get(entry.get_absolute_url())
        repeat = client.get(entry.get_absolute_url())

    assert home.status_code == 200
    assert page.status_code == 200
    assert again.status_code == 200
    assert "Opgeslagen zonder cache." in again.content.decode()
    assert repeat.status_code == 200
    assert repeat.get("X-Page-Cache") != "hit"  # nothing could be stored


def test_a_change_saved_while_redis_was_down_bumps_the_generation_when_it_returns(entry):
    before = content_generation()
    with override_settings(CACHES=REDIS_DOWN):
        entry.summary = "Tijdens de storing."
        entry.save(update_fields=["summary"])
    # The cache is back (the test cache): the next read of the generation makes the bump.
    assert content_generation() > before


def test_rate_limits_count_per_process_while_redis_is_down():
    ratelimit._local_counts.clear()
    with override_settings(CACHES=REDIS_DOWN):
        over = [
            ratelimit.limit_exceeded("t", action="down", limit=2, window_seconds=60)
            for _ in range(3)
        ]
        # A limit that counts only some outcomes reads this process's count too.
        assert ratelimit.limit_exceeded("t", action="down", limit=2, window_seconds=60, count=False)
    assert over == [False, False, True]
    ratelimit._local_counts.clear()
    # Back up: the shared counter is used again (it never saw those hits).
    assert not ratelimit.limit_exceeded("t", action="down", limit=2, window_seconds=60)


def test_the_fail_open_cache_answers_misses_and_refuses_counters():
    backend = FailOpenRedisCache(REDIS_DOWN["default"]["LOCATION"], {"OPTIONS": {}})

    assert backend.get("k", "default") == "default"
    assert backend.add("k", 1) is False
    assert backend.set("k", 1) is None
    assert backend.get_many(["a", "b"]) == {}
    with pytest.raises(CacheUnavailable):
        backend.incr("k")
    # Still one client per pool (the speed fix of ReusedClientRedisCache).
    assert backend._cache.get_client() is backend._cache.get_client(write=True)
