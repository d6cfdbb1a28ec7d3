"""A person's own data: the privacy page, the JSON download and deleting the account."""

import json

import pytest
from django.contrib.auth import get_user_model

from baz.accounts.tests.factories import PASSWORD
from baz.atlas.models import Entry, EntryKind, EntryStatus
from baz.contact.models import ContactMessage
from baz.contact.tests.factories import ContactMessageFactory

pytestmark = pytest.mark.django_db


def entry(owner, municipality, kind=EntryKind.INITIATIVE, name="Buurtbabbel"):
    return Entry.objects.create(
        kind=kind,
        name=name,
        slug=name.lower(),
        summary="Buren helpen buren.",
        municipality=municipality,
        latitude=51.05,
        longitude=3.72,
        status=EntryStatus.PUBLISHED,
        owner=owner,
        submitter_email=owner.email if owner else "",
    )


def test_the_privacy_page_says_what_why_how_long_and_who(client, settings):
    settings.CONTACT_RETENTION_MONTHS = 12

    content = client.get("/privacy/").content.decode()

    for heading in ["Wat bewaren we?", "Waarom?", "Hoe lang?", "Jouw rechten"]:
        assert heading in content
    assert "na 12 maanden" in content


def test_the_workspace_shows_the_privacy_panel(client, initiatiefnemer):
    client.force_login(initiatiefnemer)

    content = client.get("/mijn/").content.decode()

    assert "/mijn/gegevens/download/" in content
    assert "/mijn/account/verwijderen/" in content


def test_a_person_downloads_all_their_data_as_json(client, initiatiefnemer, gent):
    entry(initiatiefnemer, gent)
    ContactMessageFactory(email="INITIATIEFNEMER@example.org", body="Mijn vraag")
    ContactMessageFactory(email="iemand.anders@example.org", body="Niet van mij")
    client.force_login(initiatiefnemer)

    response = client.get("/mijn/gegevens/download/")

    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "initiatiefnemer@example.org"
    assert [e["name"] for e in data["atlas_entries"]] == ["Buurtbabbel"]
    assert [m["message"] for m in data["contact_messages"]] == ["Mijn vraag"]


def test_the_download_needs_a_login(client):
    response = client.get("/mijn/gegevens/download/")

    assert response.status_code == 302


def test_deleting_needs_the_confirmation(client, initiatiefnemer):
    client.force_login(initiatiefnemer)

    response = client.post("/mijn/account/verwijderen/", {})

    assert response.status_code == 200
    assert "Vink aan" in response.content.decode()
    assert get_user_model().objects.filter(pk=initiatiefnemer.pk).exists()


def test_deleting_an_account_hands_over_entries_and_anonymises_messages(
    client, initiatiefnemer, gent
):
    initiative = entry(initiatiefnemer, gent)
    profile = entry(initiatiefnemer, gent, kind=EntryKind.LOCAL_GOVERNMENT, name="Gent")
    own_message = ContactMessageFactory(email="initiatiefnemer@example.org", sender=initiatiefnemer)
    other_message = ContactMessageFactory(email="iemand.anders@example.org")
    client.force_login(initiatiefnemer)

    response = client.post("/mijn/account/verwijderen/", {"confirm": "on", "password": PASSWORD})

    assert response.status_code == 302
    assert not get_user_model().objects.filter(email="initiatiefnemer@example.org").exists()
    initiative.refresh_from_db()
    assert initiative.owner is None
    assert initiative.submitter_email == ""
    assert initiative.status == EntryStatus.ARCHIVED
    profile.refresh_from_db()
    assert profile.owner is None
    assert profile.status == EntryStatus.PUBLISHED, "a municipality's profile stays with it"
    own_message.refresh_from_db()
    assert (own_message.name, own_message.email, own_message.body) == ("", "", "")
    assert own_message.sender is None
    assert ContactMessage.objects.get(pk=other_message.pk).email == "iemand.anders@example.org"
    assert not Entry.objects.filter(owner__isnull=False).exists()
