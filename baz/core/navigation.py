"""The main and footer navigation.

A part of the platform appears in the main navigation only once it exists: each entry of
`PLATFORM_SECTIONS` names a URL; entries whose URL does not resolve (the app is not installed
yet) are left out. Wagtail pages marked "show in menus" under the home page join them.

A section whose URL always resolves but whose content may be missing (such as `/leren/`, a
Wagtail page behind a URL name) registers a check with `register_section_check`; the section
then appears only while the check passes. Checks receive the live children of the home page,
which the menu loads anyway, so they cost no query.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from baz.core.fragments import fragment_cached


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    text: str = ""
    active: bool = False


# (label, URL name, one-line description for the home page), in menu order.
PLATFORM_SECTIONS = [
    (
        _("Inspireer elkaar"),
        "atlas:index",
        _("Burgerinitiatieven, gemeenten en organisaties op een kaart."),
    ),
    (_("Verhalen"), "stories:index", _("Verhalen en praktijkvoorbeelden om van te leren.")),
    (_("Leren"), "learning:index", _("De screencast en vier vragen voor je team.")),
    (_("Coaching"), "coaching:index", _("Een coachingtraject voor jouw gemeente in drie stappen.")),
]
CONTACT_SECTION = (_("Contact"), "contact:form", _("Vind de juiste persoon voor je vraag."))

SectionCheck = Callable[[Sequence[Any]], bool]
_section_checks: dict[str, SectionCheck] = {}


def register_section_check(url_name: str, check: SectionCheck) -> None:
    """Show the section of `url_name` only while `check(live home-page children)` is true."""
    _section_checks[url_name] = check


def _available(url_name: str, home_children: Sequence[Any]) -> bool:
    check = _section_checks.get(url_name)
    return check is None or check(home_children)


def _section(label: str, url_name: str, text: str) -> NavItem | None:
    try:
        return NavItem(label=str(label), url=reverse(url_name), text=str(text))
    except NoReverseMatch:
        return None


def _mark_active(items: list[NavItem], path: str) -> list[NavItem]:
    def is_active(item: NavItem) -> bool:
        return path == item.url if item.url == "/" else path.startswith(item.url)

    return [NavItem(i.label, i.url, i.text, is_active(i)) for i in items]


def _home_and_children() -> tuple[object | None, list[object]]:
    from baz.core.models import HomePage

    home = HomePage.objects.live().first()
    if home is None:
        return None, []
    return home, list(home.get_children().live().specific())


def main_navigation(request: HttpRequest) -> tuple[list[NavItem], list[NavItem]]:
    """(main menu, footer menu) for a request, computed once per request."""
    cached = getattr(request, "_baz_navigation", None)
    if cached is None:
        cached = _build(request.path)
        request._baz_navigation = cached  # type: ignore[attr-defined]
    return cached


def _build(path: str) -> tuple[list[NavItem], list[NavItem]]:
    # The menus are the same for every visitor: cached by the content generation, so a page
    # published, moved or hidden from menus shows at once; only `active` depends on the path.
    main, footer = fragment_cached("navigation", (), _menus, local=True)
    return _mark_active(main, path), _mark_active(footer, path)


def _menus() -> tuple[list[NavItem], list[NavItem]]:
    home, all_children = _home_and_children()
    sections = [
        s
        for s in (
            _section(*spec) for spec in PLATFORM_SECTIONS if _available(spec[1], all_children)
        )
        if s
    ]
    # A part's own index page (such as /leren/) is already in the menu as that part.
    section_urls = {s.url for s in sections}
    children = [p for p in all_children if p.url not in section_urls]
    menu_pages = [
        NavItem(label=p.title, url=p.url or "", text=getattr(p, "intro", ""))
        for p in children
        if p.show_in_menus
    ]
    contact = _section(*CONTACT_SECTION)
    main = [NavItem(label=str(_("Start")), url="/")] if home else []
    main += sections + menu_pages + ([contact] if contact else [])
    footer = [NavItem(label=p.title, url=p.url or "") for p in children if not p.show_in_menus]
    return main, footer
