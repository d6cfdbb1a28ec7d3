"""The admin's type-ahead choosers (wagtail-autocomplete), limited to the models we allow.

The package's own admin endpoints answer for *any* model named in the request (`type=`) to
anyone with admin access: a coach could list the titles of any model with a `title` field. We
mount its views behind this allowlist instead; nothing can be created from a chooser.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtailautocomplete import views

# The models an AutocompletePanel may point at (app_label.ModelName).
ALLOWED_MODELS = frozenset({"core.Municipality"})


def _allowed(label: str) -> bool:
    return label.lower() in {name.lower() for name in ALLOWED_MODELS}


@require_admin_access
def search(request: HttpRequest) -> HttpResponse:
    if request.method != "POST" or not _allowed(request.POST.get("type", "")):
        return HttpResponseBadRequest()
    return views.search(request, public=False)


@require_admin_access
def objects(request: HttpRequest) -> HttpResponse:
    if request.method != "GET" or not _allowed(request.GET.get("type", "")):
        return HttpResponseBadRequest()
    return views.objects(request, public=False)


urlpatterns = [
    path("search/", search, name="admin_autocomplete_search"),
    path("objects/", objects, name="admin_autocomplete_objects"),
]
