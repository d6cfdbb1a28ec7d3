"""The atlas in the Wagtail admin: entries and taxonomies as snippets, and a moderation queue.

Editors use Wagtail's own edit, publish and history screens. After each of those the hooks
below call `entry_admin_sync`, which keeps `status` in step with `live` and moves the
version on. Approving and rejecting proposals happen in the moderation queue, through the
services, so the submitter gets their e-mail.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtailautocomplete.edit_handlers import AutocompletePanel

from baz.accounts import permissions
from baz.atlas import admin_views, views_contribute
from baz.atlas.models import Entry, EntryStatus, TargetGroup, Theme, Werkvorm
from baz.atlas.services.editing import entry_admin_sync
from baz.core.models import Municipality, Province


class EntryFilterSet(WagtailFilterSet):
    """The entry list's filters. The municipality is typed (Dutch or French name, part of it),
    not chosen from a list of 565; the province narrows by region."""

    municipality = django_filters.CharFilter(
        label=_("Gemeente"),
        method="filter_municipality",
        help_text=_("Typ (een deel van) de naam of de postcode."),
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Provincie"),
        queryset=Province.objects.order_by("name_nl"),
        field_name="municipality__province",
    )

    class Meta:
        model = Entry
        fields = ["status", "kind"]

    def filter_municipality(self, queryset: Any, name: str, value: str) -> Any:
        # The same matching as the type-ahead chooser: every word, in any of its names.
        found = Municipality.autocomplete_custom_queryset_filter(value)
        return queryset.filter(municipality__in=found.values("pk"))


class EntryViewSet(SnippetViewSet):
    model = Entry
    edit_view_class = admin_views.EntryEditView
    filterset_class = EntryFilterSet
    icon = "site"
    menu_label = _("Fiches")
    menu_order = 100
    list_display = ["name", "kind", "municipality", "status", "updated_at"]
    search_fields = ["name", "summary"]
    ordering = ["-updated_at"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("summary")],
            heading=_("Wat"),
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                AutocompletePanel("municipality"),
                AutocompletePanel("served_municipalities"),
                FieldPanel("street"),
                FieldPanel("postal_code"),
                FieldPanel("place"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
                FieldPanel("location_is_exact"),
            ],
            heading=_("Waar"),
        ),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("werkvormen"), FieldPanel("target_groups")],
            heading=_("Thema's en werkvormen"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("how_to_join"),
                FieldPanel("cost"),
                FieldPanel("languages"),
                FieldPanel("accessibility"),
                FieldPanel("start_year"),
            ],
            heading=_("Meedoen"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("show_contact_name"),
                FieldPanel("show_contact_phone"),
                FieldPanel("show_contact_email"),
                FieldPanel("website"),
                FieldPanel("social_links"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Afbeelding")),
        MultiFieldPanel(
            [
                FieldPanel("contact_point"),
                FieldPanel("regulation_url"),
                # Only staff reach /beheer/ (Redactie, Coach), so only staff can set this.
                FieldPanel("baz_collaboration"),
                FieldPanel("baz_map_consent"),
                InlinePanel("support_offers", label=_("Ondersteuningsaanbod")),
            ],
            heading=_("Lokaal bestuur"),
        ),
        MultiFieldPanel(
            [
                AutocompletePanel("owner"),
                FieldPanel("submitter_email"),
                FieldPanel("last_confirmed_at"),
            ],
            heading=_("Beheer"),
        ),
    ]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_order = 200
    list_display = ["name", "slug", "sort_order"]


class WerkvormViewSet(SnippetViewSet):
    model = Werkvorm
    icon = "tag"
    menu_order = 210
    list_display = ["name", "slug", "sort_order"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "tag"
    menu_order = 220
    list_display = ["name", "slug", "sort_order"]


class AtlasViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Inspireer elkaar")
    menu_icon = "site"
    menu_order = 250
    items = (EntryViewSet, ThemeViewSet, WerkvormViewSet, TargetGroupViewSet)


register_snippet(AtlasViewSetGroup)


class ModerationMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.can(request.user, permissions.ENTRY_MODERATE)


@hooks.register("register_admin_urls")
def register_moderation_urls() -> list[Any]:
    return [
        path(
            "inspireer-elkaar/moderatie/",
            views_contribute.moderation_index,
            name="atlas_moderation",
        ),
        path(
            "inspireer-elkaar/moderatie/<int:pk>/goedkeuren/",
            views_contribute.moderation_approve,
            name="atlas_moderation_approve",
        ),
        path(
            "inspireer-elkaar/moderatie/<int:pk>/weigeren/",
            views_contribute.moderation_reject,
            name="atlas_moderation_reject",
        ),
        path(
            "inspireer-elkaar/fiches/<int:pk>/archiveren/",
            views_contribute.admin_archive,
            name="atlas_archive",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item() -> MenuItem:
    return ModerationMenuItem(
        _("Te modereren fiches"), reverse("atlas_moderation"), icon_name="tasks", order=251
    )


@hooks.register("register_admin_menu_item")
def register_import_menu_item() -> MenuItem:
    """Redactie imports for any municipality from the admin too (the same flow as /mijn/)."""
    return _ImportMenuItem(
        _("Fiches importeren"),
        reverse("atlas_contribute:mijn_import"),
        icon_name="upload",
        order=252,
    )


class _ImportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.can(request.user, permissions.ENTRY_MODERATE)


@hooks.register("register_log_actions")
def register_import_log_actions(actions: Any) -> None:
    """An imported entry's admin history names the file and its SHA-256."""
    from wagtail.log_actions import LogFormatter

    from baz.atlas.services.imports import ACTION_IMPORTED, ACTION_UPDATED_BY_IMPORT

    class _FromFile(LogFormatter):
        verb = ""

        def format_message(self, log_entry: Any) -> str:
            data = log_entry.data or {}
            return str(
                _("%(verb)s uit het bestand '%(name)s' (SHA-256 %(hash)s)")
                % {"verb": self.verb, "name": data.get("file", ""), "hash": data.get("sha256", "")}
            )

    class _Imported(_FromFile):
        label = _("Geïmporteerd")
        verb = _("Geïmporteerd")

    class _Updated(_FromFile):
        label = _("Bijgewerkt door een import")
        verb = _("Bijgewerkt")

    actions.register_action(ACTION_IMPORTED)(_Imported)
    actions.register_action(ACTION_UPDATED_BY_IMPORT)(_Updated)


