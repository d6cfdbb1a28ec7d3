"""URLs of the coaching app.

Public: the explanation, the request form and the map "Waar is BAZ actief". Workspace
(`/mijn/coaching/...`): the municipality's view of its trajectory. The phase parts (sessions,
calendar feed, evaluations, materials, agreements, report) live in `urls_phases.py`.
"""

from django.urls import path

from baz.coaching import urls_phases, views

app_name = "coaching"

urlpatterns: list = [
    path("coaching/", views.index, name="index"),
    path("coaching/aanvragen/", views.request_form, name="request"),
    path("coaching/aanvragen/bedankt/", views.request_thanks, name="request_thanks"),
    path("coaching/waar-actief/", views.waar_actief, name="waar_actief"),
    path("mijn/coaching/", views.mijn_list, name="mijn_list"),
    path("mijn/coaching/<int:pk>/", views.mijn_detail, name="mijn_detail"),
    path("mijn/coaching/<int:pk>/bericht/", views.mijn_message, name="mijn_message"),
    path("mijn/coaching/<int:pk>/kaart/", views.mijn_map_consent, name="mijn_map_consent"),
    *urls_phases.urlpatterns,
]
