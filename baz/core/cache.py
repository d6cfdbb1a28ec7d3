"""The shared page cache for anonymous visitors, invalidated by events.

Anonymous GET requests for public pages are answered from the shared cache (Redis in
production, local memory in development and tests). Every cached page is keyed by its URL
and a site-wide *content generation* number. Any change to public content — a Wagtail page
published, unpublished, moved or deleted; an atlas entry, taxonomy term, partner or
municipality saved or deleted — bumps the generation, so the next request renders the page
again and shows the change at once. The timeout (`PAGE_CACHE_SECONDS`) is only a safety net.

What is never cached: anything for a visitor with a session or a pending message, responses
that set a cookie other than the CSRF cookie, anything marked private/no-store, non-HTML,
other status codes than 200, and the paths in `PAGE_CACHE_EXCLUDE_PREFIXES` (admin,
workspace, login, API). Pages with a form keep working: the CSRF token in the stored HTML is
replaced by a placeholder, and every hit fills in a fresh token for that visitor (the CSRF
middleware then sets the visitor's cookie as usual), so no visitor ever sees someone else's
token.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import hashlib
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from baz.core.cache_backends import CacheUnavailable

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponseBase

GENERATION_KEY = "baz:content-generation"
CSRF_PLACEHOLDER = "__baz_csrf_token__"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_STORED_HEADERS_SKIP = {"set-cookie", "content-length", "x-page-cache"}


# --- The content generation -------------------------------------------------------------


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
    (`_LOCAL_FRAGMENTS`), in case the new number was used before."""
    _LOCAL_FRAGMENTS.clear()
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


# --- The middleware ---------------------------------------------------------------------


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET":
        return False
    if settings.PAGE_CACHE_SECONDS <= 0:
        return False
    path = request.path_info
    if any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDE_PREFIXES):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def _cache_key(request: HttpRequest, generation: int) -> str:
    url = request.get_full_path()
    variant = "|".join(
        [
            request.get_host(),
            request.headers.get("HX-Request", ""),
            request.headers.get("HX-Target", ""),
            url,
        ]
    )
    digest = hashlib.sha256(variant.encode()).hexdigest()
    return f"baz:page:{generation}:{digest}"


