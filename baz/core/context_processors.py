from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from baz.core import navigation


def site_context(request: HttpRequest) -> dict[str, object]:
    """Navigation for every page, computed only when a template uses it."""
    menus = SimpleLazyObject(lambda: navigation.main_navigation(request))
    return {
        "main_navigation": SimpleLazyObject(lambda: menus[0]),
        "footer_navigation": SimpleLazyObject(lambda: menus[1]),
    }
