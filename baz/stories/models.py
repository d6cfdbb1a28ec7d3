"""Verhalen & praktijkvoorbeelden: stories and good practices as Wagtail pages.

`ArticlePage` holds everything the two page types share (intro, hero image, taxonomies,
municipalities, atlas links, partner, author, date), so the index can filter and paginate both
in one query. It is never created itself: editors make a `StoryPage` (verhaal) or a
`GoodPracticePage` (praktijkvoorbeeld), which differ only in the blocks of their body.
"""

from __future__ import annotations

import html
import math
from typing import Any

from django import forms
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PagePermissionTester
from wagtail.search import index
from wagtailautocomplete.edit_handlers import AutocompletePanel

from baz.core.admin_widgets import DefinitionCachedBlockWidget
from baz.core.images import require_alt_text
from baz.core.models import CachedViewRestrictionsMixin
from baz.stories.blocks import GoodPracticeBodyBlock, StoryBodyBlock

WORDS_PER_MINUTE = 200  # an unhurried reader of plain-language Dutch


def stream_plain_text(body: Any) -> str:
    """The readable text of a story body, without HTML: what a reader (or a search index) reads."""
    parts: list[str] = []
    for block in body or []:
        kind, value = block.block_type, block.value
        if kind == "paragraph":
            parts.append(html.unescape(strip_tags(value.source)))
        elif kind == "heading":
            parts.append(str(value))
        elif kind == "image":
            parts.append(value.get("caption") or "")
        elif kind == "quote":
            parts += [value["text"], value["attribution"]]
        elif kind == "video":
            parts += [value["title"], value["transcript"]]
        elif kind == "call_to_action":
            parts.append(value["text"])
        elif kind == "lessons":
            parts += [value["title"], *value["items"]]
        elif kind == "steps":
            parts.append(value["title"])
            for step in value["steps"]:
                parts += [step["title"], step["text"]]
    return "\n".join(" ".join(part.split()) for part in parts if part and part.strip())


def reading_minutes(text: str) -> int:
    return max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))


# Wagtail's own "Vindbaarheid" tab without its "show in menus" box: the menus list only pages
# directly under the home page (`baz.core.navigation`), so for a story that box does nothing.
ARTICLE_PROMOTE_PANELS = [
    MultiFieldPanel(
        [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
        heading=_("Voor zoekmachines"),
    )
]


def body_panel(field: StreamField) -> FieldPanel:
    """The body's panel, with block definitions serialised once per language, not per request."""
    return FieldPanel("body", widget=DefinitionCachedBlockWidget(field.stream_block))


def article_edit_handler(content_panels: list[Any]) -> TabbedInterface:
    """The editor's tabs: the text, what it is about, findability, and publication settings."""
    about_panels = [
        MultiFieldPanel(
            [FieldPanel("author_name"), FieldPanel("publication_date"), FieldPanel("partner")],
            heading=_("Auteur en partner"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("werkvormen", widget=forms.CheckboxSelectMultiple),
                AutocompletePanel("municipalities"),
            ],
            heading=_("Thema's, werkvormen en gemeenten"),
        ),
        InlinePanel(
            "atlas_links",
            label=_("gekoppelde fiches uit Inspireer elkaar"),
            help_text=_("Initiatieven, lokale besturen of organisaties waarover dit gaat."),
        ),
    ]
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(about_panels, heading=_("Over dit verhaal")),
            ObjectList(ARTICLE_PROMOTE_PANELS, heading=_("Vindbaarheid")),
            ObjectList(Page.settings_panels, heading=_("Publicatie")),
        ]
    )


class ArticlePermissionTester(PagePermissionTester):
    """Stories are published through the review workflow, never directly.

    Only a superuser (the technical administrator, for emergencies) may press "Publiceren";
    editors submit to "Verhalen nalezen" and a second editor approves, which publishes the
    page (`baz.stories.workflow_actions.finish_workflow`). Unpublishing stays possible for
    editors: taking a story offline must never wait for a second person.
    """

    def can_publish(self) -> bool:
        return bool(self.user.is_active and self.user.is_superuser and not self.page_is_root)

    def can_publish_subpage(self) -> bool:
        return (
            bool(self.user.is_active and self.user.is_superuser) and super().can_publish_subpage()
        )


