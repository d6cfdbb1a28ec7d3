"""Reference data (regions, provinces, municipalities, postal codes) and the site's base pages."""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index

from baz.core.text import normalize

FLEMISH_REGION = "02000"
BRUSSELS_REGION = "04000"


class Region(models.Model):
    """One of Belgium's three regions, identified by its REFNIS code."""

    refnis = models.CharField(_("REFNIS-code"), max_length=5, unique=True)
    name_nl = models.CharField(_("naam (Nederlands)"), max_length=100)
    name_fr = models.CharField(_("naam (Frans)"), max_length=100)

    class Meta:
        ordering = ["refnis"]
        verbose_name = _("gewest")
        verbose_name_plural = _("gewesten")

    def __str__(self) -> str:
        return self.name_nl


class Province(models.Model):
    """One of Belgium's ten provinces. Brussels-Capital has none."""

    refnis = models.CharField(_("REFNIS-code"), max_length=5, unique=True)
    name_nl = models.CharField(_("naam (Nederlands)"), max_length=100)
    name_fr = models.CharField(_("naam (Frans)"), max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="provinces")

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")

    def __str__(self) -> str:
        return self.name_nl

    @property
    def short_name(self) -> str:
        """'Oost-Vlaanderen' rather than 'Provincie Oost-Vlaanderen'."""
        return self.name_nl.removeprefix("Provincie ")


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def flemish(self) -> MunicipalityQuerySet:
        return self.filter(region__refnis=FLEMISH_REGION)

    def with_places(self) -> MunicipalityQuerySet:
        return self.select_related("province", "region")


class Municipality(models.Model):
    """A municipality (gemeente) as it is since the mergers of 1 January 2025.

    `latitude`/`longitude` is the mean position of the municipality's postal codes: good enough
    to place an entry without an address "in gemeente X", never presented as an exact point.
    `search_text` holds the accent-free, lower-case names, place names and postal codes that
    the type-ahead lookup matches against.
    """

    refnis = models.CharField(_("REFNIS-code"), max_length=5, unique=True)
    name_nl = models.CharField(_("naam (Nederlands)"), max_length=100)
    name_fr = models.CharField(_("naam (Frans)"), max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="municipalities",
        null=True,
        blank=True,
        help_text=_("Leeg voor de 19 gemeenten van het Brussels Hoofdstedelijk Gewest."),
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name_nl

    @property
    def display_name(self) -> str:
        """The Dutch name, with the French one beside it where it differs (Brussels, Wallonia)."""
        if self.name_fr and self.name_fr != self.name_nl:
            return f"{self.name_nl} ({self.name_fr})"
        return self.name_nl

    @property
    def area_name(self) -> str:
        """The province, or the region where there is no province (Brussels)."""
        return self.province.short_name if self.province else self.region.name_nl

    # The admin's municipality choosers (`baz.core.admin_autocomplete`): staff type a few letters
    # of a Dutch or French name, a place name or a postal code instead of scrolling 565 options.
    def autocomplete_label(self) -> str:
        return self.display_name

    @classmethod
    def autocomplete_custom_queryset_filter(
        cls, search_query: str, request: Any = None
    ) -> models.QuerySet[Municipality]:
        words = normalize(search_query).split()
        queryset = cls.objects.all()
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        return queryset.order_by("name_nl")


class PostalCode(models.Model):
    """A postal code of a municipality. One code can belong to two municipalities (1040)."""

    code = models.CharField(_("postcode"), max_length=4, db_index=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="postal_codes"
    )
    place_names = models.CharField(
        _("plaatsnamen"),
        max_length=300,
        blank=True,
        help_text=_("Deelgemeenten en plaatsen met deze postcode, gescheiden door komma's."),
    )
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "municipality"], name="postalcode_unique_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.municipality.name_nl}"


# --- Site pages -----------------------------------------------------------------------------

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("tekst op de knop"), max_length=80)
    page = blocks.PageChooserBlock(label=_("pagina"), required=False)
    url = blocks.URLBlock(label=_("of een webadres"), required=False)

    class Meta:
        icon = "link"
        label = _("oproep tot actie")
        template = "core/blocks/call_to_action.html"


def _validate_link(value: str) -> None:
    """An address on this site (/leren/) or on the web (https://...)."""
    if not (value.startswith("/") and not value.startswith("//")) and not (
        value.startswith(("https://", "http://"))
    ):
        raise ValidationError(_("Begin met / voor een pagina van deze site, of met https://."))


class LinkCardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), max_length=80)
    text = blocks.TextBlock(label=_("korte uitleg"), max_length=250, required=False)
    link = blocks.CharBlock(
        label=_("adres"),
        max_length=300,
        validators=[_validate_link],
        help_text=_("Bv. /inspireer-elkaar/?kind=lokaal-bestuur of https://..."),
    )

    class Meta:
        icon = "link"
        label = _("link met uitleg")


