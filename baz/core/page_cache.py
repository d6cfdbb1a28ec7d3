"""The shared page cache for anonymous visitors, invalidated by the content generation.

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

import hashlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponseBase

from baz.core.generation import content_generation

CSRF_PLACEHOLDER = "__baz_csrf_token__"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_STORED_HEADERS_SKIP = {"set-cookie", "content-length", "x-page-cache"}


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