def _storable_response(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    if response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the shared cache (see the module docstring).

    Sits right after CsrfViewMiddleware: that one reads the visitor's CSRF cookie before a hit
    and sets it afterwards when a hit filled in a token; everything inside this middleware
    (authentication, messages, Content-Security-Policy, page serving) is skipped on a hit,
    its headers come from the stored response.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _cacheable_request(request):
            return self.get_response(request)
        try:
            key = _cache_key(request, content_generation())
            stored = cache.get(key)
        except Exception:
            return self.get_response(request)
        if stored is not None:
            return self._rebuild(request, stored)
        response = self.get_response(request)
        if _storable_response(request, response):
            try:
                cache.set(key, self._freeze(request, response), settings.PAGE_CACHE_SECONDS)
            except Exception:
                return response
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _freeze(request: HttpRequest, response: HttpResponseBase) -> dict[str, Any]:
        content = bytes(response.content)  # type: ignore[attr-defined]
        has_token = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        if has_token:
            content = _CSRF_INPUT.sub(rb"\g<1>" + CSRF_PLACEHOLDER.encode() + rb"\g<2>", content)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in _STORED_HEADERS_SKIP
        ]
        return {
            "status": response.status_code,
            "headers": headers,
            "content": content,
            "csrf": has_token,
        }

    @staticmethod
    def _rebuild(request: HttpRequest, stored: dict[str, Any]) -> HttpResponse:
        content: bytes = stored["content"]
        if stored["csrf"]:
            content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
        response = HttpResponse(content, status=stored["status"])
        for name, value in stored["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


# --- Fragments ----------------------------------------------------------------------------
#
# Parts of a page that are the same for every visitor (the menus, an entry's related entries
# and stories) are cached on their own, keyed by the content generation: any publish or edit
# of public content makes them stale at once, like the whole pages above. They save the
# rendering cost when the page cache misses (a new query string, a logged-in visitor).


def fragment_key(name: str, *parts: object) -> str:
    """A cache key for a shared fragment: generation, language, name and the varying parts."""
    variant = "|".join([get_language() or "", name, *(str(p) for p in parts)])
    digest = hashlib.sha256(variant.encode()).hexdigest()
    return f"baz:fragment:{content_generation()}:{digest}"


def fragment_cache_get(key: str) -> Any:
    return cache.get(key)


def fragment_cache_set(key: str, value: Any) -> None:
    with contextlib.suppress(Exception):  # the page is shown anyway, only not stored
        cache.set(key, value, settings.FRAGMENT_CACHE_SECONDS)


# Fragments that are immutable values (rendered HTML, the menus) are also kept in this
# process for the current generation, which spares a cache round trip and an unpickle per
# fragment per page. Everything is dropped as soon as the process sees another generation, so
# nothing here outlives a change; the size limit only guards against unbounded growth.
_LOCAL_FRAGMENTS: dict[str, Any] = {}
_local_generation: list[int] = [0]
LOCAL_FRAGMENTS_MAX = 500


def _local_fragments(generation: int) -> dict[str, Any]:
    if _local_generation[0] != generation or len(_LOCAL_FRAGMENTS) >= LOCAL_FRAGMENTS_MAX:
        _LOCAL_FRAGMENTS.clear()
        _local_generation[0] = generation
    return _LOCAL_FRAGMENTS


def fragment_cached(
    name: str, parts: tuple[object, ...], build: Callable[[], Any], *, local: bool = False
) -> Any:
    """`build()` from the shared cache, or built and stored; the cache being down costs only
    the saving, never the page. `local=True` (only for values nobody changes: strings, tuples
    of frozen items) also keeps the value in this process for the current generation."""
    try:
        generation = content_generation()
        key = fragment_key(name, *parts)
    except Exception:
        return build()
    near = _local_fragments(generation) if local else None
    if near is not None and key in near:
        return near[key]
    try:
        stored = cache.get(key)
    except Exception:
        return build()
    if stored is None:
        stored = build()
        fragment_cache_set(key, stored)
    if near is not None:
        near[key] = stored
    return stored


def process_cached(name: str, parts: tuple[object, ...], build: Callable[[], Any]) -> Any:
    """`build()` kept in this process only, for the current content generation.

    For small lookups whose answer changes only with public content (which page a path leads
    to, which pages carry a view restriction) and that each worker can well afford to make
    once per change: no cache round trip at all. The value is shared by later requests of
    this process, so callers hand out copies of anything a request could modify.
    """
    try:
        generation = content_generation()
        key = fragment_key(name, *parts)
    except Exception:
        return build()
    near = _local_fragments(generation)
    if key not in near:
        near[key] = build()
    return near[key]


class WagtailSiteCacheMiddleware:
    """Give Wagtail the Site of this request from the shared cache.

    Wagtail looks the Site up by hostname and port on every page request (a query that costs
    more CPU than most); which Site answers a host changes only when a Site or the tree
    changes, both of which bump the content generation. Nothing is looked up here: a Site
    Wagtail found for a request is stored afterwards, so other requests cost no query. The
    worker also keeps it for the generation (each request gets its own copy), so most
    requests cost no cache round trip either.

    Relies on Wagtail 8.0's `Site.find_for_request` reading and writing
    `request._wagtail_site`; fenced by baz/core/tests/test_wagtail_internals.py.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        key = ""
        near: dict[str, Any] = {}
        with contextlib.suppress(Exception):  # without it Wagtail simply looks it up
            near = _local_fragments(content_generation())
            key = self._key(request)
            site = near.get(key)
            if site is None:
                site = cache.get(key)
                if site is not None:
                    near[key] = site
            if site is not None:
                request._wagtail_site = copy.copy(site)  # type: ignore[attr-defined]
                key = ""
        response = self.get_response(request)
        found = getattr(request, "_wagtail_site", None)
        if key and found is not None:
            fragment_cache_set(key, found)
            near[key] = copy.copy(found)
        return response

    @staticmethod
    def _key(request: HttpRequest) -> str:
        from django.http.request import split_domain_port

        hostname = split_domain_port(request._get_raw_host())[0]
        return fragment_key("wagtail-site", hostname, request.get_port())
