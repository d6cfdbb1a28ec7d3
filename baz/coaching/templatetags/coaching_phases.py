"""Inclusion tags that render the phase parts inside the trajectory pages.

The workspace page and the admin detail page of a trajectory include
`coaching/mijn/_phases.html` and `coaching/admin/_phases.html`, which use these tags.
"""

from django import template

register = template.Library()
