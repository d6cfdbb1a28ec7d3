from django.urls import path

from baz.atlas import views

app_name = "atlas"

urlpatterns = [
    path("", views.index, name="index"),
    path(
        "gemeente/<str:refnis>-<slug:slug>/",
        views.municipality_detail,
        name="municipality",
    ),
    path("<int:pk>-<slug:slug>/", views.entry_detail, name="entry"),
    path("<int:pk>-<slug:slug>/bericht/", views.entry_contact, name="entry_contact"),
    path("<int:pk>-<slug:slug>/meld-een-fout/", views.entry_correction, name="entry_correction"),
]