class ContactPersonBlock(blocks.StructBlock):
    """A person to contact, with a name and a face rather than only a mailbox."""

    name = blocks.CharBlock(label=_("naam"), max_length=150)
    role = blocks.CharBlock(label=_("functie"), max_length=150, required=False)
    organisation = blocks.CharBlock(label=_("organisatie"), max_length=150, required=False)
    email = blocks.EmailBlock(label=_("e-mailadres"))
    phone = blocks.CharBlock(label=_("telefoon"), max_length=40, required=False)
    photo = ImageChooserBlock(
        label=_("foto"),
        required=False,
        help_text=_("Niet verplicht. De naam staat naast de foto, dus die heeft geen tekst nodig."),
    )

    class Meta:
        icon = "user"
        label = _("contactpersoon")
        template = "core/blocks/contact_person.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("tussentitel"), max_length=120, template="core/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("tekst"), features=RICH_TEXT_FEATURES)
    call_to_action = CallToActionBlock()
    # A row of cards, each a link to a part of the platform with a line of explanation.
    link_cards = blocks.ListBlock(
        LinkCardBlock(),
        label=_("links naar delen van het platform"),
        template="core/blocks/link_cards.html",
    )
    contact_person = ContactPersonBlock()


def _view_restricted_paths() -> tuple[tuple[str, ...], bool]:
    from wagtail.models import PageViewRestriction

    paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    return paths, Page.objects.filter(alias_of__isnull=False).exists()


class CachedViewRestrictionsMixin:
    """Wagtail checks a page's view restrictions (login, password, groups) on every serve,
    with two queries: the page's ancestors, then their restrictions. Which pages carry a
    restriction changes only with the content generation (restrictions and pages are public
    content), so each worker keeps their tree paths per generation; a page under none of
    them has no restriction, and costs no query. Pages under one, and any site with alias
    pages (whose restrictions are their source's), get Wagtail's own answer."""

    path: str
    alias_of_id: int | None
    pk: int | None

    def get_view_restrictions(self):  # type: ignore[no-untyped-def]
        from wagtail.models import PageViewRestriction

        from baz.core.fragments import process_cached

        if not self.pk or not self.path or self.alias_of_id:
            return super().get_view_restrictions()  # type: ignore[misc]
        restricted, any_alias = process_cached("view-restricted-paths", (), _view_restricted_paths)
        if any_alias or any(self.path.startswith(path) for path in restricted):
            return super().get_view_restrictions()  # type: ignore[misc]
        return PageViewRestriction.objects.none()


class HomePage(CachedViewRestrictionsMixin, Page):
    """The front page of the platform."""

    intro = models.TextField(_("inleiding"), max_length=500)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "core/pages/home_page.html"

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        from baz.core.navigation import main_navigation

        context = super().get_context(request, *args, **kwargs)
        main, _footer = main_navigation(request)
        context["section_cards"] = [item for item in main if item.url != "/"]
        return context

    def route(self, request, path_components):  # type: ignore[no-untyped-def]
        """Wagtail's routing, with the page a path leads to remembered.

        Wagtail walks the tree one query (or two) per level; every page of the site lies
        under this one. Which page a path leads to is cached by the content generation
        (any publish, unpublish, move or slug change bumps it): in the shared cache as ids
        (a hit there costs one query for the page itself), and in each worker as the page
        itself (a hit costs nothing; every request gets its own copy). Only a plain tree
        match is remembered: a page at exactly this path, served without extra route
        arguments. Draft and view-restriction checks stay Wagtail's own (`live` is checked
        again; restrictions are a serve hook).

        Relies on Wagtail 8.0's `Page.route` and `RouteResult`; fenced by
        baz/core/tests/test_wagtail_internals.py, which compares our answer with Wagtail's.
        """
        from wagtail.url_routing import RouteResult

        from baz.core.fragments import process_cached

        if not path_components:
            return super().route(request, path_components)
        path = self.url_path + "/".join(path_components) + "/"
        routed: list[RouteResult] = []

        def plain_page() -> Page | None:
            result = self._route_through_shared_cache(request, path_components, path)
            routed.append(result)
            page, args, kwargs = result
            plain = not args and not kwargs and page.url_path == path
            # A copy: the request that looked it up goes on with the page it was given.
            return copy.copy(page) if plain and type(page).route is Page.route else None

        page = process_cached("page-route-page", (self.pk, path), plain_page)
        if routed:  # looked up just now: Wagtail's own answer
            return routed[0]
        if page is None or not page.live or page.url_path != path:
            return super().route(request, path_components)
        return RouteResult(copy.copy(page))

    def _route_through_shared_cache(self, request, path_components, path):  # type: ignore[no-untyped-def]
        from django.contrib.contenttypes.models import ContentType
        from wagtail.url_routing import RouteResult

        from baz.core.fragments import fragment_cache_get, fragment_cache_set, fragment_key

        try:
            key = fragment_key("page-route", self.pk, path)
            known = fragment_cache_get(key)
        except Exception:
            key, known = "", None
        if known is not None:
            page_id, content_type_id = known
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            page = model.objects.filter(pk=page_id).first() if model else None
            if page is not None and page.live and page.url_path == path:
                return RouteResult(page)
        result = super().route(request, path_components)
        page, args, kwargs = result
        plain = not args and not kwargs and page.url_path == path and type(page).route is Page.route
        if key and plain:
            fragment_cache_set(key, (page.pk, page.content_type_id))
        return result


class ContentPage(CachedViewRestrictionsMixin, Page):
    """A plain page of text: Lokale besturen, Over dit platform, the accessibility statement."""

    intro = models.TextField(_("inleiding"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    template = "core/pages/content_page.html"

    class Meta:
        verbose_name = _("inhoudspagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumb"] = [
            {"label": _("Start"), "url": "/"},
            {"label": self.title, "url": self.url},
        ]
        return context
