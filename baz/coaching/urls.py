"""URLs of the coaching app, all in the `coaching` namespace.

Public: the explanation, the request form, the map "Waar is BAZ actief", the evaluation form
(a link from the follow-up mail) and the private calendar feed (a secret token in the URL).
Workspace (`/mijn/coaching/...`, login needed): the municipality's view of its trajectory,
its session files, calendar link, materials, agreements and report. The admin pages are
registered by `wagtail_hooks.py` from `baz.coaching.admin_views.urls`.
"""

from django.urls import path

from baz.coaching.views import agreements, sessions, trajectories

app_name = "coaching"

urlpatterns: list = [
    # Trajectories: public pages and the workspace.
    path("coaching/", trajectories.index, name="index"),
    path("coaching/aanvragen/", trajectories.request_form, name="request"),
    path("coaching/aanvragen/bedankt/", trajectories.request_thanks, name="request_thanks"),
    path("coaching/waar-actief/", trajectories.waar_actief, name="waar_actief"),
    path("mijn/coaching/", trajectories.mijn_list, name="mijn_list"),
    path("mijn/coaching/<int:pk>/", trajectories.mijn_detail, name="mijn_detail"),
    path("mijn/coaching/<int:pk>/analyse/", trajectories.mijn_analysis, name="mijn_analysis"),
    path("mijn/coaching/<int:pk>/vorming/", trajectories.mijn_training, name="mijn_training"),
    path("mijn/coaching/<int:pk>/afspraken/", trajectories.mijn_agreements, name="mijn_agreements"),
    path("mijn/coaching/<int:pk>/berichten/", trajectories.mijn_messages, name="mijn_messages"),
    path("mijn/coaching/<int:pk>/bericht/", trajectories.mijn_message, name="mijn_message"),
    path("mijn/coaching/<int:pk>/kaart/", trajectories.mijn_map_consent, name="mijn_map_consent"),
    # Sessions: evaluation form, calendar feed and link, session files, materials.
    path("coaching/agenda/<str:token>.ics", sessions.calendar_feed, name="calendar_feed"),
    path("coaching/evaluatie/bedankt/", sessions.evaluation_thanks, name="evaluation_thanks"),
    path("coaching/evaluatie/<str:token>/", sessions.evaluation, name="evaluation"),
    path("mijn/coaching/vorming/<int:pk>.ics", sessions.session_ics, name="session_ics"),
    path(
        "mijn/coaching/<int:trajectory_pk>/agendalink/",
        sessions.calendar_token,
        name="calendar_token",
    ),
    path("mijn/coaching/materiaal/<int:pk>/", sessions.material_download, name="material_download"),
    # Agreements: status and the report.
    path(
        "mijn/coaching/afspraken/<int:pk>/status/",
        agreements.agreement_status,
        name="agreement_status",
    ),
    path("mijn/coaching/<int:trajectory_pk>/verslag/", agreements.report, name="report"),
    path("mijn/coaching/<int:trajectory_pk>/verslag.pdf", agreements.report_pdf, name="report_pdf"),
]
