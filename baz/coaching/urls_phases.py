"""URLs of the phase parts: sessions, calendar feed, evaluations, materials, agreements, report.

Included by `urls.py` in the same `coaching` namespace.
"""

urlpatterns: list = []