@hooks.register("register_snippet_listing_buttons")
def entry_archive_button(snippet: Any, user: Any, next_url: str | None = None) -> Any:
    if (
        isinstance(snippet, Entry)
        and snippet.status != EntryStatus.ARCHIVED
        and permissions.can(user, permissions.ENTRY_PUBLISH, snippet)
    ):
        yield ListingButton(
            _("Archiveer"), reverse("atlas_archive", kwargs={"pk": snippet.pk}), priority=90
        )


class _PermissionMenuItem(MenuItem):
    """A menu item shown only to those our permission rules allow (`action`)."""

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.action = action

    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.can(request.user, self.action)


class _PermissionViewSet(ViewSet):
    """An admin viewset whose menu item shows only to those `menu_action` allows."""

    menu_action: str

    def get_menu_item(self, order: int | None = None) -> MenuItem:
        return _PermissionMenuItem(
            self.menu_label,
            self.menu_url,
            icon_name=self.menu_icon,
            order=order if order is not None else self.menu_order,
            action=self.menu_action,
        )


class RelayViewSet(_PermissionViewSet):
    """Relayed messages, read-only, without sender or content (`contact_relay_list`)."""

    name = "atlas_relays"
    url_prefix = "inspireer-elkaar/berichten"
    icon = "mail"
    menu_label = _("Doorgestuurde berichten")
    add_to_admin_menu = True
    menu_order = 252
    menu_action = permissions.ENTRY_RELAY_LIST

    def get_urlpatterns(self) -> list[Any]:
        return [path("", admin_views.relay_index, name="index")]


class CorrectionViewSet(_PermissionViewSet):
    """Visitors' correction requests: list, and mark handled with a note."""

    name = "atlas_corrections"
    url_prefix = "inspireer-elkaar/foutmeldingen"
    icon = "warning"
    menu_label = _("Foutmeldingen")
    add_to_admin_menu = True
    menu_order = 253
    menu_action = permissions.ENTRY_CORRECTION_HANDLE

    def get_urlpatterns(self) -> list[Any]:
        return [
            path("", admin_views.correction_index, name="index"),
            path("<int:pk>/behandelen/", admin_views.correction_handle, name="handle"),
        ]


class CollaborationViewSet(_PermissionViewSet):
    """Coaches (and Redactie) set *samenwerking met BAZ* on municipality profiles, and only that."""

    name = "atlas_collaboration"
    url_prefix = "inspireer-elkaar/samenwerking"
    icon = "group"
    menu_label = _("Samenwerking met BAZ")
    add_to_admin_menu = True
    menu_order = 254
    menu_action = permissions.ENTRY_SET_BAZ_COLLABORATION

    def get_urlpatterns(self) -> list[Any]:
        return [
            path("", admin_views.collaboration_index, name="index"),
            path("<int:pk>/", admin_views.collaboration_set, name="set"),
        ]


@hooks.register("register_admin_viewset")
def register_collaboration_viewset() -> ViewSet:
    return CollaborationViewSet()


@hooks.register("register_admin_viewset")
def register_relay_viewset() -> ViewSet:
    return RelayViewSet()


@hooks.register("register_admin_viewset")
def register_correction_viewset() -> ViewSet:
    return CorrectionViewSet()


def _sync(request: HttpRequest, instance: Any) -> None:
    if isinstance(instance, Entry):
        entry_admin_sync(entry=instance, user=request.user)  # type: ignore[arg-type]


for _hook in ("after_create_snippet", "after_edit_snippet", "after_publish", "after_unpublish"):
    hooks.register(_hook, _sync)


@hooks.register("before_publish")
def refuse_a_second_published_profile(request: HttpRequest, instance: Any) -> Any:
    """Wagtail's publish button on a lokaal-bestuur profile of a municipality that already has
    a published one: say so instead of failing on the database constraint. The edit is kept
    as a draft revision."""
    if not isinstance(instance, Entry) or not instance.is_local_government:
        return None
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.translation import gettext
    from wagtail.admin.admin_url_finder import AdminURLFinder

    from baz.atlas.selectors.municipalities import municipality_profile

    published = municipality_profile(instance.municipality)
    if published is None or published.pk == instance.pk:
        return None
    messages.error(
        request,
        gettext(
            "Niet gepubliceerd: %(municipality)s heeft al een gepubliceerd profiel "
            "(“%(name)s”). Archiveer dat eerst, of pas dat profiel aan. Je wijzigingen zijn "
            "bewaard als concept."
        )
        % {"municipality": instance.municipality.name_nl, "name": published.name},
    )
    return redirect(AdminURLFinder(request.user).get_edit_url(instance) or request.get_full_path())
