"""The contact form over HTTP: the happy path, the spam guards and errors that keep input."""

import time

import pytest
from django.urls import reverse

from baz.contact.models import ContactMessage
from baz.contact.services import contact_form_token
from baz.contact.tests.factories import ContactPersonFactory, PartnerOrganisationFactory
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db

URL = "/contact/"


def form_data(**overrides):
    data = {
        "topic": "pers",
        "municipality": "",
        "name": "Sara Janssens",
        "email": "sara@example.org",
        "body": "Ik schrijf een artikel over burgerinitiatieven.",
        "consent": "on",
        "website": "",
        "started": contact_form_token(now=time.time() - 60),
    }
    data.update(overrides)
    return data


@pytest.fixture
def press_person(db):
    organisation = PartnerOrganisationFactory(name="Samen Sterk vzw")
    return ContactPersonFactory(
        name="Pieter Pers", organisation=organisation, topic_slugs=["pers"], is_default=True
    )


def test_the_form_url_is_named_contact_form_and_shows_every_topic(client):
    assert reverse("contact:form") == URL

    response = client.get(URL)

    content = response.content.decode()
    assert response.status_code == 200
    for label in ["Coaching", "Een initiatief in de atlas", "Tip voor een verhaal", "Pers"]:
        assert label in content
    assert 'name="website"' in content
    assert 'name="started"' in content


def test_a_message_is_stored_and_the_thank_you_page_names_who_answers(client, press_person):
    response = client.post(URL, form_data(), follow=True)

    assert response.redirect_chain == [("/contact/bedankt/", 302)]
    content = response.content.decode()
    assert "Pieter Pers van Samen Sterk vzw leest je bericht" in content
    assert "sara@example.org" in content
    message = ContactMessage.objects.get()
    assert message.routed_to == press_person
    assert OutboxMessage.objects.count() == 2


def test_a_typed_municipality_name_is_recognised_without_javascript(client, press_person, gent):
    client.post(URL, form_data(municipality="gent"))

    assert ContactMessage.objects.get().municipality == gent


def test_the_type_ahead_label_is_recognised(client, press_person, gent):
    client.post(URL, form_data(municipality="Gent · Oost-Vlaanderen"))

    assert ContactMessage.objects.get().municipality == gent


def test_an_unknown_municipality_is_an_error_next_to_the_field(client, press_person):
    response = client.post(URL, form_data(municipality="Nergenshuizen"))

    assert response.status_code == 200
    assert "We vinden deze gemeente niet" in response.content.decode()
    assert ContactMessage.objects.count() == 0


def test_a_form_with_errors_keeps_what_the_person_typed(client, press_person):
    response = client.post(URL, form_data(email="geen-adres", consent=""))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Sara Janssens"' in content
    assert "Ik schrijf een artikel over burgerinitiatieven." in content
    assert (
        'value="pers" checked' in content
        or 'checked value="pers"' in content
        or ('value="pers"' in content and "checked" in content)
    )
    assert 'id="id_email_error"' in content
    assert 'id="id_consent_error"' in content
    assert ContactMessage.objects.count() == 0


def test_a_filled_honeypot_stores_nothing(client, press_person):
    response = client.post(URL, form_data(website="https://spam.example.org"))

    assert response.status_code == 200
    assert ContactMessage.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_a_form_sent_too_fast_is_refused_but_keeps_the_input(client, press_person):
    response = client.post(URL, form_data(started=contact_form_token()))

    content = response.content.decode()
    assert "heel snel" in content
    assert 'value="Sara Janssens"' in content
    assert ContactMessage.objects.count() == 0


def test_a_forged_start_time_is_refused(client, press_person):
    response = client.post(URL, form_data(started="12345:forged"))

    assert "verlopen" in response.content.decode()
    assert ContactMessage.objects.count() == 0


def test_one_ip_address_may_send_only_a_few_messages(client, press_person, settings):
    settings.CONTACT_RATE_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(2):
        assert client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 302

    response = client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="203.0.113.1")

    assert response.status_code == 429
    assert "veel berichten" in response.content.decode()
    assert ContactMessage.objects.count() == 2
    other = client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="192.0.2.7")
    assert other.status_code == 302


def test_the_thank_you_page_without_a_message_leads_back_to_the_form(client):
    assert client.get("/contact/bedankt/").url == URL


def test_the_contact_link_appears_in_the_main_menu(client, site_pages):
    content = client.get("/").content.decode()

    assert 'href="/contact/"' in content


def test_a_label_with_the_french_name_is_recognised(client, press_person, gent):
    gent.name_fr = "Gand"
    gent.save()

    client.post(URL, form_data(municipality="Gent (Gand) · Oost-Vlaanderen"))

    assert ContactMessage.objects.get().municipality == gent
