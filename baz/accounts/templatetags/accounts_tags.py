"""Template helpers of the workspace."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from baz.accounts.middleware import second_factor_url
from baz.accounts.permissions import staff_needs_second_factor

register = template.Library()


@register.simple_tag(takes_context=True)
def second_factor_prompt(context: template.Context) -> str:
    """The link to the second-factor step for a staff account whose session has not passed
    it (its staff rights are off until then), or "" for everyone else."""
    request: HttpRequest | None = context.get("request")
    if request is None or not staff_needs_second_factor(request.user, admin_permission=False):
        return ""
    return second_factor_url(request.user, request.get_full_path())
