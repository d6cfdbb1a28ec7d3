"""Reflections in the /mijn/ workspace: only members of the reflection's municipality see them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone

from baz.accounts.models import Role
from baz.accounts.tests.factories import MunicipalityFactory, UserFactory, member
from baz.learning import selectors, services
from baz.learning.models import Reflection

pytestmark = pytest.mark.usefixtures("site_pages")

STEP1 = {"own": "Repair Café De Schroef\nBuurtsoep Ledeberg", "comment": ""}
STEP2 = {"kies_0": "on", "waarom_0": "Het brengt buren samen.", "themes": "Eenzaamheid"}
STEP3 = {"ruimte_nu": "on", "subsidie_gewenst": "on", "note": "Lokalen zijn schaars."}
STEP4 = {"budget_tekst": "Een klein werkingsbudget.", "budget_prioriteit": "hoog"}


@pytest.fixture(autouse=True)
def _fast_and_fresh(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def gent(db):
    return MunicipalityFactory(refnis="44021", name_nl="Gent", name_fr="Gand", slug="gent")


@pytest.fixture
def leuven(db):
    return MunicipalityFactory(refnis="24062", name_nl="Leuven", name_fr="Louvain", slug="leuven")


@pytest.fixture
def lotte(gent):
    return member(gent, Role.BEHEERDER, email="lotte@example.org")


@pytest.fixture
def colleague(gent):
    return member(gent, Role.MEDEWERKER, email="collega@example.org")


@pytest.fixture
def stranger(leuven):
    return member(leuven, Role.BEHEERDER, email="leuven@example.org")


def start_in_workspace(client, user) -> Reflection:
    client.force_login(user)
    response = client.post("/leren/reflectie/")
    reflection = Reflection.objects.latest("pk")
    assert response["Location"] == f"/mijn/reflecties/{reflection.pk}/stap/1/"
    return reflection


def complete(client, base: str) -> None:
    for step, data in enumerate([STEP1, STEP2, STEP3, STEP4], start=1):
        response = client.post(f"{base}stap/{step}/", data)
        assert response.status_code == 302, response.context["form"].errors


def link_reflection(municipality=None) -> tuple[Reflection, str]:
    started = services.reflection_start()
    if municipality is not None:
        services.reflection_save_initiatives(
            reflection=started.reflection,
            municipality=municipality,
            atlas_entries=[],
            own=["Buurtsoep"],
            comment="",
        )
    return started.reflection, started.token


# --- Starting in the workspace ----------------------------------------------------------------


def test_a_member_starts_a_reflection_in_the_workspace_of_their_municipality(client, lotte, gent):
    reflection = start_in_workspace(client, lotte)

    assert reflection.in_workspace
    assert reflection.owner == lotte
    assert reflection.municipality == gent
    assert reflection.token_hash is None  # no link until someone makes one


def test_a_member_of_two_municipalities_chooses_one(client, lotte, leuven):
    from baz.accounts.models import Membership

    Membership.objects.create(user=lotte, municipality=leuven, role=Role.MEDEWERKER)
    client.force_login(lotte)

    page = client.get("/leren/reflectie/").content.decode()
    assert 'name="gemeente"' in page
    assert "Voor welke gemeente is deze reflectie?" in page

    response = client.post("/leren/reflectie/", {"gemeente": leuven.refnis})
    assert response.status_code == 302
    assert Reflection.objects.get().municipality == leuven


def test_someone_without_a_municipality_still_gets_a_private_link(client):
    client.force_login(UserFactory(email="initiatief@example.org"))

    response = client.post("/leren/reflectie/")

    assert response["Location"].startswith("/leren/reflectie/")
    reflection = Reflection.objects.get()
    assert not reflection.in_workspace
    assert reflection.owner is None


def test_the_start_service_refuses_a_municipality_of_someone_else(lotte, leuven):
    with pytest.raises(PermissionDenied):
        services.reflection_start(user=lotte, municipality=leuven)
    assert not Reflection.objects.exists()


# --- Working in the workspace -----------------------------------------------------------------


def test_a_workspace_reflection_keeps_its_municipality_and_completes(client, lotte, gent):
    reflection = start_in_workspace(client, lotte)
    base = f"/mijn/reflecties/{reflection.pk}/"

    step1 = client.get(f"{base}stap/1/").content.decode()
    assert 'name="municipality"' not in step1
    assert "Gent" in step1
    complete(client, base)

    summary = client.get(f"{base}overzicht/")
    html = summary.content.decode()
    assert summary["Cache-Control"] == "no-store"
    for answer in [
        "Repair Café De Schroef",
        "Het brengt buren samen.",
        "Een klein werkingsbudget.",
    ]:
        assert answer in html
    assert "In je werkplek" in html
    assert 'id="deel-link"' not in html  # no link to show: only its hash could be stored
    reflection.refresh_from_db()
    assert reflection.municipality == gent
    assert reflection.steps_done == 4


def test_a_colleague_of_the_same_municipality_sees_and_edits_it(client, lotte, colleague):
    reflection = start_in_workspace(client, lotte)
    base = f"/mijn/reflecties/{reflection.pk}/"
    complete(client, base)
    client.force_login(colleague)

    listing = client.get("/mijn/reflecties/", headers={"HX-Request": "true"})
    assert f'href="{base}overzicht/"' in listing.content.decode()
    assert "Reflectie Gent" in client.get("/mijn/reflecties/").content.decode()
    assert client.get(f"{base}stap/2/").status_code == 200
    assert client.get(f"{base}overzicht/").status_code == 200
    pdf = client.get(f"{base}overzicht.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    response = client.post(f"{base}stap/3/", {**STEP3, "note": "Van een collega."})
    assert response.status_code == 302
    reflection.refresh_from_db()
    assert reflection.support_forms["note"] == "Van een collega."


def test_the_dashboard_has_the_reflections_panel(client, lotte):
    client.force_login(lotte)

    html = client.get("/mijn/").content.decode()

    assert "Reflecties over burgerinitiatieven" in html
    assert 'data-hx-get="/mijn/reflecties/"' in html


def _every_workspace_view(pk: int) -> list[tuple[str, str]]:
    base = f"/mijn/reflecties/{pk}/"
    return [
        ("get", base),
        ("get", f"{base}stap/1/"),
        ("post", f"{base}stap/1/"),
        ("get", f"{base}stap/2/"),
        ("get", f"{base}overzicht/"),
        ("get", f"{base}overzicht.pdf"),
        ("get", f"{base}intrekken/"),
        ("post", f"{base}intrekken/"),
        ("post", f"{base}nieuwe-link/"),
    ]


def test_a_user_of_another_municipality_never_sees_it(client, lotte, stranger):
    reflection = start_in_workspace(client, lotte)
    complete(client, f"/mijn/reflecties/{reflection.pk}/")
    before = Reflection.objects.values().get()
    client.force_login(stranger)

    for method, url in _every_workspace_view(reflection.pk):
        data = STEP1 if url.endswith("stap/1/") and method == "post" else {}
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (method, url)
    assert "Gent" not in client.get("/mijn/reflecties/").content.decode()
    assert Reflection.objects.values().get() == before


def test_an_anonymous_visitor_is_sent_to_the_login(client, lotte):
    reflection = start_in_workspace(client, lotte)
    client.logout()

    for method, url in _every_workspace_view(reflection.pk):
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith("/aanmelden/"), (method, url)


def test_an_unknown_reflection_is_a_404(client, lotte):
    client.force_login(lotte)

    assert client.get("/mijn/reflecties/999999/overzicht/").status_code == 404


def test_the_save_services_check_the_user(lotte, stranger):
    reflection = services.reflection_start(
        user=lotte, municipality=lotte.memberships.get().municipality
    ).reflection

    with pytest.raises(PermissionDenied):
        services.reflection_save_support_choices(
            reflection=reflection, chosen={}, themes="x", user=stranger
        )
    with pytest.raises(PermissionDenied):
        services.reflection_revoke(reflection=reflection, user=stranger)
    with pytest.raises(PermissionDenied):
        services.reflection_new_link(reflection=reflection, user=stranger)


# --- A link for people without an account -----------------------------------------------------


def test_a_member_makes_a_link_and_revoking_it_keeps_the_reflection(client, lotte):
    reflection = start_in_workspace(client, lotte)
    base = f"/mijn/reflecties/{reflection.pk}/"
    complete(client, base)

    page = client.post(f"{base}nieuwe-link/")
    assert page.status_code == 200
    link = page.context["edit_url"]
    assert "/leren/reflectie/" in link
    token = link.rstrip("/").split("/")[-1]
    client.logout()
    assert client.get(f"/leren/reflectie/{token}/overzicht/").status_code == 200
    # Someone with only the link cannot move the reflection to another municipality.
    client.post(f"/leren/reflectie/{token}/stap/1/", {**STEP1, "municipality": "Leuven"})
    reflection.refresh_from_db()
    assert reflection.municipality.name_nl == "Gent"

    client.force_login(lotte)
    response = client.post(f"{base}intrekken/")
    assert response["Location"] == f"{base}overzicht/"
    client.logout()
    assert client.get(f"/leren/reflectie/{token}/overzicht/").status_code == 410
    client.force_login(lotte)
    assert client.get(f"{base}overzicht/").status_code == 200

    # Purging revoked and expired links leaves reflections in a workspace alone.
    Reflection.objects.update(last_activity_at=timezone.now() - timedelta(days=400))
    assert services.reflections_purge_expired() == 0
    assert Reflection.objects.count() == 1


# --- Claiming a reflection made by link -------------------------------------------------------


def test_a_member_claims_a_link_reflection_of_their_municipality(client, lotte, gent):
    reflection, token = link_reflection(gent)
    client.force_login(lotte)

    summary = client.get(f"/leren/reflectie/{token}/overzicht/").content.decode()
    assert "Bewaar in de werkplek van Gent" in summary

    response = client.post(f"/leren/reflectie/{token}/naar-werkplek/")
    assert response["Location"] == f"/mijn/reflecties/{reflection.pk}/overzicht/"
    reflection.refresh_from_db()
    assert reflection.in_workspace
    assert reflection.owner == lotte
    # The link keeps working, and now points to the workspace.
    again = client.get(f"/leren/reflectie/{token}/overzicht/").content.decode()
    assert f"/mijn/reflecties/{reflection.pk}/overzicht/" in again


def test_a_member_of_another_municipality_cannot_claim(client, stranger, gent):
    reflection, token = link_reflection(gent)
    client.force_login(stranger)

    summary = client.get(f"/leren/reflectie/{token}/overzicht/").content.decode()
    assert "Bewaar in de werkplek" not in summary
    assert client.post(f"/leren/reflectie/{token}/naar-werkplek/").status_code == 403
    reflection.refresh_from_db()
    assert not reflection.in_workspace


def test_a_reflection_without_municipality_goes_to_the_chosen_one(client, lotte, leuven, gent):
    from baz.accounts.models import Membership

    Membership.objects.create(user=lotte, municipality=leuven, role=Role.MEDEWERKER)
    reflection, token = link_reflection()
    client.force_login(lotte)

    summary = client.get(f"/leren/reflectie/{token}/overzicht/").content.decode()
    assert "Voor welke gemeente is deze reflectie?" in summary
    client.post(f"/leren/reflectie/{token}/naar-werkplek/", {"gemeente": leuven.refnis})

    reflection.refresh_from_db()
    assert reflection.in_workspace
    assert reflection.municipality == leuven


def test_claiming_into_someone_elses_municipality_is_refused(client, lotte, leuven):
    reflection, token = link_reflection()
    client.force_login(lotte)

    response = client.post(f"/leren/reflectie/{token}/naar-werkplek/", {"gemeente": leuven.refnis})

    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.reflection_claim(reflection=reflection, user=lotte, municipality=leuven)
    reflection.refresh_from_db()
    assert not reflection.in_workspace


def test_an_anonymous_visitor_is_invited_to_log_in_to_claim(client, gent):
    _reflection, token = link_reflection(gent)

    summary = client.get(f"/leren/reflectie/{token}/overzicht/").content.decode()

    assert "Werk je voor een gemeente?" in summary
    assert client.post(f"/leren/reflectie/{token}/naar-werkplek/").status_code == 302


# --- Into a coaching request ------------------------------------------------------------------


def test_a_link_reflection_goes_to_coaching_with_its_token(client, settings, gent):
    settings.ROOT_URLCONF = "baz.learning.tests.urls_with_coaching"
    reflection, token = link_reflection(gent)

    html = client.get(f"/leren/reflectie/{token}/overzicht/").content.decode()

    assert f'href="/coaching/aanvragen/?reflectie={token}"' in html
    assert selectors.reflection_for_token(token) == reflection


def test_a_workspace_reflection_goes_to_coaching_with_a_signed_token(client, settings, lotte):
    settings.ROOT_URLCONF = "baz.learning.tests.urls_with_coaching"
    reflection = start_in_workspace(client, lotte)

    response = client.get(f"/mijn/reflecties/{reflection.pk}/overzicht/")
    url = response.context["coaching_url"]

    assert url.startswith("/coaching/aanvragen/?reflectie=w.")
    handoff = url.split("reflectie=")[1]
    assert selectors.reflection_for_token(handoff) == reflection
    assert selectors.reflection_for_token(handoff[:-2] + "xx") is None
    assert selectors.reflection_for_token("w.") is None


def test_reflection_for_token_refuses_revoked_expired_and_wrong_links(gent):
    revoked, revoked_token = link_reflection(gent)
    services.reflection_revoke(reflection=revoked)
    expired, expired_token = link_reflection(gent)
    Reflection.objects.filter(pk=expired.pk).update(
        last_activity_at=timezone.now() - timedelta(days=365)
    )

    assert selectors.reflection_for_token(revoked_token) is None
    assert selectors.reflection_for_token(expired_token) is None
    assert selectors.reflection_for_token("niet-juist") is None
    assert selectors.reflection_for_token("") is None


def test_the_summary_block_shows_the_four_answers_read_only(client, lotte):
    reflection = start_in_workspace(client, lotte)
    complete(client, f"/mijn/reflecties/{reflection.pk}/")
    reflection.refresh_from_db()

    html = render_to_string(
        "learning/_reflection_summary_block.html",
        {"summary": selectors.reflection_summary_data(reflection), "heading_level": 3},
    )

    assert html.count("<h3 ") == 4
    assert "<form" not in html
    for answer in [
        "Welke burgerinitiatieven zijn er bij ons?",
        "Buurtsoep Ledeberg",
        "Het brengt buren samen.",
        "Lokalen zijn schaars.",
        "Een klein werkingsbudget.",
    ]:
        assert answer in html


def test_the_demo_puts_one_finished_reflection_in_the_workspace_of_gent(gent):
    from baz.learning import demo

    member(gent, Role.BEHEERDER, email="beheerder.gent@example.org")

    assert demo._workspace_reflection_ensure() is True
    assert demo._workspace_reflection_ensure() is False
    reflection = Reflection.objects.get()
    assert reflection.in_workspace
    assert reflection.steps_done == 4
