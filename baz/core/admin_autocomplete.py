"""The admin's type-ahead choosers (wagtail-autocomplete), limited to the models we allow.

The package's own admin endpoints answer for *any* model named in the request (`type=`) to
anyone with admin access: a coach could list the titles of any model with a `title` field. We
mount its views behind this allowlist instead; nothing can be created from a chooser. A model
may narrow who gets answers with a classmethod `autocomplete_allowed(user)`: accounts answer
only for Redactie, who choose an entry's owner.
"""

from __future__ import annotations

from django.apps import apps
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtailautocomplete import views

# The models an AutocompletePanel may point at (app_label.ModelName).
ALLOWED_MODELS = frozenset({"core.Municipality", "accounts.User"})
# At most this many suggestions per search, whatever `limit` the request asks for.
MAX_RESULTS = 20


def _refusal(request: HttpRequest, method: str, label: str) -> HttpResponse | None:
    if request.method != method or label.lower() not in {m.lower() for m in ALLOWED_MODELS}:
        return HttpResponseBadRequest()
    allowed = getattr(apps.get_model(label), "autocomplete_allowed", None)
    if allowed is not None and not allowed(request.user):
        return HttpResponseForbidden()
    return None


@require_admin_access
def search(request: HttpRequest) -> HttpResponse:
    refusal = _refusal(request, "POST", request.POST.get("type", ""))
    if refusal is not None:
        return refusal
    try:
        limit = min(int(request.POST.get("limit", MAX_RESULTS)), MAX_RESULTS)
    except ValueError:
        return HttpResponseBadRequest()
    request.POST = request.POST.copy()
    request.POST["limit"] = str(limit)
    return views.search(request, public=False)


@require_admin_access
def objects(request: HttpRequest) -> HttpResponse:
    refusal = _refusal(request, "GET", request.GET.get("type", ""))
    if refusal is not None:
        return refusal
    return views.objects(request, public=False)


urlpatterns = [
    path("search/", search, name="admin_autocomplete_search"),
    path("objects/", objects, name="admin_autocomplete_objects"),
]
