"""The stories in the Wagtail admin: a menu item that opens the story index in the explorer.

Everything else is Wagtail's own: the editor, preview, the workflow "Verhalen nalezen",
scheduling, revisions with compare and roll-back, and the page history.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from baz.stories.models import StoryIndexPage


class StoriesMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        index = StoryIndexPage.objects.first()
        return index is not None and index.permissions_for_user(request.user).can_edit()

    @property
    def url(self) -> str:  # type: ignore[override]
        index = StoryIndexPage.objects.first()
        return reverse("wagtailadmin_explore", args=[index.pk]) if index else "#"

    @url.setter
    def url(self, value: str) -> None:
        pass


@hooks.register("register_admin_menu_item")
def register_stories_menu_item() -> MenuItem:
    return StoriesMenuItem(_("Verhalen"), "#", icon_name="doc-full", order=150)
