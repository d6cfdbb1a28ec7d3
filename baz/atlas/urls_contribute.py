"""URLs of the atlas write side; included from baz/urls.py before Wagtail's catch-all."""

from django.urls import path

from baz.accounts.dashboard import DashboardPanel, register_panel
from baz.atlas import views_contribute as views
from baz.atlas import views_import

# The /mijn/ dashboard panel "Jouw fiches". Registered here because this module is loaded with
# the URLconf, before any request is handled; AtlasConfig.ready() belongs to the read side.
register_panel(
    DashboardPanel(
        name="atlas-entries",
        template_name="atlas/mijn/_panel.html",
        get_context=views.entries_panel_context,
        order=20,
    )
)

# "Cijfers van je gemeente": entries by state, proposals, themes beside province and Flanders.
register_panel(
    DashboardPanel(
        name="atlas-figures",
        template_name="atlas/mijn/_figures_panel.html",
        get_context=views.figures_panel_context,
        order=12,
    )
)

app_name = "atlas_contribute"

urlpatterns = [
    path("inspireer-elkaar/voorstellen/", views.propose, name="propose"),
    path("inspireer-elkaar/voorstellen/verstuurd/", views.propose_done, name="propose_done"),
    path("inspireer-elkaar/bevestig/<str:token>/", views.confirm, name="confirm"),
    path("inspireer-elkaar/klopt-nog/<str:token>/", views.confirm_fresh, name="confirm_fresh"),
    path("mijn/fiches/", views.mijn_entries, name="mijn_entries"),
    path("mijn/fiches/nieuw/", views.mijn_entry_add, name="mijn_entry_add"),
    path(
        "mijn/fiches/profiel/<str:refnis>/",
        views.mijn_profile_ensure,
        name="mijn_profile_ensure",
    ),
    path("mijn/fiches/paneel/", views.mijn_entries_panel, name="mijn_entries_panel"),
    path("mijn/cijfers/", views.mijn_figures, name="mijn_figures"),
    path("mijn/fiches/importeren/", views_import.import_start, name="mijn_import"),
    path(
        "mijn/fiches/importeren/sjabloon.csv",
        views_import.import_template,
        name="mijn_import_template",
    ),
    path(
        "mijn/fiches/importeren/<str:key>/",
        views_import.import_preview_view,
        name="mijn_import_preview",
    ),
    path(
        "mijn/fiches/importeren/<str:key>/klaar/",
        views_import.import_done,
        name="mijn_import_done",
    ),
    path("mijn/fiches/<int:pk>/", views.mijn_entry_edit, name="mijn_entry_edit"),
    path("mijn/fiches/<int:pk>/publiceren/", views.mijn_entry_publish, name="mijn_entry_publish"),
    path("mijn/fiches/<int:pk>/indienen/", views.mijn_entry_submit, name="mijn_entry_submit"),
    path(
        "mijn/fiches/<int:pk>/klopt-nog/",
        views.mijn_entry_confirm_fresh,
        name="mijn_entry_confirm_fresh",
    ),
]
