from django.urls import path, re_path

from baz.core import views, views_media

app_name = "core"

urlpatterns = [
    path("gemeenten/zoeken/", views.municipality_lookup, name="municipality_lookup"),
    # Before Django's development media route: originals and avatars are checked there too.
    re_path(
        r"^media/(?P<folder>original_images|avatar_images)/(?P<name>.+)$",
        views_media.staff_media,
        name="staff_media",
    ),
]
