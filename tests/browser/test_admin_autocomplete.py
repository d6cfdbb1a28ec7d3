"""Staff choose municipalities by typing a few letters, not by scrolling 565 options.

The entry form in the admin (Fiches) uses type-ahead choosers for its municipality, the
municipalities it serves and its owner; the choosers answer only for the models allowed in
baz.core.admin_autocomplete (accounts only for Redactie).
"""

import json
import re

import pytest

from tests.browser.test_atlas_moderation import PASSWORD


@pytest.fixture
def places(transactional_db):
    from baz.accounts.tests.factories import MunicipalityFactory
    from baz.core.text import normalize

    made = {}
    for refnis, name in (("44021", "Gent"), ("24062", "Leuven"), ("12025", "Mechelen")):
        made[name] = MunicipalityFactory(
            refnis=refnis, name_nl=name, slug=name.lower(), search_text=normalize(name)
        )
    made["Luik"] = MunicipalityFactory(
        refnis="62063", name_nl="Luik", name_fr="Liège", slug="luik", search_text="luik liege"
    )
    return made


@pytest.fixture
def entry(places):
    from baz.atlas.tests.factories import EntryFactory

    return EntryFactory(name="Soep in de straat", municipality=places["Gent"])


@pytest.fixture
def staff(transactional_db, settings):
    from baz.accounts.tests.factories import UserFactory, add_totp_device

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = UserFactory(email="griet@example.org", is_superuser=True, is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user, add_totp_device(user)


def _log_in(page, live_server, staff, next_path):
    from baz.accounts.totp import totp_current_code

    user, device = staff
    page.goto(live_server.url + next_path)
    page.wait_for_url(re.compile(r".*/aanmelden/\?next=.*"))
    page.fill("input[name='auth-username']", user.email)
    page.fill("input[name='auth-password']", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("input[name='token-otp_token']")
    page.fill("input[name='token-otp_token']", totp_current_code(device))
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + next_path)


def test_staff_pick_municipalities_by_typing(page, live_server, staff, entry, places):
    from baz.accounts.tests.factories import UserFactory
    from baz.atlas.models import Entry

    UserFactory(email="fien@example.org", first_name="Fien", last_name="Claes")

    path = f"/beheer/snippets/atlas/entry/edit/{entry.pk}/"
    _log_in(page, live_server, staff, path)

    html = page.content()
    assert html.count("<option") < 100, "no select with every municipality"

    # The municipality: clear Gent, type "leu", choose Leuven with the keyboard.
    field = page.locator("[data-autocomplete-input-name='municipality']").locator("..")
    field.get_by_role("button", name="Verwijder Gent").click()
    box = field.locator("input[type='text']")
    box.fill("leuven")
    page.get_by_role("option", name="Leuven", exact=True).click()

    # Served municipalities: a French name finds Luik.
    served = page.locator("[data-autocomplete-input-name='served_municipalities']").locator("..")
    served.locator("input[type='text']").fill("liège")
    page.get_by_role("option", name="Luik (Liège)", exact=True).click()
    chosen = served.locator("input[type='hidden'][name='served_municipalities']").input_value()
    assert json.loads(chosen) == [{"pk": places["Luik"].pk, "title": "Luik (Liège)"}]

    # The owner: an account, found by part of the name (the staff member is not offered
    # every account of the site).
    owner = page.locator("[data-autocomplete-input-name='owner']").locator("..")
    owner.locator("input[type='text']").fill("fien")
    page.get_by_role("option", name="Fien Claes · fien@example.org", exact=True).click()

    # Publish (in the footer's dropdown), so the live entry takes the new municipalities.
    with page.expect_navigation():
        page.locator("button[name='action-publish']").evaluate("button => button.click()")

    entry = Entry.objects.get(pk=entry.pk)
    assert entry.municipality == places["Leuven"]
    assert list(entry.served_municipalities.all()) == [places["Luik"]]
    assert entry.owner.email == "fien@example.org"
