"""Deleting one's account: proof that it is really the person, and nothing personal left behind.

Regression tests for "Trust, part 1 — access" (item 5): deletion asked only for a checkbox, and
an archived entry kept its owner's contact details in the row and its revisions, so publishing
it again brought them back.
"""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Revision

from baz.accounts.tests.factories import PASSWORD, add_backup_codes, add_totp_device
from baz.accounts.totp import totp_current_code
from baz.atlas.models import Entry, EntryKind, EntryStatus
from baz.atlas.services.moderation import entry_publish
from baz.atlas.tests.factories_contribute import ContributeEntryFactory

pytestmark = pytest.mark.django_db

URL = "/mijn/account/verwijderen/"
CONTACT = {
    "contact_name": "An Peeters",
    "contact_phone": "0470 12 34 56",
    "contact_email": "an.prive@example.org",
}


def _exists(user):
    return get_user_model().objects.filter(pk=user.pk).exists()


def test_deleting_needs_the_password(client, initiatiefnemer):
    client.force_login(initiatiefnemer)

    response = client.post(URL, {"confirm": "on", "password": "niet-mijn-wachtwoord"})

    assert response.status_code == 200
    assert "wachtwoord klopt niet" in response.content.decode()
    assert _exists(initiatiefnemer)
    response = client.post(URL, {"confirm": "on"})
    assert _exists(initiatiefnemer)


def test_deleting_with_the_password_deletes(client, initiatiefnemer):
    client.force_login(initiatiefnemer)

    response = client.post(URL, {"confirm": "on", "password": PASSWORD})

    assert response.status_code == 302
    assert not _exists(initiatiefnemer)


def test_staff_deletion_needs_a_current_second_factor_code(
    client, redactie, login_verified, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the right code straight after a wrong one
    device = login_verified(client, redactie)
    wrong = "000000" if totp_current_code(device) != "000000" else "111111"

    for data in ({}, {"otp_token": wrong}):
        response = client.post(URL, {"confirm": "on", "password": PASSWORD, **data})
        assert response.status_code == 200
        assert _exists(redactie)
    assert "code" in response.content.decode()

    response = client.post(
        URL, {"confirm": "on", "password": PASSWORD, "otp_token": totp_current_code(device)}
    )

    assert response.status_code == 302
    assert not _exists(redactie)


def test_staff_deletion_accepts_a_backup_code(client, coach):
    add_totp_device(coach)
    add_backup_codes(coach, ["reserve12"])
    client.force_login(coach)

    response = client.post(URL, {"confirm": "on", "password": PASSWORD, "otp_token": "reserve12"})

    assert response.status_code == 302
    assert not _exists(coach)


def test_deleting_clears_contact_data_of_archived_entries_and_their_revisions(
    client, initiatiefnemer, gent, redactie
):
    entry = ContributeEntryFactory(
        municipality=gent,
        owner=initiatiefnemer,
        show_contact_name=True,
        show_contact_email=True,
        **CONTACT,
    )
    entry = entry_publish(entry=entry, user=redactie)
    profile = ContributeEntryFactory(
        municipality=gent, kind=EntryKind.LOCAL_GOVERNMENT, owner=initiatiefnemer
    )
    client.force_login(initiatiefnemer)

    response = client.post(URL, {"confirm": "on", "password": PASSWORD})

    assert response.status_code == 302
    row = Entry.objects.get(pk=entry.pk)
    assert row.status == EntryStatus.ARCHIVED
    assert (row.contact_name, row.contact_phone, row.contact_email) == ("", "", "")
    assert row.show_contact_name is False
    assert row.show_contact_email is False
    assert row.contact_consent_at is None
    contents = [r.content for r in Revision.objects.filter(object_id=str(entry.pk))]
    assert contents, "the entry has revisions"
    for content in contents:
        assert "an.prive@example.org" not in str(content)
        assert "An Peeters" not in str(content)
        assert content["owner"] is None
    assert Entry.objects.get(pk=profile.pk).owner is None

    # Publishing the archived entry again still works, and brings nothing personal back.
    republished = entry_publish(entry=row, user=redactie)
    assert republished.status == EntryStatus.PUBLISHED
    assert republished.live
    assert republished.contact_email == ""
    assert not republished.show_contact_email
