"""Who may move an entry to another municipality, publish a profile, show contact details.

Regression tests for "Trust, part 1 — access": a medewerker of Gent could turn an entry (and
Gent's own lokaal-bestuur profile) into one of Leuven, published at once; a municipality could
have several published profiles; municipality users could switch on the contact details of an
initiative they do not own.
"""

from __future__ import annotations

import importlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from baz.accounts.tests.factories import member
from baz.atlas.models import Entry, EntryEvent, EntryEventKind, EntryKind, EntryStatus
from baz.atlas.selectors.moderation import moderation_queue
from baz.atlas.services.editing import entry_update, local_government_profile_ensure
from baz.atlas.services.moderation import entry_has_pending_changes, entry_publish
from baz.atlas.tests.factories_contribute import ContributeEntryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("atlas_fast_hashing")]

PROFILE_CONSTRAINT = "atlas_entry_one_published_profile"


def _published(municipality, *, user, kind=EntryKind.INITIATIVE, owner=None, name="Soepbus"):
    """An entry published through the services, as a moderator would leave it."""
    entry = ContributeEntryFactory(municipality=municipality, kind=kind, owner=owner, name=name)
    return entry_publish(entry=entry, user=user)


# --- Item 1: moving an entry, the lokaal-bestuur profile -------------------------------------


def test_moving_a_published_entry_to_another_municipality_waits_for_moderation(
    atlas_gemeente_a, atlas_gemeente_b, atlas_member_a, atlas_redactie
):
    entry = _published(atlas_gemeente_a, user=atlas_redactie)

    entry_update(
        entry=entry,
        data={"municipality": atlas_gemeente_b, "name": "Soepbus Leuven"},
        expected_version=entry.version,
        user=atlas_member_a,
    )

    row = Entry.objects.get(pk=entry.pk)
    assert row.municipality_id == atlas_gemeente_a.pk, "the live row stays in Gent"
    assert row.name != "Soepbus Leuven"
    assert entry_has_pending_changes(row)
    assert row.get_latest_revision_as_object().municipality_id == atlas_gemeente_b.pk
    assert row in moderation_queue()


def test_a_member_of_both_municipalities_moves_an_entry_directly(
    atlas_gemeente_a, atlas_gemeente_b, atlas_member_a, atlas_redactie
):
    from baz.accounts.models import Membership

    Membership.objects.create(user=atlas_member_a, municipality=atlas_gemeente_b)
    entry = _published(atlas_gemeente_a, user=atlas_redactie)

    entry_update(
        entry=entry,
        data={"municipality": atlas_gemeente_b},
        expected_version=entry.version,
        user=atlas_member_a,
    )

    row = Entry.objects.get(pk=entry.pk)
    assert row.municipality_id == atlas_gemeente_b.pk
    assert row.live
    assert not entry_has_pending_changes(row)


def test_publishing_a_pending_move_needs_the_right_in_the_new_municipality(
    atlas_gemeente_a, atlas_gemeente_b, atlas_member_a, atlas_owner, atlas_redactie
):
    entry = _published(atlas_gemeente_a, user=atlas_redactie, owner=atlas_owner)
    entry_update(
        entry=entry,
        data={"municipality": atlas_gemeente_b},
        expected_version=entry.version,
        user=atlas_owner,
    )

    with pytest.raises(PermissionDenied):
        entry_publish(entry=Entry.objects.get(pk=entry.pk), user=atlas_member_a)
    assert Entry.objects.get(pk=entry.pk).municipality_id == atlas_gemeente_a.pk


def test_a_local_government_profile_keeps_its_municipality_in_mijn(
    atlas_gemeente_a, atlas_gemeente_b, atlas_member_a
):
    profile = _published(atlas_gemeente_a, user=atlas_member_a, kind=EntryKind.LOCAL_GOVERNMENT)

    with pytest.raises(ValidationError) as error:
        entry_update(
            entry=profile,
            data={
                "municipality": atlas_gemeente_b,
                "regulation_url": "https://kwaad.example.org/reglement",
                "contact_point": "Bel mij",
            },
            expected_version=profile.version,
            user=atlas_member_a,
        )

    assert "municipality" in error.value.message_dict
    row = Entry.objects.get(pk=profile.pk)
    assert row.municipality_id == atlas_gemeente_a.pk
    assert row.regulation_url == ""
    assert not row.revisions.filter(content__municipality=atlas_gemeente_b.pk).exists()