class StoryIndexPage(CachedViewRestrictionsMixin, Page):
    """`/verhalen/`: every story and good practice, with filters, pagination and feeds."""

    intro = models.TextField(_("inleiding"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    max_count = 1
    parent_page_types = ["core.HomePage"]
    subpage_types = ["stories.StoryPage", "stories.GoodPracticePage"]
    template = "stories/story_index_page.html"

    class Meta:
        verbose_name = _("overzicht verhalen")

    def permissions_for_user(self, user):  # type: ignore[no-untyped-def]
        return ArticlePermissionTester(user, self)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from baz.stories.selectors import story_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(story_index_context(request, index=self))
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        htmx = getattr(request, "htmx", None)
        if htmx and not htmx.history_restore_request:
            # htmx swaps only the results; the full page is the same URL without JavaScript.
            # The pushed URL is the canonical one (no empty fields from the form).
            context = self.get_context(request, *args, **kwargs)
            response = TemplateResponse(request, "stories/_results.html", context)
            query = context["filters"].querystring()
            response["HX-Push-Url"] = f"{self.url}?{query}" if query else self.url
            return response
        return super().serve(request, *args, **kwargs)


class ArticlePage(CachedViewRestrictionsMixin, Page):
    """What a story and a good practice share. Not created directly (see the module doc)."""

    search_kind = ""  # set by each page type; the site search groups results by it

    intro = models.TextField(
        _("inleiding"),
        max_length=600,
        help_text=_("Twee of drie zinnen: waarover gaat het, en waarom is het de moeite?"),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hoofdafbeelding"),
    )
    hero_alt = models.CharField(
        _("beschrijving van de hoofdafbeelding (alt-tekst)"),
        max_length=250,
        blank=True,
        help_text=_("Verplicht als je een afbeelding kiest: wat staat erop?"),
    )
    author_name = models.CharField(
        _("auteur"), max_length=150, help_text=_("Wie schreef dit? Bv. 'Wim Claes, redactie'.")
    )
    publication_date = models.DateField(
        _("publicatiedatum"),
        default=timezone.localdate,
        help_text=_("De datum die bij het verhaal staat. Inplannen doe je bij 'Publiceren'."),
    )
    themes = ParentalManyToManyField("atlas.Theme", blank=True, verbose_name=_("thema's"))
    werkvormen = ParentalManyToManyField("atlas.Werkvorm", blank=True, verbose_name=_("werkvormen"))
    municipalities = ParentalManyToManyField(
        "core.Municipality",
        blank=True,
        related_name="stories",
        verbose_name=_("gemeenten"),
    )
    partner = models.ForeignKey(
        "contact.PartnerOrganisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("partnerorganisatie"),
    )
    # Derived from the body on every save (also when Wagtail publishes a revision).
    reading_minutes = models.PositiveSmallIntegerField(
        _("leestijd in minuten"), default=1, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt")], heading=_("Hoofdafbeelding")
        ),
    ]
    edit_handler = article_edit_handler(content_panels)

    is_creatable = False
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types: list[str] = []
    template = "stories/article_page.html"

    class Meta:
        verbose_name = _("verhaal of praktijkvoorbeeld")
        verbose_name_plural = _("verhalen en praktijkvoorbeelden")
        indexes = [models.Index(fields=["publication_date"], name="stories_article_pubdate")]

    @property
    def body_blocks(self) -> Any:
        return getattr(self, "body", None)

    def permissions_for_user(self, user):  # type: ignore[no-untyped-def]
        return ArticlePermissionTester(user, self)

    def clean(self) -> None:
        super().clean()
        require_alt_text(image=self.hero_image_id, alt=self.hero_alt, alt_field="hero_alt")

    def save(self, *args: Any, **kwargs: Any) -> Any:
        self.reading_minutes = reading_minutes(self.search_body_text())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "reading_minutes"}
        return super().save(*args, **kwargs)

    # --- Search contract: the site search (/zoeken/) calls these ---------------------------

    def search_body_text(self) -> str:
        """Plain text of the intro and the body, without HTML, for the site search index."""
        return "\n".join(p for p in [self.intro.strip(), stream_plain_text(self.body_blocks)] if p)

    @property
    def kind_label(self) -> str:
        return str(self._meta.verbose_name).capitalize()

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from baz.stories.selectors import article_context_cached

        context = super().get_context(request, *args, **kwargs)
        context.update(article_context_cached(self, request))
        return context


class ArticleAtlasLink(Orderable):
    """A story or good practice mentions this atlas entry; the entry page links back."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="atlas_links")
    entry = models.ForeignKey(
        "atlas.Entry",
        on_delete=models.CASCADE,
        related_name="story_links",
        verbose_name=_("fiche"),
    )

    panels = [FieldPanel("entry")]

    class Meta(Orderable.Meta):
        verbose_name = _("gekoppelde fiche")
        verbose_name_plural = _("gekoppelde fiches")
        constraints = [
            models.UniqueConstraint(fields=["page", "entry"], name="stories_atlas_link_once")
        ]


class StoryPage(ArticlePage):
    """Een verhaal: people and initiatives in their own words."""

    search_kind = "verhaal"

    body = StreamField(StoryBodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = [*ArticlePage.content_panels, body_panel(body)]
    edit_handler = article_edit_handler(content_panels)

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]

    class Meta:
        verbose_name = _("verhaal")
        verbose_name_plural = _("verhalen")


class GoodPracticePage(ArticlePage):
    """Een praktijkvoorbeeld: what worked, what we learned and how you can do it too."""

    search_kind = "praktijkvoorbeeld"

    body = StreamField(GoodPracticeBodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = [*ArticlePage.content_panels, body_panel(body)]
    edit_handler = article_edit_handler(content_panels)

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]

    class Meta:
        verbose_name = _("praktijkvoorbeeld")
        verbose_name_plural = _("praktijkvoorbeelden")


# The workflow task is a model too; importing it here registers it with the app.
from baz.stories.workflows import SecondEditorApprovalTask  # noqa: E402

__all__ = [
    "ArticleAtlasLink",
    "ArticlePage",
    "GoodPracticePage",
    "SecondEditorApprovalTask",
    "StoryIndexPage",
    "StoryPage",
]
