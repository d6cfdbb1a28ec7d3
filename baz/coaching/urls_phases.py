"""URLs of the phase parts: sessions, calendar feed, evaluations, materials, agreements, report.

Included by `urls.py` in the same `coaching` namespace. Public: the evaluation form (a link
from the follow-up mail) and the private calendar feed (a secret token in the URL). The rest
sits in the workspace under /mijn/coaching/ and needs a login.
"""

from django.urls import path

from baz.coaching import views_phases as views

urlpatterns: list = [
    path("coaching/agenda/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("coaching/evaluatie/bedankt/", views.evaluation_thanks, name="evaluation_thanks"),
    path("coaching/evaluatie/<str:token>/", views.evaluation, name="evaluation"),
    path("mijn/coaching/vorming/<int:pk>.ics", views.session_ics, name="session_ics"),
    path(
        "mijn/coaching/<int:trajectory_pk>/agendalink/",
        views.calendar_token,
        name="calendar_token",
    ),
    path("mijn/coaching/materiaal/<int:pk>/", views.material_download, name="material_download"),
    path(
        "mijn/coaching/afspraken/<int:pk>/status/",
        views.agreement_status,
        name="agreement_status",
    ),
    path("mijn/coaching/<int:trajectory_pk>/verslag/", views.report, name="report"),
    path("mijn/coaching/<int:trajectory_pk>/verslag.pdf", views.report_pdf, name="report_pdf"),
]