def test_the_database_refuses_a_second_published_profile_for_a_municipality(atlas_gemeente_a):
    ContributeEntryFactory(
        municipality=atlas_gemeente_a, kind=EntryKind.LOCAL_GOVERNMENT, published=True
    )
    # Concepts and archived profiles may sit beside it.
    ContributeEntryFactory(municipality=atlas_gemeente_a, kind=EntryKind.LOCAL_GOVERNMENT)
    ContributeEntryFactory(
        municipality=atlas_gemeente_a,
        kind=EntryKind.LOCAL_GOVERNMENT,
        status=EntryStatus.ARCHIVED,
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        ContributeEntryFactory(
            municipality=atlas_gemeente_a, kind=EntryKind.LOCAL_GOVERNMENT, published=True
        )


def test_publishing_a_second_profile_is_refused_with_a_dutch_message(
    atlas_gemeente_a, atlas_member_a, atlas_redactie
):
    first = _published(atlas_gemeente_a, user=atlas_redactie, kind=EntryKind.LOCAL_GOVERNMENT)
    second = ContributeEntryFactory(municipality=atlas_gemeente_a, kind=EntryKind.LOCAL_GOVERNMENT)

    with pytest.raises(ValidationError, match="al een gepubliceerd profiel"):
        entry_publish(entry=second, user=atlas_member_a)

    assert Entry.objects.get(pk=second.pk).status == EntryStatus.DRAFT
    assert Entry.objects.get(pk=first.pk).live


def test_the_municipality_profile_is_the_published_one_not_the_lowest_id(
    atlas_gemeente_a, atlas_redactie
):
    from baz.atlas.selectors.municipalities import municipality_profile

    ContributeEntryFactory(
        municipality=atlas_gemeente_a, kind=EntryKind.LOCAL_GOVERNMENT, name="Oud concept"
    )
    live = _published(
        atlas_gemeente_a, user=atlas_redactie, kind=EntryKind.LOCAL_GOVERNMENT, name="Gent"
    )

    assert municipality_profile(atlas_gemeente_a) == live
    assert (
        local_government_profile_ensure(municipality=atlas_gemeente_a, user=atlas_redactie) == live
    )


def test_the_data_migration_keeps_the_most_recently_published_profile(atlas_gemeente_a):
    from datetime import timedelta

    from django.apps import apps
    from django.utils import timezone

    settle = importlib.import_module("baz.atlas.migrations.0012_settle_duplicate_profiles")
    with connection.cursor() as cursor:  # rolled back with the test's transaction
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(PROFILE_CONSTRAINT)}")
    now = timezone.now()
    older, newest, oldest = (
        ContributeEntryFactory(
            municipality=atlas_gemeente_a,
            kind=EntryKind.LOCAL_GOVERNMENT,
            published=True,
            published_at=now - timedelta(days=days),
        )
        for days in (3, 1, 30)
    )
    other_municipality = ContributeEntryFactory(kind=EntryKind.LOCAL_GOVERNMENT, published=True)

    settle.settle_duplicate_profiles(apps, None)

    states = dict(Entry.objects.values_list("pk", "status"))
    assert states[newest.pk] == EntryStatus.PUBLISHED
    assert states[other_municipality.pk] == EntryStatus.PUBLISHED
    assert states[older.pk] == states[oldest.pk] == EntryStatus.ARCHIVED
    assert not Entry.objects.filter(pk__in=[older.pk, oldest.pk], live=True).exists()
    assert EntryEvent.objects.filter(entry=older, kind=EntryEventKind.ARCHIVED).exists()


# --- Item 5: contact visibility is the owner's consent ----------------------------------------


def _owned_initiative(municipality, owner, user):
    entry = _published(municipality, user=user, owner=owner)
    return entry_update(
        entry=entry,
        data={"contact_name": "An Peeters", "contact_email": "an@example.org"},
        expected_version=entry.version,
        user=user,
    )


