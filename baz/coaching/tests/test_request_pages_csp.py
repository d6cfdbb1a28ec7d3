"""The public coaching pages and the workspace page load scripts only from files (CSP
script-src 'self'): no inline script, no inline event handler."""

import re

import pytest

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def _assert_no_inline_code(html):
    assert not INLINE_SCRIPT.search(html)
    assert not INLINE_HANDLER.search(html)


@pytest.mark.parametrize("url", ["/coaching/", "/coaching/aanvragen/", "/coaching/waar-actief/"])
def test_public_coaching_pages_have_no_inline_code(client, url):
    response = client.get(url)

    assert response.status_code == 200
    _assert_no_inline_code(response.content.decode())


def test_the_workspace_page_has_no_inline_code(client, atlas_member_a, coaching_trajectory_a):
    client.force_login(atlas_member_a)

    response = client.get(f"/mijn/coaching/{coaching_trajectory_a.pk}/")

    assert response.status_code == 200
    _assert_no_inline_code(response.content.decode())
