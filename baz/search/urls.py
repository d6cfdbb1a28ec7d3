from django.urls import path

from baz.search import views

app_name = "search"

urlpatterns = [
    path("zoeken/", views.index, name="index"),
]
