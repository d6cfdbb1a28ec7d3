from django.urls import path, re_path

from baz.atlas import views

app_name = "atlas"

urlpatterns = [
    path("", views.index, name="index"),
    # A REFNIS code is five digits; the slug may hold hyphens ("merelbeke-melle").
    re_path(
        r"^gemeente/(?P<refnis>\d{5})-(?P<slug>[-\w]+)/$",
        views.municipality_detail,
        name="municipality",
    ),
    path("<int:pk>-<slug:slug>/", views.entry_detail, name="entry"),
    path("<int:pk>-<slug:slug>/bericht/", views.entry_contact, name="entry_contact"),
    path("<int:pk>-<slug:slug>/meld-een-fout/", views.entry_correction, name="entry_correction"),
]
