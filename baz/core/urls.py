from django.urls import path

from baz.core import views

app_name = "core"

urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("gemeenten/zoeken/", views.municipality_lookup, name="municipality_lookup"),
]
