"""Admin hooks of the phase parts (sessions, materials, agreements, report).

The pages hang under /beheer/coaching-fasen/; the admin detail page of a trajectory links to
them through `coaching/admin/_phases.html`.
"""

from django.urls import path
from wagtail import hooks

from baz.coaching import admin_views_phases as views


@hooks.register("register_admin_urls")
def register_phase_urls() -> list:
    return [
        path(
            "coaching-fasen/<int:trajectory_pk>/",
            views.overview,
            name="coaching_phases_overview",
        ),
        path(
            "coaching-fasen/<int:trajectory_pk>/vorming/nieuw/",
            views.session_create,
            name="coaching_phases_session_create",
        ),
        path(
            "coaching-fasen/vorming/<int:pk>/",
            views.session_edit,
            name="coaching_phases_session_edit",
        ),
        path(
            "coaching-fasen/vorming/<int:pk>/annuleren/",
            views.session_cancel,
            name="coaching_phases_session_cancel",
        ),
        path(
            "coaching-fasen/vorming/<int:pk>/aanwezigheid/",
            views.session_attendance,
            name="coaching_phases_session_attendance",
        ),
        path(
            "coaching-fasen/vorming/<int:pk>/evaluatievraag/",
            views.session_follow_up,
            name="coaching_phases_session_follow_up",
        ),
        path(
            "coaching-fasen/vorming/<int:pk>/evaluaties/",
            views.session_evaluations,
            name="coaching_phases_session_evaluations",
        ),
        path(
            "coaching-fasen/<int:trajectory_pk>/materiaal/nieuw/",
            views.material_create,
            name="coaching_phases_material_create",
        ),
        path(
            "coaching-fasen/materiaal/<int:pk>/verwijderen/",
            views.material_delete,
            name="coaching_phases_material_delete",
        ),
        path(
            "coaching-fasen/<int:trajectory_pk>/afspraken/",
            views.agreements,
            name="coaching_phases_agreements",
        ),
        path(
            "coaching-fasen/<int:trajectory_pk>/afspraken/nieuw/",
            views.agreement_create,
            name="coaching_phases_agreement_create",
        ),
        path(
            "coaching-fasen/afspraken/<int:pk>/",
            views.agreement_edit,
            name="coaching_phases_agreement_edit",
        ),
        path(
            "coaching-fasen/afspraken/<int:pk>/verwijderen/",
            views.agreement_delete,
            name="coaching_phases_agreement_delete",
        ),
        path(
            "coaching-fasen/<int:trajectory_pk>/verslag/",
            views.report,
            name="coaching_phases_report",
        ),
    ]
