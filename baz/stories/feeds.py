"""RSS 2.0 and Atom feeds of the newest stories and good practices (Django syndication)."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from baz.stories.selectors import story_feed_items


class StoryRssFeed(Feed):
    title = _("Verhalen en praktijkvoorbeelden · BurgersAanZet")
    description = _(
        "Nieuwe verhalen en praktijkvoorbeelden over burgerinitiatieven in zorg en welzijn."
    )
    language = "nl-BE"

    def link(self) -> str:
        return reverse("stories:index")

    def items(self) -> list[Any]:
        return story_feed_items()

    def item_title(self, item: Any) -> str:
        return f"{item.kind_display}: {item.title}"

    def item_description(self, item: Any) -> str:
        return item.intro

    # One feed instance serves every request (and thread), so nothing request-bound is kept on
    # it; Django's syndication makes these relative URLs absolute for the requesting host.
    def item_link(self, item: Any) -> str:
        return item.get_url()

    def item_guid(self, item: Any) -> str:
        # A stable, absolute identifier: the page's canonical address on its Wagtail site.
        return item.get_full_url() or item.get_url()

    def item_pubdate(self, item: Any) -> datetime:
        # The editorial date, at nine in the morning Brussels time.
        return timezone.make_aware(datetime.combine(item.publication_date, time(9)))

    def item_updateddate(self, item: Any) -> datetime | None:
        return item.last_published_at

    def item_author_name(self, item: Any) -> str:
        return item.author_name

    def item_categories(self, item: Any) -> list[str]:
        return [theme.name for theme in item.themes.all()]


class StoryAtomFeed(StoryRssFeed):
    feed_type = Atom1Feed
    subtitle = StoryRssFeed.description
