"""Failing cleanly: a Dutch 503 while the database is away, and the web server's error pages.

`server_error` is the project's handler500. When the exception behind it is a lost database
connection (PostgreSQL restarting, a network blip), the visitor gets a Dutch 503 with
Retry-After instead of a 500: nothing was stored, and trying again will work. The page is
rendered without touching the database: from the static file `render_error_pages` wrote at
deploy time (ERROR_PAGES_DIR), or from the template without any context processor.

`render_error_pages` renders 413, 502, 503 and 504 as static HTML for nginx, with the site's
own layout, navigation and Dutch text, so even nginx's own errors look like the site.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.views.defaults import server_error as django_server_error

if TYPE_CHECKING:
    from django.http import HttpRequest

ERROR_PAGE_CODES = (413, 502, 503, 504)
DATABASE_ERRORS = (OperationalError, InterfaceError)


def upload_limit_bytes() -> int:
    """The largest request body the site accepts on public pages (nginx uses the same)."""
    return int(settings.REQUEST_BODY_MAX_BYTES)


def _error_context() -> dict[str, object]:
    return {"upload_limit_mb": upload_limit_bytes() // (1024 * 1024)}


def database_unavailable_page() -> str:
    directory = settings.ERROR_PAGES_DIR
    if directory:
        path = Path(directory) / "503.html"
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            pass
    return render_to_string("503.html", _error_context())


def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        response = HttpResponse(database_unavailable_page(), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    try:
        return django_server_error(request)
    except Exception:
        return HttpResponseServerError(database_unavailable_page())


def render_error_pages(output: Path) -> list[Path]:
    """Write 413.html, 502.html, 503.html and 504.html for the web server into `output`."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    output.mkdir(parents=True, exist_ok=True)
    host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".").replace("*", "localhost")
    written = []
    for code in ERROR_PAGE_CODES:
        request = RequestFactory().get("/", HTTP_HOST=host)
        request.user = AnonymousUser()
        html = render_to_string(f"{code}.html", _error_context(), request=request)
        path = output / f"{code}.html"
        path.write_text(html, encoding="utf-8")
        written.append(path)
    return written
