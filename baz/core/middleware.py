"""Security headers that depend on where a request goes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

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
