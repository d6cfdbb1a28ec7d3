"""Logging in with the keyboard alone: a municipality user, and a staff member with a code."""

import re

import pytest

from tests.browser.conftest import describe_violations

PASSWORD = "Correct-paard-batterij-42"


@pytest.fixture
def groups(transactional_db):
    """Live-server tests flush the tables, groups included: create what these tests need."""
    from django.contrib.auth.models import Group, Permission

    redactie, _ = Group.objects.get_or_create(name="Redactie")
    redactie.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    Group.objects.get_or_create(name="Gemeente")


@pytest.fixture
def municipality_user(groups):
    from baz.accounts.models import Membership, Role
    from baz.accounts.tests.factories import MunicipalityFactory, UserFactory

    gent = MunicipalityFactory(refnis="44021", name_nl="Gent", slug="gent")
    user = UserFactory(email="lotte@example.org", first_name="Lotte", groups=["Gemeente"])
    user.set_password(PASSWORD)
    user.save()
    Membership.objects.create(user=user, municipality=gent, role=Role.BEHEERDER)
    return user


@pytest.fixture
def staff_user(groups):
    from baz.accounts.tests.factories import UserFactory, add_totp_device

    user = UserFactory(email="griet@example.org", first_name="Griet", groups=["Redactie"])
    user.set_password(PASSWORD)
    user.save()
    return user, add_totp_device(user)


def _tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Focus never reached {selector}")


def _log_in_with_password(page, email: str) -> None:
    _tab_to(page, "input[name='auth-username']")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "auth-password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")


def test_a_municipality_user_logs_in_with_the_keyboard_and_lands_on_mijn(
    page, live_server, axe, municipality_user
):
    page.goto(live_server.url + "/")
    _tab_to(page, ".site-header__account")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Aanmelden"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^http://[^/]+/aanmelden/$"))
    assert page.locator("h1").inner_text() == "Aanmelden"
    violations = axe(page)
    assert violations == [], describe_violations(violations)

    _log_in_with_password(page, "Lotte@Example.org")

    page.wait_for_url(re.compile(r"^http://[^/]+/mijn/$"))
    assert page.locator("h1").inner_text() == "Mijn werkplek"
    assert "Gent · beheerder" in page.locator("main").inner_text()
    violations = axe(page)
    assert violations == [], describe_violations(violations)

    # The logout button is reachable and works by keyboard too.
    _tab_to(page, ".workspace-nav__logout button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^http://[^/]+/$"))
    assert page.locator(".site-header__account").inner_text() == "Aanmelden"


def test_a_staff_member_logs_in_with_password_and_code_and_reaches_beheer(
    page, live_server, axe, staff_user
):
    from baz.accounts.totp import totp_current_code

    user, device = staff_user
    page.goto(live_server.url + "/beheer/")
    page.wait_for_url(re.compile(r".*/aanmelden/\?next=.*beheer.*"))

    _log_in_with_password(page, user.email)

    token_field = "input[name='token-otp_token']"
    page.wait_for_selector(token_field)
    violations = axe(page)
    assert violations == [], describe_violations(violations)
    _tab_to(page, token_field)
    page.keyboard.type(totp_current_code(device))
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"^http://[^/]+/beheer/$"))
    assert page.title().startswith("Dashboard")


def test_a_new_staff_member_is_led_to_the_two_factor_setup(page, live_server, axe, groups):
    from baz.accounts.tests.factories import UserFactory

    user = UserFactory(email="nieuw@example.org", groups=["Redactie"])
    user.set_password(PASSWORD)
    user.save()
    page.goto(live_server.url + "/beheer/")
    _log_in_with_password(page, user.email)

    page.wait_for_url(re.compile(r"^http://[^/]+/mijn/beveiliging/instellen/.*"))
    _tab_to(page, "main button[type='submit']")
    page.keyboard.press("Enter")
    page.wait_for_selector("input[name='generator-token']")

    assert page.locator("main img").get_attribute("alt").startswith("QR-code")
    violations = axe(page)
    assert violations == [], describe_violations(violations)
