"""`{% atlas_slot "name" obj %}`: render what other apps registered for a slot (see
`baz.atlas.slots`), each part as an inclusion tag would render it."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from baz.atlas.slots import slot_providers

register = template.Library()


@register.simple_tag(takes_context=True)
def atlas_slot(context: template.Context, slot: str, obj: Any) -> SafeString:
    parts = []
    for provider in slot_providers(slot):
        found = provider(context, obj)
        if found is None:
            continue
        template_name, values = found
        # As Django's InclusionNode does: a new context of the same kind (so a RequestContext
        # keeps its request and context processors), with the CSRF token carried over.
        new_context = context.new(dict(values))
        csrf_token = context.get("csrf_token")
        if csrf_token is not None:
            new_context["csrf_token"] = csrf_token
        assert context.template is not None  # noqa: S101 - always set while rendering
        part = context.template.engine.get_template(template_name).render(new_context)
        parts.append(part)
    # Every part is a rendered (auto-escaped) template.
    return mark_safe("".join(parts))  # noqa: S308
