"""Coaching in the Wagtail admin. The phase parts register theirs in `wagtail_hooks_phases`."""

from baz.coaching import wagtail_hooks_phases  # noqa: F401  (registers its hooks on import)
