"""/zoeken/: one search over stories, good practices, atlas entries and pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from baz.search.selectors import MAX_QUERY_LENGTH, search_params_parse, site_search


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The search page; with htmx only the results region is rendered."""
    params = search_params_parse(request.GET)
    results = site_search(params)
    context = {
        "params": params,
        "results": results,
        "max_query_length": MAX_QUERY_LENGTH,
        "search_url": reverse("search:index"),
        "pagination_query": params.querystring(),
    }
    if request.htmx and not request.htmx.history_restore_request:  # type: ignore[attr-defined]
        return render(request, "search/_results.html", context)
    context["breadcrumb"] = [
        {"label": _("Start"), "url": "/"},
        {"label": _("Zoeken"), "url": reverse("search:index")},
    ]
    return render(request, "search/index.html", context)
