"""No public page logs an error in the browser console, and none breaks the Content-Security-Policy.

Unlike the other journeys, this context keeps the page's own policy (no `bypass_csp`): a
refused inline style or script shows here as a console error and as a
`securitypolicyviolation` event, which an init script (run by the browser, outside the
policy) records.
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.public_pages import public_pages

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def strict_tab(browser):
    """A tab that keeps the Content-Security-Policy and records what goes wrong per page."""
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    problems: list[str] = []
    tab.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text} ({message.location.get('url', '')})")
            if message.type == "error"
            else None
        ),
    )
    tab.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    yield tab, problems
    context.close()


def _visit(tab, problems: list[str], url: str, *, status: int) -> list[str]:
    problems.clear()
    response = tab.goto(url, wait_until="networkidle")
    found = (
        [] if response and response.status == status else [f"status {response and response.status}"]
    )
    found += [f"csp: {v}" for v in tab.evaluate("window.__cspViolations")]
    for problem in problems:
        # The 404 page's own status is logged as a failed resource: that one is expected.
        if (
            status == 404
            and problem.startswith("console: Failed to load resource")
            and url in problem
        ):
            continue
        found.append(problem)
    return found


def test_no_public_page_logs_a_console_error_or_a_csp_violation(
    strict_tab, live_server, transactional_db, settings, learning_demo_media
):
    settings.MAP_TILE_URL = ""  # no requests to the tile server from a closed network
    settings.MEDIA_ROOT = learning_demo_media  # the demo video is encoded once per session
    # An earlier live-server test may have flushed the groups that migration 0003 made.
    for name in ("Redactie", "Coach", "Gemeente", "Initiatiefnemer"):
        Group.objects.get_or_create(name=name)
    call_command("load_reference_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())
    tab, problems = strict_tab

    found = {}
    for page in public_pages():
        page_problems = _visit(tab, problems, live_server.url + page.path, status=page.status)
        if page_problems:
            found[page.path] = page_problems

    assert found == {}, "\n".join(f"{path}: {p}" for path, p in found.items())


def test_the_sweep_sees_a_refused_inline_style(strict_tab, live_server, site_pages_live):
    """The check itself can fail: an inline <style> added to the page is refused and reported."""
    tab, problems = strict_tab
    tab.goto(live_server.url + "/", wait_until="networkidle")
    problems.clear()

    tab.evaluate(
        "() => document.head.insertAdjacentHTML('beforeend', '<style>body { color: red }</style>')"
    )
    tab.wait_for_function("window.__cspViolations.length > 0")

    assert tab.evaluate("window.__cspViolations") == ["style-src-elem: inline"]
    assert any("Content Security Policy" in problem for problem in problems)
