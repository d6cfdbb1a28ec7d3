"""Shared fragments: parts of pages that are the same for every visitor, and the Wagtail Site.

Keyed by the content generation (`baz.core.generation`): any change to public content makes
them stale at once, like whole cached pages. Some are also kept inside the worker for the
current generation (`process_cached`, the Site of a host), so most requests cost no round trip.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponseBase

from baz.core.generation import content_generation, local_values

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
    near = local_values(generation) if local else None
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
    near = local_values(generation)
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
            near = local_values(content_generation())
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
