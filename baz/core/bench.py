"""Measuring aids for bench/pages.py; mounted only when BAZ_BENCH_CEILING=1 (never in real use).

`QueryCountMiddleware` (outermost) adds X-Bench-Queries (SQL statements) and X-Bench-CPU-Ms
(the worker's CPU time for this request) to every response. `ceiling` is the smallest Django
view: it returns `?bytes=` bytes of HTML through the same middleware, server and nginx, so the
cached pages can be compared with what the stack itself costs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import connections
from django.http import HttpResponse

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponseBase

_MAX_BYTES = 1024 * 1024


class QueryCountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        count = 0

        def counter(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        started = time.process_time()
        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(count)
        response["X-Bench-CPU-Ms"] = f"{(time.process_time() - started) * 1000:.2f}"
        return response


def ceiling(request: HttpRequest) -> HttpResponse:
    try:
        size = max(0, min(_MAX_BYTES, int(request.GET.get("bytes", "1000"))))
    except ValueError:
        size = 1000
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")
