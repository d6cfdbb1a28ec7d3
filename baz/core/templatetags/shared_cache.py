"""`{% shared_fragment "name" var ... %}...{% endshared_fragment %}`: a template fragment that
is the same for every visitor, cached by the content generation (see baz/core/fragments.py).

Only for output that depends on public content and the listed variables: never wrap a form,
a CSRF token, messages or anything about the visitor. As a safeguard, output that holds a
CSRF token is rendered but never stored, and a Wagtail preview is never cached.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.safestring import SafeString, mark_safe

from baz.core.fragments import fragment_cached

register = template.Library()


class _Uncacheable(Exception):
    def __init__(self, html: str) -> None:
        self.html = html


class SharedFragmentNode(template.Node):
    def __init__(
        self, nodelist: NodeList, name: FilterExpression, parts: list[FilterExpression]
    ) -> None:
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context: Any) -> SafeString:
        request = context.get("request")
        if getattr(request, "is_preview", False):  # a draft is never the shared version
            return self.nodelist.render(context)
        name = str(self.name.resolve(context))
        parts = tuple(part.resolve(context) for part in self.parts)

        def build() -> str:
            html = self.nodelist.render(context)
            if "csrfmiddlewaretoken" in html:
                raise _Uncacheable(html)
            return str(html)

        try:
            html = fragment_cached(name, parts, build, local=True)
        except _Uncacheable as uncacheable:
            html = uncacheable.html
        return mark_safe(html)  # noqa: S308 - our own rendered template


@register.tag
def shared_fragment(parser: Parser, token: Token) -> SharedFragmentNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a fragment name.")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
