"""The one plain Django view of the stories app; the pages themselves are Wagtail pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from baz.core.models import Municipality
from baz.stories.selectors import stories_for_municipality


@require_GET
@cache_control(max_age=300, public=True)
def about_municipality(request: HttpRequest, refnis: str) -> HttpResponse:
    """The stories about a municipality, as an HTML fragment for its atlas page (htmx)."""
    municipality = get_object_or_404(Municipality, refnis=refnis)
    return render(
        request,
        "stories/_related_stories.html",
        {"stories": stories_for_municipality(municipality), "heading_id": "verhalen-titel"},
    )
