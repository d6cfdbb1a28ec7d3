from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from baz.core import navigation


def site_context(request: HttpRequest) -> dict[str, object]:
    """Navigation for every page, computed only when a template uses it.

    `navigation_active` names the menu items this page marks as current: with the visitor
    being signed in or not, it is all the site header and footer depend on, so base.html
    keeps them as shared fragments under those keys."""
    menus = SimpleLazyObject(lambda: navigation.main_navigation(request))
    return {
        "main_navigation": SimpleLazyObject(lambda: menus[0]),
        "footer_navigation": SimpleLazyObject(lambda: menus[1]),
        "navigation_active": SimpleLazyObject(
            lambda: " ".join(item.url for menu in menus for item in menu if item.active)
        ),
    }
