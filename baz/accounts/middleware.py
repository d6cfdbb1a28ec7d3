"""Two-factor authentication is required for everyone who works in the Wagtail admin."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from two_factor.utils import default_device

from baz.accounts.permissions import has_staff_role


def second_factor_url(user: object, next_url: str) -> str:
    """Where a staff account without a verified session goes: the code step of the login when
    it has a device, else setting one up; back to `next_url` afterwards."""
    query = urlencode({"next": next_url})
    if default_device(user):
        return f"{reverse('two_factor:login')}?{query}"
    return f"{reverse('two_factor:setup')}?{query}"


class AdminTwoFactorMiddleware:
    """Refuse every /beheer/ page to an admin user whose session is not OTP-verified.

    Wagtail's own checks decide who may use the admin at all; this middleware adds that such a
    person must have passed the second factor in this session. Someone without a device yet is
    sent to set one up; someone with a device who logged in another way (for example right
    after accepting an invitation) is sent back to the login, which asks for the code.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.path_info.startswith(settings.ADMIN_URL_PREFIX)
            and not user.is_verified()  # type: ignore[union-attr]
            and has_staff_role(user)
        ):
            return HttpResponseRedirect(second_factor_url(user, request.get_full_path()))
        return self.get_response(request)
