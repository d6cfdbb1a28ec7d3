import posixpath

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from django.views.static import serve

from baz.core.selectors import municipality_search


@require_GET
def municipality_lookup(request: HttpRequest) -> JsonResponse:
    """Type-ahead for municipality fields: `?q=` a name (Dutch or French), place or postal code."""
    query = request.GET.get("q", "")[:100]
    results = [
        {
            "refnis": m.refnis,
            "name": m.name_nl,
            "label": f"{m.display_name} · {m.area_name}",
        }
        for m in municipality_search(query=query, limit=10)
    ]
    response = JsonResponse({"query": query, "results": results})
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico on their own; send them to the static file."""
    return HttpResponsePermanentRedirect(static("core/icons/favicon.ico"))


def media_rendition(request: HttpRequest, path: str) -> HttpResponse:
    """An image rendition from MEDIA_ROOT, outside production only (nginx serves them there)."""
    if not posixpath.normpath(path).startswith("images/"):
        raise Http404  # "images/../" must not reach the uploads that a view checks
    return serve(request, path, document_root=settings.MEDIA_ROOT)
