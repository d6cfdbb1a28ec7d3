"""The content generation: one site-wide number that every change to public content moves on.

Every cached page (`baz.core.page_cache`) and shared fragment (`baz.core.fragments`) names the
generation in its key. Any change to public content — a Wagtail page published, unpublished,
moved or deleted; an atlas entry, taxonomy term, partner or municipality saved or deleted —
bumps it (signals below, `migrate` too), so the next request renders again and shows the change
at once. With the shared cache down, a bump is owed and made when the cache answers again.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from baz.core.cache_backends import CacheUnavailable

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponseBase

GENERATION_KEY = "baz:content-generation"

# Values that are immutable for a generation (rendered fragments, the menus, page routes, the
# Wagtail Site) are also kept in this process for the current generation, which spares a cache
# round trip and an unpickle per value per page. Everything is dropped as soon as the process
# sees another generation, so nothing here outlives a change; the size limit only guards
# against unbounded growth.
_LOCAL_VALUES: dict[str, Any] = {}
_local_generation: list[int] = [0]
LOCAL_VALUES_MAX = 500


def local_values(generation: int) -> dict[str, Any]:
    """This worker's values for `generation` (emptied when the generation moves on)."""
    if _local_generation[0] != generation or len(_LOCAL_VALUES) >= LOCAL_VALUES_MAX:
        _LOCAL_VALUES.clear()
        _local_generation[0] = generation
    return _LOCAL_VALUES


# Within one request the generation is read once (`ContentGenerationMiddleware`): a page
# names it in up to half a dozen cache keys. A fragment built later in the request from rows
# newer than that generation is stored under a key that is already stale, never the reverse.
# A change made by the request itself moves its remembered generation with it.
_request_generation: contextvars.ContextVar[dict[str, int] | None] = contextvars.ContextVar(
    "baz_request_generation", default=None
)


def content_generation() -> int:
    """The current generation; starts from the clock so an evicted key never repeats one."""
    memo = _request_generation.get()
    if memo is not None and "value" in memo:
        return memo["value"]
    if _bump_pending:
        _retry_pending_bump()
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = _new_generation()
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY, value)
    if memo is not None:
        memo["value"] = int(value)
    return int(value)


# A change saved while the shared cache was unreachable could not bump the generation; pages
# cached before the outage would come back with Redis. This process then bumps it as soon as
# the cache answers again (on its next read of the generation).
_bump_pending = False


def bump_content_generation() -> None:
    """Make every cached page stale. Called on every change to public content.

    With the shared cache unreachable the change is saved all the same (the cache fails
    open): the bump is remembered and made once the cache is back (`_retry_pending_bump`).
    """
    global _bump_pending
    try:
        value = cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or evicted): start a new one from the clock
        value = _new_generation()
        cache.set(GENERATION_KEY, value, timeout=None)
    except CacheUnavailable:
        _bump_pending = True
        value = _new_generation()  # this request sees fresh rows, not the old fragments
    else:
        _bump_pending = False
    memo = _request_generation.get()
    if memo is not None:
        memo["value"] = int(value)


def _retry_pending_bump() -> None:
    global _bump_pending
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the cache came back empty: a fresh generation anyway
        _bump_pending = False
    except CacheUnavailable:
        return
    else:
        _bump_pending = False


def _new_generation() -> int:
    """A generation after the cache lost it. The clock in milliseconds is far ahead of any
    earlier generation (one per change), except in a test that changes things hundreds of times
    within a second and empties the cache: so this process also forgets the fragments it kept
    (`_LOCAL_VALUES`), in case the new number was used before."""
    _LOCAL_VALUES.clear()
    return int(time.time() * 1000)


class ContentGenerationMiddleware:
    """Remember the content generation for the length of one request (read on first use)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        token = _request_generation.set({})
        try:
            return self.get_response(request)
        finally:
            _request_generation.reset(token)


def _bump_now_and_after_commit() -> None:
    # Now, so this process never serves the old page again; after the commit as well, so a
    # request that rendered the old rows between the save and the commit cannot keep them.
    bump_content_generation()
    transaction.on_commit(bump_content_generation)


def bump_content_generation_after_write() -> None:
    """For writes that skip the model signals (queryset `update()`, `bulk_create`)."""
    _bump_now_and_after_commit()


def _on_model_change(sender: type, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # fixtures
        return
    if _is_public_content(sender):
        _bump_now_and_after_commit()


def _is_public_content(model: type) -> bool:
    meta = getattr(model, "_meta", None)
    if meta is None:
        return False
    label = meta.label  # "app_label.ModelName"
    if label in settings.PAGE_CACHE_IGNORED_MODELS:
        return False
    return meta.app_label in settings.PAGE_CACHE_CONTENT_APPS


def connect_signals() -> None:
    """Bump the generation on every change to public content (called from CoreConfig.ready)."""
    from wagtail.signals import page_published, page_slug_changed, page_unpublished

    post_save.connect(_on_model_change, dispatch_uid="baz-page-cache-save")
    post_delete.connect(_on_model_change, dispatch_uid="baz-page-cache-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="baz-page-cache-m2m")
    for signal in (page_published, page_unpublished, page_slug_changed):
        signal.connect(_on_page_event, dispatch_uid=f"baz-page-cache-{id(signal)}")
    # Every deploy runs `migrate`: pages and fragments (some hold pickled model instances)
    # rendered by the previous release are never served by the new one.
    post_migrate.connect(_on_migrate, dispatch_uid="baz-page-cache-migrate")


def _on_migrate(sender: Any, **kwargs: Any) -> None:
    with contextlib.suppress(Exception):  # no cache server during a migration is fine
        bump_content_generation()


def _on_page_event(sender: type, **kwargs: Any) -> None:
    _bump_now_and_after_commit()


def _on_m2m_change(sender: type, **kwargs: Any) -> None:
    if kwargs.get("action") not in {"post_add", "post_remove", "post_clear"}:
        return
    model = kwargs.get("model")
    instance = kwargs.get("instance")
    if _is_public_content(type(instance)) or (model is not None and _is_public_content(model)):
        _bump_now_and_after_commit()


def installed_content_models() -> list[str]:
    """The models whose changes invalidate the page cache (for docs and tests)."""
    return sorted(m._meta.label for m in apps.get_models() if _is_public_content(m))
