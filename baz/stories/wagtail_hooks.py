"""The stories in the Wagtail admin: a menu item that opens the story index in the explorer.

Everything else is Wagtail's own: the editor, preview, the workflow "Verhalen nalezen",
scheduling, revisions with compare and roll-back, and the page history.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from baz.stories.models import StoryIndexPage


class StoriesMenuItem(MenuItem):
    """Opens the story index in the explorer; shown to whoever may edit it."""

    def _index(self, request: HttpRequest) -> StoryIndexPage | None:
        # Asked twice per admin page (is it shown, where does it go): read the index once.
        if not hasattr(request, "_stories_index"):
            request._stories_index = StoryIndexPage.objects.first()  # type: ignore[attr-defined]
        return request._stories_index  # type: ignore[attr-defined,no-any-return]

    def is_shown(self, request: HttpRequest) -> bool:
        index = self._index(request)
        return index is not None and index.permissions_for_user(request.user).can_edit()

    def render_component(self, request: HttpRequest) -> Any:
        # Menu items are shared between requests: pass the URL, don't store it on the item.
        index = self._index(request)
        return LinkMenuItemComponent(
            self.name,
            self.label,
            reverse("wagtailadmin_explore", args=[index.pk]) if index else "#",
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("register_admin_menu_item")
def register_stories_menu_item() -> MenuItem:
    return StoriesMenuItem(_("Verhalen"), "#", icon_name="doc-full", order=150)
