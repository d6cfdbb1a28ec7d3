"""Stored hostile values never run in a real browser.

An atlas entry whose every public text field holds script in several disguises is written
straight to the database (as any write path could leave it: the admin, an import, an older
version of a form), then opened in Chromium where the public sees it: the entry page, the
atlas list and its map popup, the municipality page and the search results. The context
bypasses the Content-Security-Policy on purpose, so this checks the escaping and the cleaning
of rich text on their own: if either failed, the payloads would run and set `window.__xss`.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

MARK = "Xssproef"
PAYLOADS = [
    "<script>window.__xss = 'script'</script>",
    '"><img src="x" onerror="window.__xss = \'img\'">',
    "<svg onload=\"window.__xss = 'svg'\"></svg>",
    "<iframe srcdoc=\"<script>parent.__xss = 'iframe'</script>\"></iframe>",
    '<a href="javascript:window.__xss = \'link\'" id="xss-link">klik</a>',
    "<style>body { display: none }</style>",
]
HOSTILE = " ".join(PAYLOADS)
# What would run or hide the page if it got through. An <img> without its handler may stay:
# rich text may hold images, and the policy's img-src keeps other sites' images out anyway.
INJECTED = (
    "svg[onload], iframe, a[href^='javascript'], "
    "script:not([src]):not([type='application/ld+json']), "
    "body style, [onerror], [onload], [onclick]"
)


@pytest.fixture
def hostile_entry(transactional_db, settings):
    from baz.atlas.tests.factories import EntryFactory
    from baz.core.models import Municipality
    from baz.core.tests.factories import MunicipalityFactory, ProvinceFactory

    settings.MAP_TILE_URL = ""
    # The session's reference data may still be there (before the first flush) or not.
    municipality = Municipality.objects.filter(refnis="44021").first() or MunicipalityFactory(
        refnis="44021",
        name_nl="Gent",
        slug="gent",
        province=ProvinceFactory(),
        latitude=51.05,
        longitude=3.72,
    )
    return EntryFactory(
        municipality=municipality,
        name=f"{MARK} <script>window.__xss = 'name'</script>",
        summary=f"{MARK} {HOSTILE}"[:300],
        description=f"<p>{MARK}</p>{HOSTILE}",
        how_to_join=HOSTILE,
        cost=HOSTILE[:200],
        languages=PAYLOADS[1][:200],
        accessibility=HOSTILE,
        website="javascript:window.__xss='website'",
        social_links=["javascript:window.__xss='social'", 'https://example.org/"><b>x</b>'],
        contact_name=PAYLOADS[1][:150],
        show_contact_name=True,
    )


def _assert_inert(page, where: str) -> None:
    assert page.evaluate("() => window.__xss") is None, f"a payload ran on {where}"
    injected = page.evaluate(
        f"() => Array.from(document.querySelectorAll({INJECTED!r})).map(e => e.outerHTML)"
    )
    assert injected == [], f"injected elements on {where}: {injected}"
    assert page.evaluate("() => getComputedStyle(document.body).display") != "none", where


def test_stored_script_never_runs_where_the_public_sees_it(page, live_server, hostile_entry):
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))

    page.goto(live_server.url + hostile_entry.get_absolute_url())
    assert MARK in page.inner_text("main")
    _assert_inert(page, "the entry page")

    page.goto(live_server.url + "/inspireer-elkaar/?q=" + MARK)
    assert MARK in page.inner_text("main")
    page.wait_for_selector(".leaflet-marker-icon", state="attached")
    page.evaluate("() => document.querySelector('.leaflet-marker-icon').click()")
    page.wait_for_selector(".leaflet-popup-content a")
    assert MARK in page.inner_text(".leaflet-popup-content")
    _assert_inert(page, "the atlas list and its map popup")

    municipality = hostile_entry.municipality
    page.goto(
        live_server.url
        + reverse(
            "atlas:municipality",
            kwargs={"refnis": municipality.refnis, "slug": municipality.slug},
        )
    )
    assert MARK in page.inner_text("main")
    _assert_inert(page, "the municipality page")

    page.goto(live_server.url + "/zoeken/?q=" + MARK)
    assert MARK in page.inner_text("main")
    _assert_inert(page, "the search results")

    assert alerts == []
