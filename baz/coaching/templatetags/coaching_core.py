"""Small template helpers of the trajectory pages."""

from django import template
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

register = template.Library()


@register.simple_tag
def template_exists(name: str) -> bool:
    """True when a template of another module exists (it may be added later)."""
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True
