"""Reads of stories and good practices: the index filters, the reverse links, feeds and SEO.

Every public list goes through `_visible()`: live pages outside any private section, in one
query (Wagtail's own `.public()` costs an extra query per call, which would add up on the atlas
pages that list the stories about an entry or a municipality).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from baz.core.fragments import fragment_cached
from baz.stories.models import ArticlePage, GoodPracticePage, StoryIndexPage, StoryPage

if TYPE_CHECKING:
    from baz.atlas.models import Entry
    from baz.core.models import Municipality

PAGE_SIZE = 12
CARD_RENDITION = "fill-640x360"
SHARE_RENDITION = "fill-1200x630"
REVERSE_LINK_LIMIT = 6
FEED_LIMIT = 20
KINDS = {"verhaal": StoryPage, "praktijkvoorbeeld": GoodPracticePage}
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


# --- Filters -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryFilters:
    """The filter state of `/verhalen/`; every state is a shareable GET URL."""

    kind: str = ""
    theme: tuple[str, ...] = ()
    werkvorm: tuple[str, ...] = ()
    municipality: str = ""  # REFNIS code
    partner: int | None = None
    page: int = 1

    @classmethod
    def from_cleaned(cls, data: dict[str, Any], page: int = 1) -> StoryFilters:
        partner = data.get("partner")
        return cls(
            kind=data.get("kind") or "",
            theme=tuple(sorted(data.get("theme") or ())),
            werkvorm=tuple(sorted(data.get("werkvorm") or ())),
            municipality=data.get("municipality") or "",
            partner=int(partner) if partner else None,
            page=page,
        )

    @property
    def active(self) -> bool:
        return bool(self.kind or self.theme or self.werkvorm or self.municipality or self.partner)

    def querystring(self, *, without: tuple[str, ...] = ()) -> str:
        """The state in canonical order, for pagination links and the pushed URL."""
        pairs: list[tuple[str, str]] = []
        if self.kind:
            pairs.append(("kind", self.kind))
        pairs += [("theme", slug) for slug in self.theme]
        pairs += [("werkvorm", slug) for slug in self.werkvorm]
        if self.municipality:
            pairs.append(("municipality", self.municipality))
        if self.partner:
            pairs.append(("partner", str(self.partner)))
        if self.page > 1:
            pairs.append(("page", str(self.page)))
        return urlencode([(k, v) for k, v in pairs if k not in without])


def page_number(value: str | None) -> int:
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return number if 1 <= number <= 10_000 else 1


def _visible(queryset: Any) -> Any:
    """Live pages that are not inside a section with a view restriction (one query)."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.live().filter(~Exists(restricted))


def _kind_labels() -> dict[int, str]:
    """{content type id: Dutch label}; content types are cached by Django after the first use."""
    types = ContentType.objects.get_for_models(StoryPage, GoodPracticePage)
    return {types[StoryPage].pk: _("Verhaal"), types[GoodPracticePage].pk: _("Praktijkvoorbeeld")}


def _cards(queryset: QuerySet[Any]) -> QuerySet[Any]:
    Image = get_image_model()
    return (
        queryset.select_related("partner")
        .prefetch_related(
            "themes",
            Prefetch("hero_image", queryset=Image.objects.prefetch_renditions(CARD_RENDITION)),
        )
        .order_by("-publication_date", "-pk")
    )


def story_list(filters: StoryFilters) -> QuerySet[ArticlePage]:
    """Published stories and good practices that match the filters, newest first."""
    queryset = _visible(ArticlePage.objects.all())
    if filters.kind in KINDS:
        queryset = queryset.filter(
            content_type=ContentType.objects.get_for_model(KINDS[filters.kind])
        )
    through = ArticlePage.themes.through
    if filters.theme:
        queryset = queryset.filter(
            Exists(
                through.objects.filter(articlepage_id=OuterRef("pk"), theme__slug__in=filters.theme)
            )
        )
    if filters.werkvorm:
        through = ArticlePage.werkvormen.through
        queryset = queryset.filter(
            Exists(
                through.objects.filter(
                    articlepage_id=OuterRef("pk"), werkvorm__slug__in=filters.werkvorm
                )
            )
        )
    if filters.municipality:
        through = ArticlePage.municipalities.through
        queryset = queryset.filter(
            Exists(
                through.objects.filter(
                    articlepage_id=OuterRef("pk"), municipality__refnis=filters.municipality
                )
            )
        )
    if filters.partner:
        queryset = queryset.filter(partner_id=filters.partner)
    return _cards(queryset)


def annotate_kinds(pages: Any) -> list[Any]:
    result = list(pages)
    if not result:
        return result
    labels = _kind_labels()
    for page in result:
        page.kind_display = labels.get(page.content_type_id, "")
    return result


