"""URLs of the coaching app.

Public: the request form and the map "Waar is BAZ actief". Workspace (`/mijn/coaching/...`):
the municipality's view of its trajectory. The phase parts (sessions, calendar feed,
evaluations, materials, agreements, report) live in `urls_phases.py`.
"""

from baz.coaching import urls_phases

app_name = "coaching"

urlpatterns: list = [
    *urls_phases.urlpatterns,
]
