"""The moderation queue in the Wagtail admin: approve, reject with a message, archive."""

from __future__ import annotations

import pytest

from baz.atlas.models import Entry, EntryStatus
from baz.atlas.services.proposals import entry_confirm_submission, entry_propose
from baz.atlas.tests.factories_contribute import ContributeEntryFactory
from baz.mail.models import OutboxMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("atlas_fast_hashing")]


@pytest.fixture
def submitted(atlas_gemeente_a):
    entry, token = entry_propose(
        kind="burgerinitiatief",
        data={"name": "Soep", "summary": "Soep.", "municipality": atlas_gemeente_a},
        submitter_email="an@example.org",
    )
    entry_confirm_submission(token=token)
    OutboxMessage.objects.all().delete()
    return Entry.objects.get(pk=entry.pk)


def test_the_queue_lists_submitted_entries(client, login_verified, atlas_redactie, submitted):
    login_verified(client, atlas_redactie)

    response = client.get("/beheer/inspireer-elkaar/moderatie/")

    assert response.status_code == 200
    assert "Soep" in response.text


def test_a_coach_cannot_moderate(client, login_verified, submitted):
    from baz.accounts.tests.factories import UserFactory

    login_verified(client, UserFactory(email="coach.atlas@example.org", groups=["Coach"]))

    # Wagtail's admin answers a refusal with a redirect to the dashboard and a message.
    assert client.get("/beheer/inspireer-elkaar/moderatie/").status_code in (302, 403)
    approve = client.post(f"/beheer/inspireer-elkaar/moderatie/{submitted.pk}/goedkeuren/")
    assert approve.status_code in (302, 403)
    assert Entry.objects.get(pk=submitted.pk).status == EntryStatus.SUBMITTED


def test_approving_puts_it_online_and_mails_the_submitter(
    client, login_verified, atlas_redactie, submitted
):
    login_verified(client, atlas_redactie)

    response = client.post(f"/beheer/inspireer-elkaar/moderatie/{submitted.pk}/goedkeuren/")

    assert response.status_code == 302
    assert Entry.objects.get(pk=submitted.pk).status == EntryStatus.PUBLISHED
    assert OutboxMessage.objects.get().to == ["an@example.org"]


def test_rejecting_without_a_message_is_refused(client, login_verified, atlas_redactie, submitted):
    login_verified(client, atlas_redactie)

    response = client.post(
        f"/beheer/inspireer-elkaar/moderatie/{submitted.pk}/weigeren/", {"message": ""}
    )

    assert response.status_code == 400
    assert Entry.objects.get(pk=submitted.pk).status == EntryStatus.SUBMITTED


def test_rejecting_with_a_message_mails_it(client, login_verified, atlas_redactie, submitted):
    login_verified(client, atlas_redactie)

    client.post(
        f"/beheer/inspireer-elkaar/moderatie/{submitted.pk}/weigeren/",
        {"message": "Voeg een beschrijving toe."},
    )

    assert Entry.objects.get(pk=submitted.pk).status == EntryStatus.DRAFT
    assert "Voeg een beschrijving toe." in OutboxMessage.objects.get().body_text


def test_archiving_from_the_admin(client, login_verified, atlas_redactie, atlas_gemeente_a):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a, published=True)
    login_verified(client, atlas_redactie)

    assert client.get(f"/beheer/inspireer-elkaar/fiches/{entry.pk}/archiveren/").status_code == 200
    client.post(f"/beheer/inspireer-elkaar/fiches/{entry.pk}/archiveren/")

    row = Entry.objects.get(pk=entry.pk)
    assert (row.status, row.live) == (EntryStatus.ARCHIVED, False)


def test_the_snippet_listing_and_history_work(client, login_verified, atlas_redactie, submitted):
    login_verified(client, atlas_redactie)

    listing = client.get("/beheer/snippets/atlas/entry/", {"status": "ingediend"})
    history = client.get(f"/beheer/snippets/atlas/entry/history/{submitted.pk}/")

    assert listing.status_code == 200
    assert "Soep" in listing.text
    assert history.status_code == 200


def test_publishing_in_the_admin_keeps_the_status_in_step(
    client, login_verified, atlas_redactie, atlas_gemeente_a
):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a, published=True)
    login_verified(client, atlas_redactie)

    response = client.post(f"/beheer/snippets/atlas/entry/unpublish/{entry.pk}/")

    assert response.status_code == 302
    row = Entry.objects.get(pk=entry.pk)
    assert (row.live, row.status) == (False, EntryStatus.DRAFT)
    assert row.version == entry.version + 1
