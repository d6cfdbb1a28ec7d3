"""Every public page, filled with the demo data: valid HTML, and findable as intended.

The demo data is loaded once for this module, the pages are rendered once, and everything is
rolled back afterwards; the tests only read the rendered HTML. The Nu Html Checker (vnu-jar,
Java) runs once over all pages.
"""

from __future__ import annotations

import io
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from tests.public_pages import PublicPage, public_pages, vnu_errors

# Walks every public page, like the other sweeps: CI runs it once, on PostgreSQL. The
# django_db mark makes pytest-django create the test database, which `rendered` fills.
pytestmark = [pytest.mark.django_db, pytest.mark.sweep]

# Pages behind a login: never indexed (not part of the HTML check, which covers the public site).
PRIVATE_PATHS = ["/mijn/", "/mijn/profiel/", "/mijn/reflecties/", "/mijn/fiches/"]
PRIVATE_USER = "beheerder.gent@example.org"


class _Head(HTMLParser):
    """The <meta name=...> tags of a document."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name"):
            self.meta.setdefault(values["name"] or "", []).append(values.get("content") or "")


def _meta(html: str) -> dict[str, list[str]]:
    parser = _Head()
    parser.feed(html)
    return parser.meta


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, reference_data, learning_demo_media):
    """(pages, {path: (status, html)}) for the public and the private pages."""
    from baz.accounts.models import User

    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=learning_demo_media, MAP_TILE_URL=""),
        transaction.atomic(),
    ):
        cache.clear()  # no page cached by an earlier test may answer here
        call_command("load_demo_data", stdout=io.StringIO())
        pages = public_pages()
        client = Client()
        html: dict[str, tuple[int, str]] = {}
        for page in pages:
            response = client.get(page.path)
            html[page.path] = (response.status_code, response.content.decode())
        client.force_login(
            User.objects.get(email=PRIVATE_USER),
            backend="django.contrib.auth.backends.ModelBackend",
        )
        for path in PRIVATE_PATHS:
            response = client.get(path)
            html[path] = (response.status_code, response.content.decode())
        transaction.set_rollback(True)
    return pages, html


def test_every_public_page_answers_with_its_status(rendered):
    pages, html = rendered

    wrong = {p.path: html[p.path][0] for p in pages if html[p.path][0] != p.status}
    assert wrong == {}


def test_every_public_page_is_valid_html(rendered, tmp_path):
    pages, html = rendered

    errors = vnu_errors({p.path: html[p.path][1] for p in pages}, tmp_path)

    assert errors == {}, "\n".join(
        f"{path}:\n  " + "\n  ".join(messages) for path, messages in errors.items()
    )


def test_the_html_check_reports_a_real_error(tmp_path):
    """The checker itself can fail: an htmx attribute without `data-` is an error."""
    document = (
        '<!DOCTYPE html><html lang="nl-BE"><head><meta charset="utf-8"><title>Proef</title>'
        '</head><body><div hx-get="/zoeken/">Proef</div></body></html>'
    )

    errors = vnu_errors({"proef": document}, tmp_path)

    assert list(errors) == ["proef"]
    assert "hx-get" in errors["proef"][0]


def test_every_indexable_page_has_its_own_meta_description(rendered):
    from baz.core.context_processors import SITE_DESCRIPTION

    pages, html = rendered
    indexable: list[PublicPage] = [p for p in pages if p.indexable]
    descriptions = {p.path: _meta(html[p.path][1]).get("description", []) for p in indexable}

    missing = [path for path, found in descriptions.items() if len(found) != 1 or not found[0]]
    assert missing == []
    # The site-wide text is only a fallback: each of these pages says what it is about.
    generic = [path for path, found in descriptions.items() if found[0] == str(SITE_DESCRIPTION)]
    assert generic == []
    assert all(len(found[0]) <= 300 for found in descriptions.values())


def test_indexable_pages_do_not_say_noindex(rendered):
    pages, html = rendered

    noindex = [p.path for p in pages if p.indexable and "robots" in _meta(html[p.path][1])]
    assert noindex == []


def test_search_results_reflections_login_confirmations_and_private_pages_say_noindex(rendered):
    pages, html = rendered
    paths = [p.path for p in pages if p.indexable is False] + PRIVATE_PATHS

    assert [path for path in PRIVATE_PATHS if html[path][0] != 200] == []
    robots = {path: _meta(html[path][1]).get("robots", []) for path in paths}
    assert {path: found for path, found in robots.items() if len(found) != 1} == {}
    assert [path for path, found in robots.items() if "noindex" not in found[0]] == []
