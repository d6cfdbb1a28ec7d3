"""The reflection tool over HTTP: four steps, saved after each, behind a private link."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone
from pypdf import PdfReader

from baz.learning.models import Reflection

pytestmark = pytest.mark.usefixtures("site_pages", "reference_data")

CSS = Path(__file__).resolve().parents[1] / "static" / "learning" / "css" / "learning.css"
STEP1 = {"municipality": "Gent", "own": "Repair Café De Schroef\nBuurtsoep Ledeberg", "comment": ""}
STEP2 = {"kies_0": "on", "waarom_0": "Het brengt buren samen.", "themes": "Eenzaamheid"}
STEP3 = {"ruimte_nu": "on", "subsidie_gewenst": "on", "note": "Lokalen zijn schaars."}
STEP4 = {"budget_tekst": "Een klein werkingsbudget.", "budget_prioriteit": "hoog"}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def start(client) -> str:
    response = client.post("/leren/reflectie/")
    assert response.status_code == 302
    token = response["Location"].split("/")[3]
    assert response["Location"] == f"/leren/reflectie/{token}/stap/1/"
    return token


def step_url(token: str, step: int) -> str:
    return f"/leren/reflectie/{token}/stap/{step}/"


def complete(client, token: str) -> None:
    for step, data in enumerate([STEP1, STEP2, STEP3, STEP4], start=1):
        response = client.post(step_url(token, step), data)
        assert response.status_code == 302, response.context["form"].errors


def errors_of(response) -> str:
    assert response.status_code == 200
    return str(response.context["form"].errors)


# --- Starting -------------------------------------------------------------------------------


def test_start_page_explains_the_tool_without_asking_personal_data(client):
    response = client.get("/leren/reflectie/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Welke burgerinitiatieven zijn er bij ons?" in html
    assert "geen account" in html
    assert 'type="email"' not in html
    assert "<script>" not in html


def test_starting_stores_only_a_hash_of_the_links_token(client):
    token = start(client)

    reflection = Reflection.objects.get()
    assert len(token) >= 40
    assert reflection.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Reflection.objects.values().get())


def test_a_filled_honeypot_starts_nothing(client):
    response = client.post("/leren/reflectie/", {"website": "https://spam.example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/leren/reflectie/"
    assert not Reflection.objects.exists()


def test_one_address_can_start_only_a_limited_number_of_reflections(client, settings):
    settings.REFLECTION_START_LIMIT = 2
    start(client)
    start(client)

    response = client.post("/leren/reflectie/")

    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert Reflection.objects.count() == 2


# --- Step 1 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("municipality", "message"),
    [
        ("", "Vul de naam of de postcode van je gemeente in."),
        ("Nergensdorp", "We vinden geen gemeente met die naam."),
        ("12", "Een postcode heeft vier cijfers"),
        ("1040", "Deze postcode hoort bij meer dan één gemeente"),
    ],
)
def test_step_1_needs_a_municipality_we_know(client, municipality, message):
    token = start(client)

    response = client.post(step_url(token, 1), {**STEP1, "municipality": municipality})

    assert message in errors_of(response)
    assert Reflection.objects.get().steps_done == 0


def test_step_1_needs_at_least_one_initiative_or_a_comment(client):
    token = start(client)

    response = client.post(step_url(token, 1), {"municipality": "Gent", "own": "", "comment": ""})

    assert "Noem minstens één burgerinitiatief" in errors_of(response)


def test_step_1_refuses_overlong_lines(client):
    token = start(client)

    response = client.post(step_url(token, 1), {**STEP1, "own": "x" * 201})

    assert "Een regel is te lang" in errors_of(response)


def test_step_1_accepts_a_postal_code_and_saves(client):
    token = start(client)

    response = client.post(step_url(token, 1), {**STEP1, "municipality": "9000"})

    assert response.status_code == 302
    assert response["Location"] == step_url(token, 2)
    reflection = Reflection.objects.get()
    assert reflection.municipality.name_nl == "Gent"
    assert reflection.steps_done == 1
    assert reflection.initiatives["own"] == ["Repair Café De Schroef", "Buurtsoep Ledeberg"]


def test_errors_are_summarised_and_linked_to_their_field(client):
    token = start(client)

    html = client.post(step_url(token, 1), {**STEP1, "municipality": ""}).content.decode()

    assert 'id="foutmeldingen"' in html
    assert 'href="#id_municipality"' in html
    assert "<title>Fout: " in html
    assert 'aria-describedby="id_municipality_error' in html or "id_municipality_error" in html


# --- Steps 2 to 4 ---------------------------------------------------------------------------


def test_step_2_lists_the_initiatives_of_step_1_and_wants_a_reason(client):
    token = start(client)
    client.post(step_url(token, 1), STEP1)

    html = client.get(step_url(token, 2)).content.decode()
    response = client.post(step_url(token, 2), {"kies_1": "on", "waarom_1": ""})

    assert "We willen Buurtsoep Ledeberg ondersteunen" in html
    assert "Schrijf kort waarom" in errors_of(response)


def test_step_2_needs_a_choice_or_a_theme(client):
    token = start(client)
    client.post(step_url(token, 1), STEP1)

    response = client.post(step_url(token, 2), {})

    assert "Kies minstens één initiatief of beschrijf een thema" in errors_of(response)


def test_step_2_saves_the_choices_with_their_reasons(client):
    token = start(client)
    client.post(step_url(token, 1), STEP1)

    client.post(step_url(token, 2), STEP2)

    reflection = Reflection.objects.get()
    assert reflection.support_choices == {
        "initiatives": [
            {"name": "Repair Café De Schroef", "motivation": "Het brengt buren samen."}
        ],
        "themes": "Eenzaamheid",
    }
    assert reflection.steps_done == 2


def test_step_3_needs_at_least_one_support_form(client):
    token = start(client)
    client.post(step_url(token, 1), STEP1)
    client.post(step_url(token, 2), STEP2)

    response = client.post(step_url(token, 3), {"note": "Nog niets"})

    assert "Vink minstens één vorm van ondersteuning aan" in errors_of(response)


def test_step_3_saves_now_and_wanted_per_support_form(client):
    token = start(client)
    client.post(step_url(token, 1), STEP1)
    client.post(step_url(token, 2), STEP2)

    client.post(step_url(token, 3), STEP3)

    forms = Reflection.objects.get().support_forms["forms"]
    assert forms["ruimte"] == {"now": True, "wanted": False}
    assert forms["subsidie"] == {"now": False, "wanted": True}
    assert len(forms) == 8


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Beschrijf minstens één ding"),
        ({"kennis_tekst": "Vorming"}, "Kies een prioriteit voor deze nood."),
        ({"kennis_prioriteit": "laag"}, "Beschrijf kort wat jullie nodig hebben."),
        ({"kennis_tekst": "Vorming", "kennis_prioriteit": "dringend"}, "Selecteer een geldige"),
    ],
)
def test_step_4_needs_a_text_with_a_priority(client, data, message):
    token = start(client)
    for step, answers in enumerate([STEP1, STEP2, STEP3], start=1):
        client.post(step_url(token, step), answers)

    response = client.post(step_url(token, 4), data)

    assert message in errors_of(response)


def test_completing_step_4_leads_to_the_summary(client):
    token = start(client)
    for step, answers in enumerate([STEP1, STEP2, STEP3], start=1):
        client.post(step_url(token, step), answers)

    response = client.post(step_url(token, 4), STEP4)

    assert response["Location"] == f"/leren/reflectie/{token}/overzicht/"
    reflection = Reflection.objects.get()
    assert reflection.needs["budget"] == {"text": "Een klein werkingsbudget.", "priority": "hoog"}
    assert reflection.steps_done == 4


def test_later_steps_cannot_be_skipped_to(client):
    token = start(client)

    response = client.get(step_url(token, 3))

    assert response.status_code == 302
    assert response["Location"] == step_url(token, 1)


# --- Resuming, sharing, revoking, expiry ----------------------------------------------------


def test_the_link_resumes_at_the_first_unfinished_step(client):
    token = start(client)
    client.post(step_url(token, 1), STEP1)

    response = client.get(f"/leren/reflectie/{token}/")

    assert response["Location"] == step_url(token, 2)


def test_saved_answers_are_shown_again_when_resuming(client):
    token = start(client)
    client.post(step_url(token, 1), STEP1)

    html = client.get(step_url(token, 1)).content.decode()

    assert 'value="Gent"' in html
    assert "Repair Café De Schroef\nBuurtsoep Ledeberg</textarea>" in html


def test_a_colleague_with_the_link_continues_in_another_browser(client, django_user_model):
    from django.test import Client

    token = start(client)
    client.post(step_url(token, 1), STEP1)
    colleague = Client()

    response = colleague.get(f"/leren/reflectie/{token}/", follow=True)

    assert response.request["PATH_INFO"] == step_url(token, 2)
    assert "Repair Café De Schroef" in response.content.decode()


def test_every_step_shows_the_shareable_edit_link(client):
    token = start(client)

    html = client.get(step_url(token, 1)).content.decode()

    assert f'value="http://testserver/leren/reflectie/{token}/"' in html
    assert "Trek deze link in" in html


def test_a_link_opens_only_its_own_reflection(client):
    token_a = start(client)
    token_b = start(client)
    client.post(step_url(token_a, 1), STEP1)
    client.post(step_url(token_b, 1), {**STEP1, "municipality": "Leuven", "own": "Buurtwerk B"})

    html_a = client.get(step_url(token_a, 1)).content.decode()
    html_b = client.get(step_url(token_b, 1)).content.decode()

    assert "Repair Café De Schroef" in html_a
    assert "Buurtwerk B" not in html_a
    assert "Buurtwerk B" in html_b
    assert "Repair Café De Schroef" not in html_b
    assert Reflection.objects.get(municipality__name_nl="Gent").initiatives["own"][0] == (
        "Repair Café De Schroef"
    )


def test_a_wrong_link_gets_a_clear_dutch_message(client):
    response = client.get(step_url("dit-is-geen-geldige-link-maar-wel-lang", 1))

    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()


def test_a_revoked_link_stops_working(client):
    token = start(client)

    confirm = client.get(f"/leren/reflectie/{token}/intrekken/")
    client.post(f"/leren/reflectie/{token}/intrekken/")
    response = client.get(step_url(token, 1))

    assert "Wil je deze link intrekken?" in confirm.content.decode()
    assert response.status_code == 410
    assert "Deze link is ingetrokken" in response.content.decode()
    assert client.get(f"/leren/reflectie/{token}/overzicht.pdf").status_code == 410


def test_a_link_expires_after_the_configured_days_without_activity(client, settings):
    settings.REFLECTION_TOKEN_IDLE_DAYS = 30
    token = start(client)
    Reflection.objects.update(last_activity_at=timezone.now() - timedelta(days=31))

    response = client.get(step_url(token, 1))

    assert response.status_code == 410
    assert "Deze link is verlopen" in response.content.decode()
    assert "30 dagen" in response.content.decode()


def test_using_the_link_keeps_it_alive(client, settings):
    settings.REFLECTION_TOKEN_IDLE_DAYS = 30
    token = start(client)
    Reflection.objects.update(last_activity_at=timezone.now() - timedelta(days=29))

    assert client.get(step_url(token, 1)).status_code == 200
    assert Reflection.objects.get().last_activity_at > timezone.now() - timedelta(minutes=1)


def test_pages_behind_the_link_are_private(client):
    token = start(client)

    response = client.get(step_url(token, 1))

    assert response["Cache-Control"] == "no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"


# --- Summary and PDF ------------------------------------------------------------------------


def test_summary_shows_every_answer_with_print_styles(client):
    token = start(client)
    complete(client, token)

    html = client.get(f"/leren/reflectie/{token}/overzicht/").content.decode()

    for text in [
        "Gent",
        "Buurtsoep Ledeberg",
        "Het brengt buren samen.",
        "Eenzaamheid",
        "Lokalen zijn schaars.",
        "Een klein werkingsbudget.",
        "prioriteit: hoog",
    ]:
        assert text in html, text
    assert "@media print" in CSS.read_text(encoding="utf-8")
    assert f'href="/leren/reflectie/{token}/overzicht.pdf"' in html


def test_summary_offers_the_coaching_request_form_with_the_reflection(client):
    token = start(client)
    complete(client, token)

    html = client.get(f"/leren/reflectie/{token}/overzicht/").content.decode()

    assert f'href="/coaching/aanvragen/?reflectie={token}"' in html
    assert "Vraag coaching aan" in html


def test_pdf_download_contains_the_answers(client):
    token = start(client)
    complete(client, token)

    response = client.get(f"/leren/reflectie/{token}/overzicht.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for answer in [
        "Reflectie over burgerinitiatieven in Gent",
        "Repair Café De Schroef",
        "Het brengt buren samen.",
        "Lokalen zijn schaars.",
        "Een klein werkingsbudget.",
    ]:
        assert answer in text, answer


# --- Query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("step", [1, 2, 3, 4])
def test_each_step_page_uses_a_bounded_number_of_queries(
    client, step, django_assert_max_num_queries
):
    token = start(client)
    complete(client, token)

    with django_assert_max_num_queries(8):
        response = client.get(step_url(token, step))

    assert response.status_code == 200


def test_summary_and_pdf_use_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    token = start(client)
    complete(client, token)

    with django_assert_max_num_queries(8):
        assert client.get(f"/leren/reflectie/{token}/overzicht/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(f"/leren/reflectie/{token}/overzicht.pdf").status_code == 200


def test_a_new_link_keeps_the_answers_and_retires_the_old_one(client):
    token = start(client)
    client.post(step_url(token, 1), STEP1)

    response = client.post(f"/leren/reflectie/{token}/nieuwe-link/", follow=True)

    html = response.content.decode()
    assert "Jullie reflectie heeft een nieuwe link." in html
    assert "Repair Café De Schroef" in html
    new_token = response.request["PATH_INFO"].split("/")[3]
    assert new_token != token
    assert client.get(step_url(token, 1)).status_code == 404
