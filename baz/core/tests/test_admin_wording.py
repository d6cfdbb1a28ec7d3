"""The admin dashboard in plain Dutch, with nothing loaded from an outside service."""

import pytest

from baz.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_has_no_glued_words_and_no_outside_avatar(client, login_verified):
    user = UserFactory(is_superuser=True, is_staff=True)
    login_verified(client, user)

    page = client.get("/beheer/").content.decode()

    assert "aangemaakt inBurgersAanZet" not in page
    assert "aangemaakt in BurgersAanZet" in page  # our copy of Wagtail's summary item still used
    assert "gravatar" not in page.lower()
    assert "//www.gravatar.com" not in page


def test_the_account_page_offers_no_list_of_every_time_zone(client, login_verified):
    user = UserFactory(is_superuser=True, is_staff=True)
    login_verified(client, user)

    page = client.get("/beheer/account/").content.decode()

    assert "America/New_York" not in page
    assert page.count("<option") < 100
