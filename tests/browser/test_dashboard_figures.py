"""The figures on /mijn/: a beheerder sees the entries of Gent by state and its themes beside
Oost-Vlaanderen and Flanders, and confirms an old entry with one key press. axe finds nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.browser.conftest import describe_violations
from tests.browser.test_team import PASSWORD, _activate, _tab_until


@pytest.fixture
def gent_with_entries(transactional_db, settings):
    from django.utils import timezone

    from baz.accounts.models import Membership, Role
    from baz.accounts.tests.factories import MunicipalityFactory, UserFactory
    from baz.atlas.models import Theme
    from baz.atlas.tests.factories_contribute import ContributeEntryFactory
    from baz.core.models import Province, Region

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    flanders, _ = Region.objects.get_or_create(
        refnis="02000", defaults={"name_nl": "Vlaams Gewest", "name_fr": "Région flamande"}
    )
    # The reference data may still be there (a worker's earlier test) or flushed; either way
    # the province gets the short name the test reads.
    oost, _ = Province.objects.update_or_create(
        refnis="40000",
        defaults={
            "name_nl": "Oost-Vlaanderen",
            "name_fr": "Flandre orientale",
            "slug": "oost-vlaanderen",
            "region": flanders,
        },
    )
    gent = MunicipalityFactory(
        refnis="44021", name_nl="Gent", slug="gent", province=oost, region=flanders
    )
    zorg = Theme.objects.create(name="Zorg in de buurt (test)", slug="test-zorg-buurt")
    old = timezone.localdate() - timedelta(days=400)
    ContributeEntryFactory(municipality=gent, published=True).themes.set([zorg])
    stale = ContributeEntryFactory(
        municipality=gent, published=True, name="Oude buurtsoep", last_confirmed_at=old
    )
    ContributeEntryFactory(municipality=gent, submitted=True)
    user = UserFactory(email="lotte@example.org", first_name="Lotte")
    user.set_password(PASSWORD)
    user.save()
    Membership.objects.create(user=user, municipality=gent, role=Role.BEHEERDER)
    return stale


def test_a_beheerder_sees_the_figures_and_confirms_an_old_entry(
    page, live_server, axe, gent_with_entries
):
    page.goto(live_server.url + "/aanmelden/")
    _tab_until(page, "el.name === 'auth-username'")
    page.keyboard.type("lotte@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/mijn/$"))

    page.wait_for_selector("text=fiches gepubliceerd")  # loaded with htmx
    panel = page.inner_text("#panel-cijfers >> xpath=..")
    for text in (
        "2 fiches gepubliceerd",
        "1 fiche niet bevestigd in 12 maanden",
        "1 open voorstel in je gemeente",
        "Aandeel in Oost-Vlaanderen",
        "Zorg in de buurt (test)",
    ):
        assert text in panel, text
    violations = axe(page)
    assert violations == [], describe_violations(violations)

    _activate(page, "Nog actief: Oude buurtsoep")
    page.wait_for_selector("text=We noteren dat de fiche nog klopt.")
    assert page.url.endswith("/mijn/")
    page.wait_for_selector("text=fiches gepubliceerd")
    assert "0 fiches niet bevestigd" in page.inner_text("#panel-cijfers >> xpath=..")
    violations = axe(page)
    assert violations == [], describe_violations(violations)
