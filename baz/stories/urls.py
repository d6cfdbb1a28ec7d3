"""URLs of the stories app.

`/verhalen/` itself is a Wagtail page (StoryIndexPage, slug `verhalen` under the home page).
The name `stories:index` routes that path through Wagtail's own `serve` view, so `reverse()`
and the main menu work while Wagtail still serves the page (hooks, privacy, previews). The
feed and fragment paths contain a dot, which a page slug never does, so they cannot hide a story.
"""

from django.urls import path
from wagtail.views import serve

from baz.stories import views
from baz.stories.feeds import StoryAtomFeed, StoryRssFeed

app_name = "stories"

urlpatterns = [
    path("verhalen/", serve, {"path": "verhalen/"}, name="index"),
    path("verhalen/feed.rss", StoryRssFeed(), name="feed_rss"),
    path("verhalen/feed.atom", StoryAtomFeed(), name="feed_atom"),
    path(
        "verhalen/over-gemeente/<str:refnis>.html",
        views.about_municipality,
        name="about_municipality",
    ),
]
