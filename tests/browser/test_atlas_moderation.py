"""A moderator with two-factor login approves a proposal; it then shows in list, map and GeoJSON.

The moderation queue is a Wagtail admin screen of ours: the moderator reaches its button with
the keyboard. The public atlas page afterwards is checked with axe-core.
"""

import re

import pytest

from tests.browser.conftest import describe_violations

PASSWORD = "Correct-paard-batterij-42"
NAME = "Samen aan tafel in Gent"


@pytest.fixture
def proposal(transactional_db, settings):
    """Live-server tests flush the tables: groups, a municipality and a confirmed proposal."""
    from django.contrib.auth.models import Group, Permission
    from django.core.cache import cache

    from baz.accounts.tests.factories import MunicipalityFactory
    from baz.atlas.models import EntryKind
    from baz.atlas.services.proposals import entry_confirm_submission, entry_propose

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    redactie, _ = Group.objects.get_or_create(name="Redactie")
    redactie.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for name in ("Coach", "Gemeente", "Initiatiefnemer"):
        Group.objects.get_or_create(name=name)
    gent = MunicipalityFactory(
        refnis="44021", name_nl="Gent", slug="gent", latitude=51.05, longitude=3.72
    )
    _entry, token = entry_propose(
        kind=EntryKind.INITIATIVE,
        data={"name": NAME, "summary": "Buren eten elke vrijdag samen.", "municipality": gent},
        submitter_email="an@example.org",
        submitter_name="An Peeters",
    )
    return entry_confirm_submission(token=token)


@pytest.fixture
def moderator(proposal):
    from baz.accounts.tests.factories import UserFactory, add_totp_device

    user = UserFactory(email="griet@example.org", first_name="Griet", groups=["Redactie"])
    user.set_password(PASSWORD)
    user.save()
    return user, add_totp_device(user)


def _tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Focus never reached {selector}")


def _assert_accessible(page, axe) -> None:
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def test_a_moderator_approves_a_proposal_and_it_appears_in_list_map_and_geojson(
    page, live_server, axe, proposal, moderator
):
    from baz.accounts.totp import totp_current_code
    from baz.atlas.models import Entry, EntryStatus

    user, device = moderator

    # Before approval the proposal is nowhere public.
    page.goto(live_server.url + "/inspireer-elkaar/")
    assert NAME not in page.locator("#atlas-results").inner_text()
    geojson = page.request.get(live_server.url + "/api/v1/initiatives.geojson").json()
    assert NAME not in [f["properties"]["name"] for f in geojson["features"]]

    # Log in with password and a one-time code, by keyboard.
    page.goto(live_server.url + "/beheer/inspireer-elkaar/moderatie/")
    page.wait_for_url(re.compile(r".*/aanmelden/\?next=.*moderatie.*"))
    _tab_to(page, "input[name='auth-username']")
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    token_field = "input[name='token-otp_token']"
    page.wait_for_selector(token_field)
    _tab_to(page, token_field)
    page.keyboard.type(totp_current_code(device))
    page.keyboard.press("Enter")

    # The moderation queue lists the proposal; its approve button is reached by Tab.
    page.wait_for_url(re.compile(r"^http://[^/]+/beheer/inspireer-elkaar/moderatie/$"))
    assert NAME in page.locator("main").inner_text()
    approve = f"form[action$='/moderatie/{proposal.pk}/goedkeuren/'] button"
    _tab_to(page, approve, limit=200)
    page.keyboard.press("Enter")
    page.wait_for_selector(f"text=“{NAME}” staat online.")
    assert Entry.objects.get(pk=proposal.pk).status == EntryStatus.PUBLISHED

    # The public list shows it, and the page stays accessible.
    page.goto(live_server.url + "/inspireer-elkaar/?q=tafel")
    results = page.locator("#atlas-results")
    assert NAME in results.inner_text()
    _assert_accessible(page, axe)
    _tab_to(page, f"#atlas-results a[href^='/inspireer-elkaar/{proposal.pk}-']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/inspireer-elkaar/{proposal.pk}-[a-z0-9-]+/$"))
    assert page.locator("h1").inner_text() == NAME
    _assert_accessible(page, axe)

    # The map API and the GeoJSON export have it too.
    map_data = page.request.get(live_server.url + "/api/v1/map?zoom=12").json()
    points = [f["properties"] for f in map_data["features"]]
    assert map_data["mode"] == "points"
    assert any(p["name"] == NAME and p["id"] == proposal.pk for p in points)
    geojson = page.request.get(live_server.url + "/api/v1/initiatives.geojson").json()
    assert NAME in [f["properties"]["name"] for f in geojson["features"]]