def story_index_context(request: HttpRequest, *, index: StoryIndexPage) -> dict[str, Any]:
    from baz.stories.forms import StoryFilterForm

    form = StoryFilterForm(data=request.GET or None)
    cleaned = form.cleaned_data if form.is_valid() else getattr(form, "cleaned_data", {})
    filters = StoryFilters.from_cleaned(cleaned, page=page_number(request.GET.get("page")))
    paginator = Paginator(story_list(filters), PAGE_SIZE)
    page_obj: PaginatorPage = paginator.page(min(filters.page, max(paginator.num_pages, 1)))
    return {
        "form": form,
        "filters": filters,
        "page_obj": page_obj,
        "stories": annotate_kinds(page_obj.object_list),
        "query": filters.querystring(without=("page",)),
        "breadcrumb": [
            {"label": _("Start"), "url": "/"},
            {"label": index.title, "url": index.url},
        ],
    }


# --- Reverse links from the atlas ------------------------------------------------------------


def stories_for_entry(entry: Entry) -> list[ArticlePage]:
    """Published stories and good practices that mention an atlas entry (one query)."""
    queryset = _visible(ArticlePage.objects.filter(atlas_links__entry=entry))
    return annotate_kinds(queryset.order_by("-publication_date", "-pk")[:REVERSE_LINK_LIMIT])


def stories_for_municipality(municipality: Municipality) -> list[ArticlePage]:
    """Published stories and good practices about a municipality (one query)."""
    queryset = _visible(ArticlePage.objects.filter(municipalities=municipality))
    return annotate_kinds(queryset.order_by("-publication_date", "-pk")[:REVERSE_LINK_LIMIT])


# --- Feeds ------------------------------------------------------------------------------------


def story_feed_items(limit: int = FEED_LIMIT) -> list[ArticlePage]:
    queryset = _visible(ArticlePage.objects.all()).prefetch_related("themes")
    return annotate_kinds(queryset.order_by("-publication_date", "-pk")[:limit])


def story_index() -> StoryIndexPage | None:
    return StoryIndexPage.objects.live().first()


# --- One article page ---------------------------------------------------------------------


def _absolute(request: HttpRequest, url: str) -> str:
    return request.build_absolute_uri(url)


def article_json_ld(
    page: ArticlePage, request: HttpRequest, *, url: str, image_url: str, keywords: list[str]
) -> SafeString:
    """schema.org `Article`, escaped so that it can never close its script tag."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.search_description or page.intro,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "nl-BE",
        "datePublished": page.publication_date.isoformat(),
        "author": {"@type": "Person", "name": page.author_name},
        "publisher": {
            "@type": "Organization",
            "name": "BurgersAanZet",
            "url": _absolute(request, "/"),
        },
        "timeRequired": f"PT{page.reading_minutes}M",
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if image_url:
        data["image"] = image_url
    if keywords:
        data["keywords"] = ", ".join(keywords)
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - <, > and & are escaped above


def article_context(page: ArticlePage, request: HttpRequest) -> dict[str, Any]:
    from baz.atlas.models import EntryStatus

    # A page being previewed before its first save has no place in the tree yet.
    index = page.get_parent() if page.pk else None
    links = page.atlas_links.all()
    if isinstance(links, QuerySet):
        links = links.select_related("entry__municipality")
    entries = [link.entry for link in links if link.entry.status == EntryStatus.PUBLISHED]
    themes = list(page.themes.all())
    url = page.get_full_url(request) or _absolute(request, request.path)
    image_url = ""
    if page.hero_image:
        image_url = _absolute(request, page.hero_image.get_rendition(SHARE_RENDITION).url)
    return {
        "kind_display": page.kind_label,
        "themes": themes,
        "werkvormen": list(page.werkvormen.all()),
        "municipalities": list(page.municipalities.all()),
        "atlas_entries": entries,
        "canonical_url": url,
        "share_image_url": image_url,
        "meta_description": page.search_description or page.intro,
        "json_ld": article_json_ld(
            page, request, url=url, image_url=image_url, keywords=[t.name for t in themes]
        ),
        "index_url": index.url if index else reverse("stories:index"),
        "breadcrumb": [
            {"label": _("Start"), "url": "/"},
            {"label": index.title if index else _("Verhalen"), "url": reverse("stories:index")},
            {"label": page.title, "url": request.path},
        ],
    }


def article_context_cached(page: ArticlePage, request: HttpRequest) -> dict[str, Any]:
    """`article_context` through the shared cache, keyed by the content generation (every
    publish, unpublish or move bumps it), and kept in the worker too: the templates only
    read it. A preview shows a draft: never cached."""
    if getattr(request, "is_preview", False) or not page.pk or not page.live:
        return article_context(page, request)
    return fragment_cached(
        "story-context",
        (page.pk, request.scheme, request.get_host(), request.path),
        lambda: article_context(page, request),
        local=True,
    )