def test_a_municipality_user_cannot_switch_on_contact_of_an_initiative_they_do_not_own(
    atlas_gemeente_a, atlas_member_a, atlas_owner
):
    entry = _owned_initiative(atlas_gemeente_a, atlas_owner, atlas_member_a)

    with pytest.raises(ValidationError) as error:
        entry_update(
            entry=entry,
            data={"show_contact_email": True},
            expected_version=entry.version,
            user=atlas_member_a,
        )

    assert "show_contact_email" in error.value.message_dict
    row = Entry.objects.get(pk=entry.pk)
    assert row.show_contact_email is False
    assert row.contact_consent_at is None


def test_a_municipality_user_cannot_change_contact_details_the_owner_shows(
    atlas_gemeente_a, atlas_member_a, atlas_owner
):
    entry = _owned_initiative(atlas_gemeente_a, atlas_owner, atlas_member_a)
    entry = entry_update(
        entry=entry,
        data={"show_contact_email": True},
        expected_version=entry.version,
        user=atlas_owner,
    )
    entry = entry_publish(entry=entry, user=atlas_member_a)

    with pytest.raises(ValidationError):
        entry_update(
            entry=entry,
            data={"contact_email": "iemand.anders@example.org"},
            expected_version=entry.version,
            user=atlas_member_a,
        )
    # Switching off is always allowed: it protects the owner.
    entry_update(
        entry=entry,
        data={"show_contact_email": False},
        expected_version=entry.version,
        user=atlas_member_a,
    )
    assert Entry.objects.get(pk=entry.pk).show_contact_email is False


def test_the_owner_switches_on_contact_and_the_consent_names_them(
    atlas_gemeente_a, atlas_member_a, atlas_owner
):
    entry = _owned_initiative(atlas_gemeente_a, atlas_owner, atlas_member_a)

    entry_update(
        entry=entry,
        data={"show_contact_name": True, "show_contact_email": True},
        expected_version=entry.version,
        user=atlas_owner,
    )
    # The owner's edit of a published entry waits for a moderator; approving keeps the consent.
    revision_object = Entry.objects.get(pk=entry.pk).get_latest_revision_as_object()
    assert revision_object.contact_consent_by_id == atlas_owner.pk
    assert revision_object.contact_consent_at is not None


def test_a_municipality_user_records_consent_for_their_own_profile(
    atlas_gemeente_a, atlas_member_a
):
    profile = _published(atlas_gemeente_a, user=atlas_member_a, kind=EntryKind.LOCAL_GOVERNMENT)
    colleague = member(atlas_gemeente_a, email="collega.gent@example.org")

    entry_update(
        entry=profile,
        data={"contact_phone": "09 123 45 67", "show_contact_phone": True},
        expected_version=profile.version,
        user=colleague,
    )

    row = Entry.objects.get(pk=profile.pk)
    assert row.show_contact_phone is True
    assert row.contact_consent_by_id == colleague.pk


def test_only_a_beheerder_changes_the_profiles_consent_for_the_map(
    atlas_gemeente_a, atlas_member_a
):
    """Trust part 1, item 2: map consent comes only from a beheerder of the municipality (or
    BAZ staff), for the profile's "samenwerking met BAZ" as for a coaching trajectory."""
    from baz.accounts.models import Role

    profile = _published(atlas_gemeente_a, user=atlas_member_a, kind=EntryKind.LOCAL_GOVERNMENT)

    with pytest.raises(ValidationError, match="Alleen een beheerder"):
        entry_update(
            entry=profile,
            data={"baz_map_consent": True},
            expected_version=profile.version,
            user=atlas_member_a,
        )
    assert Entry.objects.get(pk=profile.pk).baz_map_consent is False

    beheerder = member(atlas_gemeente_a, Role.BEHEERDER, email="beheerder.gent@example.org")
    entry_update(
        entry=profile,
        data={"baz_map_consent": True},
        expected_version=profile.version,
        user=beheerder,
    )
    assert Entry.objects.get(pk=profile.pk).baz_map_consent is True
