"""URLs of the learning module.

`/leren/` itself is a Wagtail page (LearningIndexPage, slug `leren` under the home page). The
name `learning:index` routes that path through Wagtail's own `serve` view, so `reverse()` and
the main menu work while Wagtail still serves the page (hooks, privacy, previews).
"""

from django.urls import path
from wagtail.views import serve

from baz.learning import views

app_name = "learning"

urlpatterns = [
    path("leren/", serve, {"path": "leren/"}, name="index"),
    path(
        "leren/screencast/<int:page_id>/<str:kind>/",
        views.screencast_media,
        name="screencast_media",
    ),
    path("leren/reflectie/", views.reflection_start, name="reflection_start"),
    path("leren/reflectie/<str:token>/", views.reflection_resume, name="reflection_resume"),
    path(
        "leren/reflectie/<str:token>/stap/<int:step>/",
        views.reflection_step,
        name="reflection_step",
    ),
    path(
        "leren/reflectie/<str:token>/overzicht/",
        views.reflection_summary,
        name="reflection_summary",
    ),
    path(
        "leren/reflectie/<str:token>/overzicht.pdf",
        views.reflection_pdf_download,
        name="reflection_pdf",
    ),
    path(
        "leren/reflectie/<str:token>/nieuwe-link/",
        views.reflection_new_link,
        name="reflection_new_link",
    ),
    path(
        "leren/reflectie/<str:token>/intrekken/",
        views.reflection_revoke,
        name="reflection_revoke",
    ),
    path(
        "leren/reflectie/<str:token>/naar-werkplek/",
        views.reflection_claim,
        name="reflection_claim",
    ),
    # The same pages for a reflection in the workspace of the user's municipality.
    path("mijn/reflecties/", views.mijn_reflections, name="mijn_reflections"),
    path("mijn/reflecties/<int:pk>/", views.mijn_reflection_resume, name="mijn_reflection_resume"),
    path(
        "mijn/reflecties/<int:pk>/stap/<int:step>/",
        views.mijn_reflection_step,
        name="mijn_reflection_step",
    ),
    path(
        "mijn/reflecties/<int:pk>/overzicht/",
        views.mijn_reflection_summary,
        name="mijn_reflection_summary",
    ),
    path(
        "mijn/reflecties/<int:pk>/overzicht.pdf",
        views.mijn_reflection_pdf_download,
        name="mijn_reflection_pdf",
    ),
    path(
        "mijn/reflecties/<int:pk>/nieuwe-link/",
        views.mijn_reflection_new_link,
        name="mijn_reflection_new_link",
    ),
    path(
        "mijn/reflecties/<int:pk>/intrekken/",
        views.mijn_reflection_revoke,
        name="mijn_reflection_revoke",
    ),
]
