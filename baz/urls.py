from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from baz.accounts import two_factor_urls
from baz.accounts import urls as accounts_urls
from baz.atlas import urls as atlas_urls
from baz.atlas.api import api as atlas_api
from baz.coaching import urls as coaching_urls
from baz.contact import urls as contact_urls
from baz.core import admin_autocomplete
from baz.core import urls as core_urls
from baz.learning import urls as learning_urls
from baz.search import urls as search_urls
from baz.stories import urls as stories_urls
from baz.stories.findability import SITEMAPS, robots_txt

# A lost database connection becomes a Dutch 503 instead of a 500 (baz/core/resilience.py).
handler500 = "baz.core.resilience.server_error"

# Django's own admin is deliberately not mounted: staff work in the Wagtail admin only.
urlpatterns = [
    # Accounts first: it takes over /beheer/login/ for the two-factor-aware login.
    path("", include(accounts_urls)),
    path("", include(two_factor_urls)),
    # The type-ahead choosers of the admin, before Wagtail's own URLs (baz/core/admin_autocomplete).
    path(settings.ADMIN_URL_PREFIX.strip("/") + "/autocomplete/", include(admin_autocomplete)),
    path(settings.ADMIN_URL_PREFIX.strip("/") + "/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("", include(core_urls)),
    path("", include(learning_urls)),
    # Before the atlas pages: voorstellen/, bevestig/... must not be read as an entry slug.
    path("", include("baz.atlas.urls_contribute")),
    path("inspireer-elkaar/", include(atlas_urls)),
    path("api/v1/", atlas_api.urls),
    path("", include(coaching_urls)),
    path("", include(contact_urls)),
    path("", include(stories_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include(search_urls)),
]

if not settings.PRODUCTION:
    # What nginx serves straight from MEDIA_ROOT in production: image renditions only (every
    # other upload goes through a view that checks access). Also with DEBUG off, as `make run`.
    from django.urls import re_path

    from baz.core.views import media_rendition

    urlpatterns += [
        re_path(
            r"^{}(?P<path>images/.+)$".format(settings.MEDIA_URL.lstrip("/")),
            media_rendition,
            name="media_rendition",
        )
    ]

if settings.BENCH_CEILING:  # bench/pages.py only (BAZ_BENCH_CEILING=1), never on a real site
    from baz.core.bench import ceiling

    urlpatterns += [path("__bench__/ceiling/", ceiling)]

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
