"""sitemap.xml and robots.txt for the whole site.

The sitemap lists every live, public Wagtail page (Wagtail's own sitemap class: stories, good
practices, the base pages), every published atlas entry and the page of every municipality
that has one. robots.txt points to it and keeps crawlers out of the admin, the workspace and
the private reflection links.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from baz.atlas.models import Entry, EntryStatus
from baz.core.models import Municipality


class AtlasEntrySitemap(Sitemap):
    limit = 5000

    def items(self) -> Any:
        return Entry.objects.published().order_by("pk").only("pk", "slug", "updated_at")

    def location(self, item: Entry) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: Entry) -> Any:
        return item.updated_at


class MunicipalitySitemap(Sitemap):
    def items(self) -> Any:
        published = Entry.objects.filter(municipality=OuterRef("pk"), status=EntryStatus.PUBLISHED)
        return (
            Municipality.objects.filter(Exists(published))
            .annotate(
                last_change=Max(
                    "atlas_entries__updated_at",
                    filter=Q(atlas_entries__status=EntryStatus.PUBLISHED),
                )
            )
            .order_by("refnis")
        )

    def location(self, item: Municipality) -> str:
        return reverse("atlas:municipality", kwargs={"refnis": item.refnis, "slug": item.slug})

    def lastmod(self, item: Municipality) -> Any:
        return getattr(item, "last_change", None)


SITEMAPS: dict[str, Any] = {
    "pagina": WagtailSitemap,
    "fiches": AtlasEntrySitemap,
    "gemeenten": MunicipalitySitemap,
}

DISALLOWED = ["/beheer/", "/mijn/", "/aanmelden/", "/leren/reflectie/"]


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
