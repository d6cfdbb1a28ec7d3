"""Coaching in the Wagtail admin, one module per part (as `baz.coaching.services`).

- `trajectories`: the dashboard, the list, the detail page with its forms, the CSV export and
  the page with a trajectory's phase parts;
- `sessions`: sessions, attendance, evaluations and materials;
- `agreements`: agreements and the report;
- `urls`: every admin URL under /beheer/coaching/, and permanent redirects from the old
  /beheer/coaching-fasen/ addresses. `baz/coaching/wagtail_hooks.py` registers them.

Named `admin_views` (as in the other apps) rather than `admin`, which Django reserves for
`django.contrib.admin` registrations.
"""
