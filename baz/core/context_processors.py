from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from baz.core import navigation

# The meta description of a page that has none of its own (base.html).
SITE_DESCRIPTION = _(
    "BurgersAanZet helpt burgers en lokale besturen om samen zorg en welzijn te versterken. "
    "Ontdek burgerinitiatieven, verhalen en coaching voor jouw gemeente."
)


def site_context(request: HttpRequest) -> dict[str, object]:
    """Navigation for every page, computed only when a template uses it.

    `navigation_active` names the menu items this page marks as current: with the visitor
    being signed in or not, it is all the site header and footer depend on, so base.html
    keeps them as shared fragments under those keys. `robots_noindex` keeps search engines
    from listing private pages, search results and the reflection tool (NOINDEX_PATH_PREFIXES)."""
    menus = SimpleLazyObject(lambda: navigation.main_navigation(request))
    return {
        "main_navigation": SimpleLazyObject(lambda: menus[0]),
        "footer_navigation": SimpleLazyObject(lambda: menus[1]),
        "navigation_active": SimpleLazyObject(
            lambda: " ".join(item.url for menu in menus for item in menu if item.active)
        ),
        "site_description": SITE_DESCRIPTION,
        "robots_noindex": request.path.startswith(tuple(settings.NOINDEX_PATH_PREFIXES)),
    }
