"""The trajectory in /mijn/coaching/ per phase, with the keyboard alone and axe-core on every
section: the overview says where the trajectory stands and shows a request that joined it,
and the links Analyse, Vorming, Afspraken and Berichten each open a page of their own."""

import re
from datetime import timedelta

import pytest

from tests.browser.test_coaching import PASSWORD, _assert_accessible, _log_in, _press_enter_and_wait


@pytest.fixture
def sections_world(transactional_db, settings):
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from baz.accounts.models import Membership, Role
    from baz.accounts.tests.factories import MunicipalityFactory, UserFactory
    from baz.coaching.models import AgreementParty, State, TrainingSession, Trajectory
    from baz.coaching.services.trajectories import coaching_request_submit

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    Group.objects.get_or_create(name="Gemeente")
    gent = MunicipalityFactory(refnis="44021", name_nl="Gent", slug="gent")
    colleague = UserFactory(email="pieter@example.org", first_name="Pieter", groups=["Gemeente"])
    colleague.set_password(PASSWORD)
    colleague.save()
    Membership.objects.create(user=colleague, municipality=gent, role=Role.MEDEWERKER)
    for name, email in (("Hanne Claes", "hanne@gent.be"), ("Ruben Maes", "ruben@gent.be")):
        coaching_request_submit(
            municipality=gent,
            name=name,
            role="Beleidsmedewerker",
            email=email,
            motivation="We willen burgerinitiatieven beter steunen.",
        )
    trajectory = Trajectory.objects.get()
    Trajectory.objects.filter(pk=trajectory.pk).update(state=State.TRAINING)
    start = timezone.now() + timedelta(days=7)
    TrainingSession.objects.create(
        trajectory=trajectory,
        topic="Rollen van een lokaal bestuur",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Stadhuis Gent",
        trainer="Mira Janssens",
    )
    trajectory.agreements.create(
        title="Een vast aanspreekpunt", party=AgreementParty.MUNICIPALITY, owner_name="Ines"
    )
    return trajectory


def test_a_colleague_moves_through_the_phase_sections_with_the_keyboard(
    page, live_server, axe, sections_world
):
    trajectory = sections_world
    base = f"/mijn/coaching/{trajectory.pk}/"

    page.goto(f"{live_server.url}/aanmelden/?next={base}")
    _log_in(page, "pieter@example.org")
    page.wait_for_url(re.compile(rf"^http://[^/]+{base}$"))

    # The overview: where the trajectory stands, and the request that joined it.
    assert page.locator("h1").inner_text() == "Coachingtraject van Gent"
    assert page.locator("[aria-current='step']").inner_text() == "Vorming"
    requests = page.locator("section[aria-labelledby='aanvragen']").inner_text()
    assert "Ruben Maes" in requests
    assert "toegevoegd aan het traject dat al liep" in requests
    assert "ruben@gent.be" not in requests
    overview = page.locator("section[aria-labelledby='stand']").inner_text()
    assert "Volgend vormingsmoment: Rollen van een lokaal bestuur" in overview
    assert page.locator(".coaching-sections [aria-current='page']").inner_text() == "Overzicht"
    _assert_accessible(page, axe, "the trajectory overview")

    for slug, label, expected in (
        ("analyse", "Analyse", "Sterktes en noden"),
        ("vorming", "Vorming", "Rollen van een lokaal bestuur"),
        ("afspraken", "Afspraken", "Een vast aanspreekpunt"),
        ("berichten", "Berichten", "Verstuur je bericht"),
    ):
        _press_enter_and_wait(page, f".coaching-sections a[href='{base}{slug}/']")
        assert page.url.endswith(f"{base}{slug}/")
        assert page.locator("h1").inner_text() == label
        current = page.locator(".coaching-sections [aria-current='page']")
        assert current.inner_text() == label
        assert expected in page.locator("main").inner_text()
        _assert_accessible(page, axe, f"the section {label}")

    # Back to the overview, still by keyboard.
    _press_enter_and_wait(page, f".coaching-sections a[href='{base}']")
    assert page.url.endswith(base)
