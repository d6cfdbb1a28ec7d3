"""Every coaching page in the Wagtail admin, under one prefix: /beheer/coaching/.

`baz/coaching/wagtail_hooks.py` registers `urlpatterns` with Wagtail, which puts them behind
its admin login. The phase parts (sessions, materials, agreements, report) used to hang under
/beheer/coaching-fasen/; those addresses answer a GET with a permanent redirect to the same
object here, so bookmarks and links in mails sent before the move keep working. The names stay
as they were (`coaching_admin_*`, `coaching_phases_*`): templates, services and tests reverse
them.
"""

from django.urls import URLPattern, path
from django.views.generic import RedirectView

from baz.coaching.admin_views import agreements, sessions, trajectories

urlpatterns: list[URLPattern] = [
    # --- Trajectories -------------------------------------------------------------------------
    path("coaching/", trajectories.dashboard, name="coaching_admin_dashboard"),
    path("coaching/trajecten/", trajectories.trajectory_index, name="coaching_admin_index"),
    path(
        "coaching/trajecten/export.csv",
        trajectories.trajectory_export,
        name="coaching_admin_export",
    ),
    path(
        "coaching/trajecten/<int:pk>/",
        trajectories.trajectory_detail,
        name="coaching_admin_detail",
    ),
    path(
        "coaching/trajecten/<int:pk>/stap/",
        trajectories.trajectory_transition,
        name="coaching_admin_transition",
    ),
    path(
        "coaching/trajecten/<int:pk>/coaches/",
        trajectories.trajectory_coaches,
        name="coaching_admin_coaches",
    ),
    path(
        "coaching/trajecten/<int:pk>/fase/<str:phase>/",
        trajectories.trajectory_phase,
        name="coaching_admin_phase",
    ),
    path(
        "coaching/trajecten/<int:pk>/notitie/",
        trajectories.trajectory_note,
        name="coaching_admin_note",
    ),
    path(
        "coaching/trajecten/<int:pk>/analyse/",
        trajectories.trajectory_analysis,
        name="coaching_admin_analysis",
    ),
    path(
        "coaching/trajecten/<int:pk>/inventaris/",
        trajectories.trajectory_inventory,
        name="coaching_admin_inventory",
    ),
    path(
        "coaching/trajecten/<int:pk>/toestemming/",
        trajectories.trajectory_consent,
        name="coaching_admin_consent",
    ),
    path(
        "coaching/trajecten/<int:pk>/bericht/",
        trajectories.trajectory_message,
        name="coaching_admin_message",
    ),
    path(
        "coaching/trajecten/<int:pk>/aanvraag/<int:request_pk>/uitnodigen/",
        trajectories.request_invite,
        name="coaching_admin_invite",
    ),
    path(
        "coaching/trajecten/<int:pk>/aanvraag/<int:request_pk>/niet-uitnodigen/",
        trajectories.request_decline,
        name="coaching_admin_request_decline",
    ),
    path(
        "coaching/trajecten/<int:trajectory_pk>/fasen/",
        trajectories.overview,
        name="coaching_phases_overview",
    ),
    # --- Sessions and materials ---------------------------------------------------------------
    path(
        "coaching/trajecten/<int:trajectory_pk>/vorming/nieuw/",
        sessions.session_create,
        name="coaching_phases_session_create",
    ),
    path("coaching/vorming/<int:pk>/", sessions.session_edit, name="coaching_phases_session_edit"),
    path(
        "coaching/vorming/<int:pk>/annuleren/",
        sessions.session_cancel,
        name="coaching_phases_session_cancel",
    ),
    path(
        "coaching/vorming/<int:pk>/aanwezigheid/",
        sessions.session_attendance,
        name="coaching_phases_session_attendance",
    ),
    path(
        "coaching/vorming/<int:pk>/evaluatievraag/",
        sessions.session_follow_up,
        name="coaching_phases_session_follow_up",
    ),
    path(
        "coaching/vorming/<int:pk>/evaluaties/",
        sessions.session_evaluations,
        name="coaching_phases_session_evaluations",
    ),
    path(
        "coaching/trajecten/<int:trajectory_pk>/materiaal/nieuw/",
        sessions.material_create,
        name="coaching_phases_material_create",
    ),
    path(
        "coaching/materiaal/<int:pk>/verwijderen/",
        sessions.material_delete,
        name="coaching_phases_material_delete",
    ),
    # --- Agreements and the report ------------------------------------------------------------
    path(
        "coaching/trajecten/<int:trajectory_pk>/afspraken/",
        agreements.agreements,
        name="coaching_phases_agreements",
    ),
    path(
        "coaching/trajecten/<int:trajectory_pk>/afspraken/nieuw/",
        agreements.agreement_create,
        name="coaching_phases_agreement_create",
    ),
    path(
        "coaching/afspraken/<int:pk>/",
        agreements.agreement_edit,
        name="coaching_phases_agreement_edit",
    ),
    path(
        "coaching/afspraken/<int:pk>/verwijderen/",
        agreements.agreement_delete,
        name="coaching_phases_agreement_delete",
    ),
    path(
        "coaching/trajecten/<int:trajectory_pk>/verslag/",
        agreements.report,
        name="coaching_phases_report",
    ),
]

# The old address of each phase part and the name of its page now. Same identifiers.
_OLD_ADDRESSES = {
    "coaching-fasen/<int:trajectory_pk>/": "coaching_phases_overview",
    "coaching-fasen/<int:trajectory_pk>/vorming/nieuw/": "coaching_phases_session_create",
    "coaching-fasen/vorming/<int:pk>/": "coaching_phases_session_edit",
    "coaching-fasen/vorming/<int:pk>/annuleren/": "coaching_phases_session_cancel",
    "coaching-fasen/vorming/<int:pk>/aanwezigheid/": "coaching_phases_session_attendance",
    "coaching-fasen/vorming/<int:pk>/evaluatievraag/": "coaching_phases_session_follow_up",
    "coaching-fasen/vorming/<int:pk>/evaluaties/": "coaching_phases_session_evaluations",
    "coaching-fasen/<int:trajectory_pk>/materiaal/nieuw/": "coaching_phases_material_create",
    "coaching-fasen/materiaal/<int:pk>/verwijderen/": "coaching_phases_material_delete",
    "coaching-fasen/<int:trajectory_pk>/afspraken/": "coaching_phases_agreements",
    "coaching-fasen/<int:trajectory_pk>/afspraken/nieuw/": "coaching_phases_agreement_create",
    "coaching-fasen/afspraken/<int:pk>/": "coaching_phases_agreement_edit",
    "coaching-fasen/afspraken/<int:pk>/verwijderen/": "coaching_phases_agreement_delete",
    "coaching-fasen/<int:trajectory_pk>/verslag/": "coaching_phases_report",
}

# GET and HEAD only: a browser turns a redirected POST into a GET and would drop the form, so
# a form posted to an old address is refused (405) rather than silently lost.
urlpatterns += [
    path(
        route,
        RedirectView.as_view(
            pattern_name=name,
            permanent=True,
            query_string=True,
            http_method_names=["get", "head"],
        ),
    )
    for route, name in _OLD_ADDRESSES.items()
]
