"""Security headers that depend on where a request goes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import bad_request

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponseBase


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict site-wide policy, except in the Wagtail admin.

    The public site and `/mijn/` load JavaScript only from static files (`script-src 'self'`).
    The Wagtail admin still renders inline scripts and styles, so it gets the looser
    `ADMIN_CONTENT_SECURITY_POLICY`, and only under its own URL prefix.
    """

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts


class RejectNulBytesMiddleware:
    """Answer 400 to a request whose query string or form data holds a NUL character.

    No form or filter of the site needs one, and PostgreSQL refuses to store or compare text
    that contains it (a DataError, which would otherwise surface as a 500). Django's form
    fields refuse NUL already; this covers everything else (the API, login signals, lookups).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if self._has_nul(request):
            message = _("Je vraag bevat een teken dat we niet kunnen verwerken.")
            if request.path_info.startswith("/api/"):
                # The API's documented error shape (baz.atlas.api.ERROR_SCHEMA).
                response = JsonResponse({"error": str(message), "parameter": None}, status=400)
                response["Access-Control-Allow-Origin"] = "*"
                return response
            return bad_request(request, SuspiciousOperation(str(message)))
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get(
            "QUERY_STRING", ""
        ):
            return True
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            for key, values in request.POST.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return True
        return False
