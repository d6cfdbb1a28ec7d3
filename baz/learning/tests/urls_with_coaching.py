"""The site's URLs plus a stand-in `coaching:request`, as once the coaching app exists."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from baz.urls import urlpatterns as site_urlpatterns


def coaching_request(request: HttpRequest) -> HttpResponse:
    return HttpResponse(request.GET.get("reflectie", ""))


coaching_patterns = ([path("coaching/aanvragen/", coaching_request, name="request")], "coaching")

urlpatterns = [path("", include(coaching_patterns)), *site_urlpatterns]
