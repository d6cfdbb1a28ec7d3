"""The public pages: propose an entry, confirm it by the button on the page of the link."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache

from baz.atlas.forms import ProposeForm
from baz.atlas.models import Entry, EntryStatus
from baz.atlas.services.proposals import entry_propose
from baz.mail.models import OutboxMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("atlas_fast_hashing")]

URL = "/inspireer-elkaar/voorstellen/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _started(seconds_ago: float = 60) -> str:
    return ProposeForm.human_check_token(now=time.time() - seconds_ago)


def _form(municipality, **overrides):
    data = {
        "kind": "burgerinitiatief",
        "name": "Soep op zondag",
        "summary": "Buren koken samen soep.",
        "description": "Iedereen is welkom.",
        "municipality": municipality.pk,
        "submitter_name": "An Peeters",
        "submitter_email": "an@example.org",
        "homepage": "",
        "started": _started(),
    }
    data.update(overrides)
    return data


def test_the_propose_page_shows_the_form(client, atlas_gemeente_a):
    response = client.get(URL)

    assert response.status_code == 200
    assert "Stel een initiatief voor" in response.text
    assert 'name="started"' in response.text


def test_proposing_stores_a_concept_and_sends_the_confirmation_mail(client, atlas_gemeente_a):
    response = client.post(URL, _form(atlas_gemeente_a), follow=True)

    assert response.redirect_chain[-1][0] == "/inspireer-elkaar/voorstellen/verstuurd/"
    assert "an@example.org" in response.text
    entry = Entry.objects.get()
    assert entry.status == EntryStatus.DRAFT
    assert OutboxMessage.objects.get().to == ["an@example.org"]


def test_errors_sit_next_to_their_field_and_nothing_typed_is_lost(client, atlas_gemeente_a):
    response = client.post(URL, _form(atlas_gemeente_a, name="", submitter_email="geen-adres"))

    assert response.status_code == 400
    assert 'id="id_name_error"' in response.text
    assert 'id="id_submitter_email_error"' in response.text
    assert "Buren koken samen soep." in response.text
    assert 'value="geen-adres"' in response.text
    assert not Entry.objects.exists()


def test_a_filled_honeypot_stores_nothing_but_looks_like_success(client, atlas_gemeente_a):
    response = client.post(URL, _form(atlas_gemeente_a, homepage="http://spam.example.org"))

    assert response.status_code == 302
    assert not Entry.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_form_sent_within_seconds_is_refused_with_the_input_kept(
    client, atlas_gemeente_a, settings
):
    settings.ATLAS_PROPOSE_MIN_SECONDS = 5
    response = client.post(URL, _form(atlas_gemeente_a, started=_started(seconds_ago=1)))

    assert response.status_code == 400
    assert "Je verstuurde het formulier heel snel" in response.text
    assert "Soep op zondag" in response.text
    assert not Entry.objects.exists()


def test_a_forged_timestamp_is_refused(client, atlas_gemeente_a):
    response = client.post(URL, _form(atlas_gemeente_a, started="1700000000"))

    assert response.status_code == 400
    assert not Entry.objects.exists()


def test_too_many_proposals_from_one_address_are_refused(client, atlas_gemeente_a, settings):
    settings.ATLAS_PROPOSE_RATE_LIMIT = 2
    for number in range(2):
        client.post(URL, _form(atlas_gemeente_a, name=f"Voorstel {number}"))

    response = client.post(URL, _form(atlas_gemeente_a, name="Nog een"))

    assert response.status_code == 429
    assert "Even wachten" in response.text
    assert Entry.objects.count() == 2


def test_a_large_non_image_upload_gets_a_clear_message(client, atlas_gemeente_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("foto.jpg", b"dit is geen afbeelding", content_type="image/jpeg")
    response = client.post(
        URL, {**_form(atlas_gemeente_a, image_alt="Buren aan tafel"), "image": upload}
    )

    assert response.status_code == 400
    assert "Dit bestand is geen afbeelding" in response.text
    assert not Entry.objects.exists()


def test_an_image_without_description_is_refused(client, atlas_gemeente_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("foto.jpg", b"x", content_type="image/jpeg")
    response = client.post(URL, {**_form(atlas_gemeente_a), "image": upload})

    assert response.status_code == 400
    assert "Beschrijf wat er op de afbeelding staat" in response.text


def _proposed(municipality):
    _entry, token = entry_propose(
        kind="burgerinitiatief",
        data={"name": "Soep", "summary": "Soep.", "municipality": municipality},
        submitter_email="an@example.org",
    )
    return token


def test_opening_the_link_does_not_confirm(client, atlas_gemeente_a):
    token = _proposed(atlas_gemeente_a)

    response = client.get(f"/inspireer-elkaar/bevestig/{token}/")

    assert response.status_code == 200
    assert "Bevestig mijn voorstel" in response.text
    assert Entry.objects.get().status == EntryStatus.DRAFT


def test_the_button_confirms(client, atlas_gemeente_a):
    token = _proposed(atlas_gemeente_a)

    response = client.post(f"/inspireer-elkaar/bevestig/{token}/")

    assert response.status_code == 200
    assert "je voorstel is ingediend" in response.text
    assert Entry.objects.get().status == EntryStatus.SUBMITTED


def test_a_used_link_explains_itself(client, atlas_gemeente_a):
    token = _proposed(atlas_gemeente_a)
    client.post(f"/inspireer-elkaar/bevestig/{token}/")

    response = client.get(f"/inspireer-elkaar/bevestig/{token}/")

    assert response.status_code == 410
    assert "Deze link is al gebruikt" in response.text


def test_an_expired_link_explains_itself(client, atlas_gemeente_a, settings):
    token = _proposed(atlas_gemeente_a)
    settings.ATLAS_CONFIRMATION_MAX_AGE_DAYS = -1

    response = client.post(f"/inspireer-elkaar/bevestig/{token}/")

    assert response.status_code == 410
    assert "Deze link is verlopen" in response.text
    assert Entry.objects.get().status == EntryStatus.DRAFT


def test_a_broken_link_explains_itself(client, db):
    response = client.get("/inspireer-elkaar/bevestig/kapot/")

    assert response.status_code == 404
    assert "Deze link klopt niet" in response.text


def test_correcting_mistakes_does_not_count_towards_the_limit(client, atlas_gemeente_a, settings):
    settings.ATLAS_PROPOSE_RATE_LIMIT = 1
    for _ in range(3):
        assert client.post(URL, _form(atlas_gemeente_a, name="")).status_code == 400

    assert client.post(URL, _form(atlas_gemeente_a)).status_code == 302
