"""The atlas write services: each transition, refusals and the version check."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from baz.atlas.models import Entry, EntryEvent, EntryEventKind, EntryKind, EntryStatus, Theme
from baz.atlas.selectors.moderation import moderation_queue
from baz.atlas.selectors.reminders import entry_is_fresh
from baz.atlas.services.common import ConflictError, TokenUnavailable
from baz.atlas.services.editing import (
    entry_archive,
    entry_create,
    entry_set_baz_collaboration,
    entry_update,
)
from baz.atlas.services.freshness import entry_confirm_fresh
from baz.atlas.services.moderation import (
    entry_approve,
    entry_has_pending_changes,
    entry_publish,
    entry_reject,
)
from baz.atlas.services.proposals import entry_confirm_submission, entry_propose
from baz.atlas.tests.factories_contribute import ContributeEntryFactory
from baz.mail.models import OutboxMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("atlas_fast_hashing")]


def _data(municipality, **overrides):
    data = {
        "name": "Soep op zondag",
        "summary": "Buren koken samen soep.",
        "description": "Elke zondag.\n\nIedereen is welkom.",
        "municipality": municipality,
    }
    data.update(overrides)
    return data


def _propose(municipality, **overrides):
    return entry_propose(
        kind=EntryKind.INITIATIVE,
        data=_data(municipality, **overrides),
        submitter_email="An.Peeters@example.org",
        submitter_name="An Peeters",
    )


def _published(municipality, owner):
    """A proposal by `owner`, confirmed and approved."""
    entry, token = entry_propose(
        kind=EntryKind.INITIATIVE,
        data=_data(municipality),
        submitter_email=owner.email,
        submitter_name="An Peeters",
    )
    entry_confirm_submission(token=token)
    from baz.accounts.tests.factories import UserFactory

    moderator = UserFactory(email="moderator@example.org", groups=["Redactie"])
    return entry_approve(entry=entry, user=moderator)


def test_a_proposal_is_a_concept_offline_and_mails_a_confirmation_link(atlas_gemeente_a):
    entry, token = _propose(atlas_gemeente_a)

    assert entry.status == EntryStatus.DRAFT
    assert entry.live is False
    assert entry.owner is None
    assert entry.submitter_email == "an.peeters@example.org"
    message = OutboxMessage.objects.get()
    assert message.to == ["an.peeters@example.org"]
    assert f"/inspireer-elkaar/bevestig/{token}/" in message.body_text


def test_a_proposal_without_address_sits_in_the_middle_of_the_municipality(atlas_gemeente_a):
    entry, _token = _propose(atlas_gemeente_a)

    # The fixture may be the real Gent when the reference data is loaded: compare with it.
    assert (entry.latitude, entry.longitude) == (
        atlas_gemeente_a.latitude,
        atlas_gemeente_a.longitude,
    )
    assert entry.location_is_exact is False


def test_a_proposal_with_an_address_uses_its_postal_code(atlas_gemeente_a):
    entry, _token = _propose(atlas_gemeente_a, street="Kouter 1", postal_code="9000")

    postal_code = atlas_gemeente_a.postal_codes.get(code="9000")
    assert (entry.latitude, entry.longitude) == (postal_code.latitude, postal_code.longitude)
    assert (entry.latitude, entry.longitude) != (
        atlas_gemeente_a.latitude,
        atlas_gemeente_a.longitude,
    )
    assert entry.location_is_exact is True


def test_a_proposal_cannot_be_a_local_government_profile(atlas_gemeente_a):
    with pytest.raises(ValidationError):
        entry_propose(
            kind=EntryKind.LOCAL_GOVERNMENT,
            data=_data(atlas_gemeente_a),
            submitter_email="an@example.org",
        )


def test_script_in_the_description_is_stored_sanitised(atlas_gemeente_a):
    entry, _token = _propose(
        atlas_gemeente_a,
        description='<p onclick="steal()">Hallo<script>alert(1)</script> '
        '<a href="javascript:alert(1)">klik</a> <strong>vet</strong></p>',
    )

    assert "<script" not in entry.description
    assert "onclick" not in entry.description
    assert "javascript:" not in entry.description
    assert "<strong>vet</strong>" in entry.description


def test_plain_text_in_the_description_becomes_escaped_paragraphs(atlas_gemeente_a):
    entry, _token = _propose(atlas_gemeente_a, description="1 < 2\n\nTweede alinea")

    assert entry.description == "<p>1 &lt; 2</p><p>Tweede alinea</p>"


def test_confirming_submits_for_moderation_with_an_account(atlas_gemeente_a):
    entry, token = _propose(atlas_gemeente_a)

    confirmed = entry_confirm_submission(token=token)

    assert confirmed.status == EntryStatus.SUBMITTED
    assert confirmed.owner.email == "an.peeters@example.org"
    assert confirmed.live is False
    assert confirmed.revisions.count() == 1
    assert EntryEvent.objects.filter(entry=entry, kind=EntryEventKind.SUBMITTED).exists()
    assert list(moderation_queue()) == [confirmed]


def test_a_confirmation_link_works_once(atlas_gemeente_a):
    _entry, token = _propose(atlas_gemeente_a)
    entry_confirm_submission(token=token)

    with pytest.raises(TokenUnavailable) as error:
        entry_confirm_submission(token=token)
    assert error.value.reason == "used"


def test_a_tampered_confirmation_link_is_refused(atlas_gemeente_a):
    _entry, token = _propose(atlas_gemeente_a)

    with pytest.raises(TokenUnavailable) as error:
        entry_confirm_submission(token=token + "x")
    assert error.value.reason == "invalid"


def test_an_old_confirmation_link_has_expired(atlas_gemeente_a, settings):
    _entry, token = _propose(atlas_gemeente_a)
    settings.ATLAS_CONFIRMATION_MAX_AGE_DAYS = -1

    with pytest.raises(TokenUnavailable) as error:
        entry_confirm_submission(token=token)
    assert error.value.reason == "expired"


def test_a_moderator_approves_a_proposal_and_it_goes_live(atlas_gemeente_a, atlas_redactie):
    entry, token = _propose(atlas_gemeente_a)
    entry_confirm_submission(token=token)
    OutboxMessage.objects.all().delete()

    approved = entry_approve(entry=entry, user=atlas_redactie)

    assert approved.status == EntryStatus.PUBLISHED
    assert approved.live is True
    assert approved.published_at is not None
    assert OutboxMessage.objects.get().to == ["an.peeters@example.org"]
    assert list(moderation_queue()) == []


def test_only_a_moderator_approves(atlas_gemeente_a, atlas_member_a):
    entry, token = _propose(atlas_gemeente_a)
    entry_confirm_submission(token=token)

    with pytest.raises(PermissionDenied):
        entry_approve(entry=entry, user=atlas_member_a)


def test_rejecting_needs_a_message_and_mails_it(atlas_gemeente_a, atlas_redactie):
    entry, token = _propose(atlas_gemeente_a)
    entry_confirm_submission(token=token)
    with pytest.raises(ValidationError):
        entry_reject(entry=entry, user=atlas_redactie, message="  ")
    OutboxMessage.objects.all().delete()

    rejected = entry_reject(
        entry=entry, user=atlas_redactie, message="Vertel meer over wie meedoet."
    )

    assert rejected.status == EntryStatus.DRAFT
    assert rejected.live is False
    assert "Vertel meer over wie meedoet." in OutboxMessage.objects.get().body_text


def test_a_municipality_user_publishes_an_entry_of_their_municipality(
    atlas_gemeente_a, atlas_member_a
):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a)

    published = entry_publish(entry=entry, user=atlas_member_a)

    assert (published.status, published.live) == (EntryStatus.PUBLISHED, True)
    assert published.published_at is not None


def test_a_user_of_another_municipality_cannot_publish(atlas_gemeente_a, atlas_member_b):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a)

    with pytest.raises(PermissionDenied):
        entry_publish(entry=entry, user=atlas_member_b)


def test_an_owner_edit_of_a_published_entry_waits_while_the_old_version_stays_live(
    atlas_gemeente_a, atlas_owner, atlas_redactie
):
    entry = _published(atlas_gemeente_a, atlas_owner)
    theme = Theme.objects.first()

    entry_update(
        entry=entry,
        data={"name": "Soep op maandag", "themes": [theme]},
        expected_version=entry.version,
        user=atlas_owner,
    )

    row = Entry.objects.get(pk=entry.pk)
    assert row.name == "Soep op zondag"
    assert row.live is True
    assert row.status == EntryStatus.PUBLISHED
    assert entry_has_pending_changes(row)
    assert list(row.themes.all()) == []
    assert row.get_latest_revision_as_object().name == "Soep op maandag"
    assert row in moderation_queue()

    approved = entry_approve(entry=row, user=atlas_redactie)

    assert approved.name == "Soep op maandag"
    assert list(approved.themes.all()) == [theme]
    assert not entry_has_pending_changes(Entry.objects.get(pk=entry.pk))


def test_a_rejected_edit_leaves_the_published_version(
    atlas_gemeente_a, atlas_owner, atlas_redactie
):
    entry = _published(atlas_gemeente_a, atlas_owner)
    entry_update(
        entry=entry, data={"name": "Fout"}, expected_version=entry.version, user=atlas_owner
    )

    entry_reject(entry=entry, user=atlas_redactie, message="Dit klopt niet.")

    row = Entry.objects.get(pk=entry.pk)
    assert row.name == "Soep op zondag"
    assert row.get_latest_revision_as_object().name == "Soep op zondag"
    assert row.live is True


def test_a_municipality_user_edit_is_published_directly(
    atlas_gemeente_a, atlas_owner, atlas_member_a
):
    entry = _published(atlas_gemeente_a, atlas_owner)

    entry_update(
        entry=entry,
        data={"name": "Soep in Gent"},
        expected_version=entry.version,
        user=atlas_member_a,
    )

    row = Entry.objects.get(pk=entry.pk)
    assert row.name == "Soep in Gent"
    assert row.live is True
    assert not entry_has_pending_changes(row)


def test_a_save_based_on_an_old_version_is_refused(atlas_gemeente_a, atlas_owner, atlas_member_a):
    entry = _published(atlas_gemeente_a, atlas_owner)
    seen = entry.version
    entry_update(entry=entry, data={"name": "Eerst"}, expected_version=seen, user=atlas_member_a)

    with pytest.raises(ConflictError, match="Iemand anders heeft deze fiche"):
        entry_update(entry=entry, data={"name": "Tweede"}, expected_version=seen, user=atlas_owner)
    assert Entry.objects.get(pk=entry.pk).name == "Eerst"


def test_a_stranger_cannot_edit(atlas_gemeente_a, atlas_member_b):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a)

    with pytest.raises(PermissionDenied):
        entry_update(
            entry=entry, data={"name": "Nee"}, expected_version=entry.version, user=atlas_member_b
        )


def test_archiving_takes_the_entry_offline(atlas_gemeente_a, atlas_owner, atlas_member_a):
    entry = _published(atlas_gemeente_a, atlas_owner)

    archived = entry_archive(entry=entry, user=atlas_member_a)

    assert (archived.status, archived.live) == (EntryStatus.ARCHIVED, False)
    with pytest.raises(PermissionDenied):
        entry_archive(entry=entry, user=atlas_owner)


def test_confirming_freshness_moves_the_date_and_the_version(atlas_gemeente_a, atlas_owner):
    import datetime

    entry = ContributeEntryFactory(
        municipality=atlas_gemeente_a,
        owner=atlas_owner,
        last_confirmed_at=datetime.date(2020, 1, 1),
    )
    assert not entry_is_fresh(entry)

    confirmed = entry_confirm_fresh(entry=entry, user=atlas_owner)

    assert entry_is_fresh(confirmed)
    assert confirmed.version == entry.version + 1


def test_only_staff_set_the_baz_collaboration(atlas_gemeente_a, atlas_member_a, atlas_redactie):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a, kind=EntryKind.LOCAL_GOVERNMENT)
    with pytest.raises(PermissionDenied):
        entry_set_baz_collaboration(entry=entry, user=atlas_member_a, value=True)

    assert entry_set_baz_collaboration(
        entry=entry, user=atlas_redactie, value=True
    ).baz_collaboration


def test_a_local_government_profile_keeps_its_support_offer_checklist(
    atlas_gemeente_a, atlas_member_a
):
    entry = entry_create(
        kind=EntryKind.LOCAL_GOVERNMENT,
        data=_data(atlas_gemeente_a, name="Stad Gent"),
        user=atlas_member_a,
        support_offers={"ruimte": "Zaal in het buurthuis", "subsidie": ""},
    )
    published = entry_publish(entry=entry, user=atlas_member_a)

    assert {o.item: o.text for o in published.support_offers.all()} == {
        "ruimte": "Zaal in het buurthuis",
        "subsidie": "",
    }


def test_a_municipality_user_publishes_a_pending_owner_edit_with_its_themes(
    atlas_gemeente_a, atlas_owner, atlas_member_a
):
    entry = _published(atlas_gemeente_a, atlas_owner)
    theme = Theme.objects.first()
    entry_update(
        entry=entry, data={"themes": [theme]}, expected_version=entry.version, user=atlas_owner
    )

    published = entry_publish(entry=entry, user=atlas_member_a)

    assert list(published.themes.all()) == [theme]
    assert not entry_has_pending_changes(published)


def test_approving_an_older_edit_keeps_what_staff_and_the_owner_set_on_the_row_meanwhile(
    atlas_gemeente_a, atlas_owner, atlas_redactie
):
    entry = ContributeEntryFactory(
        municipality=atlas_gemeente_a,
        kind=EntryKind.LOCAL_GOVERNMENT,
        owner=atlas_owner,
        published=True,
        last_confirmed_at=date(2025, 1, 10),
    )
    edited = entry_update(
        entry=entry,
        data={"summary": "Het aanspreekpunt voor burgerinitiatieven in Gent."},
        expected_version=entry.version,
        user=atlas_owner,
    )
    assert entry_has_pending_changes(edited)
    # While the edit waits: BAZ marks the collaboration, the owner confirms the entry.
    entry_set_baz_collaboration(entry=edited, user=atlas_redactie, value=True)
    entry_confirm_fresh(entry=Entry.objects.get(pk=entry.pk), user=atlas_owner)

    approved = entry_approve(entry=Entry.objects.get(pk=entry.pk), user=atlas_redactie)

    approved.refresh_from_db()
    assert approved.summary == "Het aanspreekpunt voor burgerinitiatieven in Gent."
    assert approved.baz_collaboration is True
    assert approved.last_confirmed_at == timezone.localdate()
    assert approved.owner == atlas_owner
