"""Playwright journeys in the system's Chromium, with axe-core accessibility checks.

No browser is downloaded: the tests launch Debian's /usr/bin/chromium (or CHROMIUM_PATH).
Where Chromium is missing on a developer machine the browser tests are skipped with a clear
reason; with CI=true a missing browser is an error, so CI never silently skips them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls are
# made from other threads, so Django's async-safety guard must be relaxed for these tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if Path(candidate).exists() else None


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: browser tests must run)")
    pytest.skip(reason)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if path is None:
        _unavailable(
            "Chromium not found: install it (apt-get install chromium) to run the browser tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server, site_pages_live):
    # bypass_csp only so that axe can be injected; the page's own policy is tested by the
    # header tests.
    context = browser.new_context(
        bypass_csp=True, locale="nl-BE", viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


@pytest.fixture
def site_pages_live(transactional_db):
    """The base pages for a live-server test (the database is flushed after each one)."""
    from baz.core.services import site_structure_ensure

    site_structure_ensure()


@pytest.fixture
def axe():
    """Run axe-core on a page; returns the list of violations at WCAG 2.2 AA."""
    if not AXE_JS.exists():
        _unavailable("axe-core not installed: run `npm install` (make test does this)")

    def run(tab) -> list[dict]:
        tab.add_script_tag(path=str(AXE_JS))
        result = tab.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            AXE_TAGS,
        )
        return result["violations"]

    return run


def describe_violations(violations: list[dict]) -> str:
    return "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} → "
        + ", ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in violations
    )


def wait_until_popup_opaque(page) -> None:
    """Leaflet fades a map popup in: axe measures contrast only once it is fully shown."""
    page.wait_for_function(
        "(() => { const p = document.querySelector('.leaflet-popup');"
        " return p && getComputedStyle(p).opacity === '1'; })()"
    )
