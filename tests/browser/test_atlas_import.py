"""A beheerder imports a spreadsheet: upload, preview, a choice per row, confirm, the entries."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import describe_violations

PASSWORD = "Correct-paard-batterij-42"
CSV = (
    "Naam;Korte omschrijving;Postcode;Telefoon\r\n"
    "Fietsatelier Ledeberg;Samen fietsen herstellen.;9000;0470 12 34 56\r\n"
    "Repair Cafe Gent vzw;Samen herstellen, elke maand.;9000;\r\n"
    ";Een rij zonder naam.;;\r\n"
).encode("cp1252")


@pytest.fixture
def beheerder(transactional_db, settings):
    from django.contrib.auth.models import Group

    from baz.accounts.models import Membership, Role
    from baz.accounts.tests.factories import MunicipalityFactory, UserFactory
    from baz.atlas.tests.factories_contribute import ContributeEntryFactory

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for name in ("Redactie", "Coach", "Gemeente", "Initiatiefnemer"):
        Group.objects.get_or_create(name=name)
    gent = MunicipalityFactory(
        refnis="44021", name_nl="Gent", slug="gent", latitude=51.05, longitude=3.72
    )
    ContributeEntryFactory(municipality=gent, published=True, name="Repair Café Gent")
    user = UserFactory(email="lotte@example.org", first_name="Lotte", groups=["Gemeente"])
    user.set_password(PASSWORD)
    user.save()
    Membership.objects.create(user=user, municipality=gent, role=Role.BEHEERDER)
    return user


def _no_violations(page, axe) -> None:
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def test_a_beheerder_imports_a_file_chooses_per_row_and_sees_the_entries(
    page, live_server, axe, beheerder, tmp_path
):
    from baz.atlas.models import Entry

    page.goto(live_server.url + "/aanmelden/?next=/mijn/")
    page.fill("input[name='auth-username']", "lotte@example.org")
    page.fill("input[name='auth-password']", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/mijn/$"))
    page.get_by_role("link", name="Fiches importeren").click()
    page.wait_for_url(re.compile(r".*/mijn/fiches/importeren/$"))
    assert "Download het sjabloon" in page.inner_text("main")
    _no_violations(page, axe)

    path = tmp_path / "initiatieven.csv"
    path.write_bytes(CSV)
    page.set_input_files("input[type='file']", str(path))
    page.get_by_role("button", name="Laad op en bekijk het voorbeeld").click()
    page.wait_for_url(re.compile(r".*/mijn/fiches/importeren/[\w-]+/$"))
    main = page.inner_text("main")
    assert "Nieuwe fiche" in main
    assert "Mogelijk dubbel: lijkt op 'Repair Café Gent'" in main
    assert "Kolom 'Naam'" in main
    assert not Entry.objects.filter(name="Fietsatelier Ledeberg").exists()
    _no_violations(page, axe)

    # Choose with the keyboard: update the existing entry instead of skipping the row.
    page.focus("#rij-3-overslaan")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#rij-3-bijwerken")
    page.get_by_role("button", name="Bevestig en importeer").click()
    page.wait_for_url(re.compile(r".*/klaar/$"))
    assert "De import is klaar" in page.inner_text("main")
    _no_violations(page, axe)

    page.get_by_role("link", name="Fietsatelier Ledeberg", exact=True).click()
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert "Samen fietsen herstellen." in main
    assert "0470 12 34 56" not in main  # imported contact details stay hidden
    _no_violations(page, axe)
    # The chosen row updated the existing entry (its name too) instead of adding a second one.
    assert Entry.objects.count() == 2
    assert Entry.objects.get(name="Repair Cafe Gent vzw").summary == "Samen herstellen, elke maand."
