"""Moderators' screens: relayed messages without their content, correction requests handled
with a note, and the coach's screen for *samenwerking met BAZ*."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from baz.atlas.models import (
    ContactRelay,
    CorrectionRequest,
    CorrectionRequestStatus,
    Entry,
    EntryKind,
)
from baz.atlas.services.editing import entry_set_baz_collaboration
from baz.atlas.services.moderation import correction_request_handle
from baz.atlas.tests.factories_contribute import ContributeEntryFactory
from baz.atlas.visitor_services import contact_relay_create
from baz.mail.models import OutboxMessage

pytestmark = [pytest.mark.django_db]

SECRET = "Mijn geheime vraag over mijn buurman"


@pytest.fixture
def entry(atlas_gemeente_a):
    return ContributeEntryFactory(municipality=atlas_gemeente_a, name="Soepcafé")


@pytest.fixture
def coach(db):
    from baz.accounts.tests.factories import UserFactory

    return UserFactory(email="coach.atlas@example.org", groups=["Coach"])


def test_redactie_sees_relays_with_entry_and_status_but_never_sender_or_message(
    client, login_verified, atlas_redactie, entry
):
    ContactRelay.objects.create(
        entry=entry,
        sender_name="Piet Pieters",
        sender_email="piet@example.org",
        message=SECRET,
        queued_at=timezone.now(),
    )
    ContactRelay.objects.create(
        entry=entry, sender_name="Jan", sender_email="jan@example.org", message="Nog niet weg"
    )
    login_verified(client, atlas_redactie)

    response = client.get("/beheer/inspireer-elkaar/berichten/")

    assert response.status_code == 200
    assert response.text.count("Soepcafé") >= 2
    assert "In de wachtrij sinds" in response.text
    assert "Niet verstuurd: de fiche heeft geen e-mailadres" in response.text
    for private in (SECRET, "Piet Pieters", "piet@example.org", "Nog niet weg"):
        assert private not in response.text


def test_a_relay_reads_as_sent_only_once_the_outbox_delivered_it(
    client, login_verified, atlas_redactie, entry
):
    relay = contact_relay_create(
        entry=entry, sender_name="Piet", sender_email="piet@example.org", message="Hoi", key="k"
    )
    login_verified(client, atlas_redactie)
    assert "In de wachtrij sinds" in client.get("/beheer/inspireer-elkaar/berichten/").text

    OutboxMessage.objects.filter(related=f"atlas.relay:{relay.pk}").update(
        state=OutboxMessage.State.SENT, sent_at=timezone.now()
    )

    assert "Verstuurd op" in client.get("/beheer/inspireer-elkaar/berichten/").text


def test_the_relay_list_query_count_does_not_grow(
    client, login_verified, atlas_redactie, entry, django_assert_max_num_queries
):
    login_verified(client, atlas_redactie)
    client.get("/beheer/inspireer-elkaar/berichten/")
    for i in range(30):
        ContactRelay.objects.create(
            entry=entry, sender_name="X", sender_email=f"x{i}@example.org", message="m"
        )
    with django_assert_max_num_queries(25):
        assert client.get("/beheer/inspireer-elkaar/berichten/").status_code == 200


@pytest.mark.parametrize(
    "path", ["/beheer/inspireer-elkaar/berichten/", "/beheer/inspireer-elkaar/foutmeldingen/"]
)
def test_a_coach_cannot_open_the_moderators_lists(client, login_verified, coach, path):
    login_verified(client, coach)
    assert client.get(path).status_code in (302, 403)


def test_redactie_marks_a_correction_request_handled_with_a_note(
    client, login_verified, atlas_redactie, entry
):
    report = CorrectionRequest.objects.create(entry=entry, message="Het adres klopt niet.")
    login_verified(client, atlas_redactie)

    listing = client.get("/beheer/inspireer-elkaar/foutmeldingen/")
    assert "Het adres klopt niet." in listing.text
    assert f"/beheer/inspireer-elkaar/foutmeldingen/{report.pk}/behandelen/" in listing.text
    assert entry.get_absolute_url() in listing.text

    empty = client.post(f"/beheer/inspireer-elkaar/foutmeldingen/{report.pk}/behandelen/", {})
    assert empty.status_code == 200
    assert CorrectionRequest.objects.get(pk=report.pk).status == CorrectionRequestStatus.OPEN

    done = client.post(
        f"/beheer/inspireer-elkaar/foutmeldingen/{report.pk}/behandelen/",
        {"note": "Adres aangepast."},
    )
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == CorrectionRequestStatus.HANDLED
    assert report.handled_by == atlas_redactie
    assert report.handled_note == "Adres aangepast."
    handled = client.get("/beheer/inspireer-elkaar/foutmeldingen/?status=behandeld")
    assert "Adres aangepast." in handled.text


def test_the_correction_service_checks_permission_and_refuses_twice(atlas_redactie, coach, entry):
    report = CorrectionRequest.objects.create(entry=entry, message="Fout")
    with pytest.raises(PermissionDenied):
        correction_request_handle(report=report, user=coach, note="Gedaan")
    correction_request_handle(report=report, user=atlas_redactie, note="Gedaan")
    with pytest.raises(ValidationError):
        correction_request_handle(report=report, user=atlas_redactie, note="Weer")


@pytest.fixture
def profile(atlas_gemeente_a):
    return ContributeEntryFactory(
        municipality=atlas_gemeente_a, kind=EntryKind.LOCAL_GOVERNMENT, name="Gemeente Gent"
    )


def test_a_coach_sets_samenwerking_met_baz_on_a_profile_and_nothing_else(
    client, login_verified, coach, profile, entry
):
    login_verified(client, coach)
    listing = client.get("/beheer/inspireer-elkaar/samenwerking/")
    assert listing.status_code == 200
    assert "Gemeente Gent" in listing.text
    assert "Soepcafé" not in listing.text  # only lokaal-bestuur profiles
    version = profile.version

    response = client.post(
        f"/beheer/inspireer-elkaar/samenwerking/{profile.pk}/", {"value": "true", "name": "X"}
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.baz_collaboration is True
    assert profile.name == "Gemeente Gent"
    assert profile.version == version + 1
    client.post(f"/beheer/inspireer-elkaar/samenwerking/{profile.pk}/", {"value": "false"})
    assert Entry.objects.get(pk=profile.pk).baz_collaboration is False


def test_a_citizen_initiative_cannot_get_the_mark(client, login_verified, coach, entry):
    login_verified(client, coach)
    response = client.post(f"/beheer/inspireer-elkaar/samenwerking/{entry.pk}/", {"value": "true"})
    assert response.status_code == 404
    assert Entry.objects.get(pk=entry.pk).baz_collaboration is False


def test_a_municipality_user_cannot_set_the_mark(client, atlas_member_a, profile):
    client.force_login(atlas_member_a)
    client.post(f"/beheer/inspireer-elkaar/samenwerking/{profile.pk}/", {"value": "true"})
    assert Entry.objects.get(pk=profile.pk).baz_collaboration is False
    with pytest.raises(PermissionDenied):
        entry_set_baz_collaboration(entry=profile, user=atlas_member_a, value=True)


def test_the_admin_menu_shows_each_atlas_screen_only_to_whom_it_is_for(
    client, login_verified, coaching_coach
):
    login_verified(client, coaching_coach)

    html = client.get("/beheer/").content.decode()

    assert "Samenwerking met BAZ" in html
    assert "Doorgestuurde berichten" not in html
    assert "Foutmeldingen" not in html
