"""The registry of a person's own data: every app's part is downloaded and erased.

The guards here are meant for future features: a new model with an address, a name or an
account link fails `test_every_model_with_a_person_field_is_covered_or_exempt` until its app
registers it in its `privacy.py`; `test_deleting_an_account_leaves_no_trace` searches every
text field of every model for the person's address and name after the erasure.
"""

import json
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from baz.accounts.models import Invitation, Membership, Role
from baz.accounts.privacy import (
    ACCOUNT_ORDER,
    MAIL_ORDER,
    exempt_models,
    providers,
    user_account_delete,
    user_data_export,
)
from baz.accounts.tests.factories import MunicipalityFactory, UserFactory
from baz.atlas.models import (
    ContactRelay,
    CorrectionRequest,
    Entry,
    EntryEvent,
    EntryEventKind,
    EntryKind,
    EntryStatus,
)
from baz.atlas.tests.factories import EntryFactory
from baz.coaching.models import (
    Agreement,
    CoachingRequest,
    Message,
    SessionEvaluation,
    SessionParticipant,
    State,
    TrainingSession,
    Trajectory,
)
from baz.contact.tests.factories import ContactMessageFactory
from baz.learning.models import Reflection
from baz.mail.services import email_queue
from baz.search.models import SearchDocument

pytestmark = pytest.mark.django_db

ADDRESS = "xandrien.quibbelaar@example.org"
FIRST, LAST = "Xandrien", "Quibbelaar"

# Field names that hold a person's name, whatever the model.
PERSON_NAME_FIELDS = {"first_name", "last_name", "username", "trainer"}


def _person_fields(model: type[models.Model]) -> list[str]:
    """The fields through which a model holds a person: addresses, names, IP addresses, and
    account links the database does not clear by itself when the account goes."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        field.name for field in model._meta.concrete_fields if _holds_a_person(field, user_model)
    ]


def _holds_a_person(field: models.Field, user_model: type[models.Model]) -> bool:
    if isinstance(field, (models.EmailField, models.GenericIPAddressField)):
        return True
    if isinstance(field, (models.CharField, models.TextField)):
        return field.name in PERSON_NAME_FIELDS or field.name.endswith(("_name", "_email"))
    return (
        isinstance(field, models.ForeignKey)
        and field.related_model is user_model
        and field.remote_field.on_delete not in (models.CASCADE, models.SET_NULL)
    )


def test_every_model_with_a_person_field_is_covered_or_exempt():
    covered = {label for provider in providers() for label in provider.models}
    exempt = exempt_models()
    assert not covered & set(exempt), "a model is either erased or exempt, not both"
    missing = {}
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        fields = _person_fields(model)
        if fields and model._meta.label not in covered | set(exempt):
            missing[model._meta.label] = fields
    assert missing == {}, (
        "Register these models in their app's privacy.py (a provider's `models`), or "
        "`register_exempt` them with a reason"
    )
    known = {model._meta.label for model in apps.get_models()}
    assert (covered | set(exempt)) <= known, "a listed model does not exist"
    assert all(reason.strip() for reason in exempt.values())


def test_erasure_runs_the_outbox_after_the_apps_and_the_account_last():
    ordered = providers()
    names = [provider.name for provider in ordered]
    assert {"accounts", "contact", "atlas", "coaching", "learning", "mail"} <= set(names)
    assert names[-1] == "accounts"
    assert ordered[-1].order == ACCOUNT_ORDER
    assert names[-2] == "mail"
    assert ordered[-2].order == MAIL_ORDER


# --- A person with data in every app ------------------------------------------------------


@pytest.fixture
def person(db):
    gent = MunicipalityFactory(refnis="44021", name_nl="Gent", slug="gent")
    user = UserFactory(email=ADDRESS, first_name=FIRST, last_name=LAST, groups=["Gemeente"])
    Membership.objects.create(user=user, municipality=gent, role=Role.BEHEERDER)
    return user


@pytest.fixture
def data(person):
    """Rows in every registered app that hold the person's address or name."""
    gent = person.memberships.get().municipality
    other = UserFactory(email="iemand.anders@example.org")
    now = timezone.now()
    rows = {}
    # accounts: an invitation they received and accepted
    invitation = Invitation.objects.create(
        email=ADDRESS,
        first_name=FIRST,
        last_name=LAST,
        group=person.groups.get(),
        role=Role.BEHEERDER,
        token_hash="x" * 64,
        expires_at=now + timedelta(days=7),
        accepted_at=now,
        accepted_by=person,
    )
    invitation.municipalities.add(gent)
    AccessAttempt.objects.create(
        username=ADDRESS,
        ip_address="192.0.2.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/aanmelden/",
        failures_since_start=1,
    )
    # atlas: an initiative they own, the municipality's profile naming them, one they proposed
    rows["initiative"] = EntryFactory(
        name="Soepcafé De Ketel",
        municipality=gent,
        owner=person,
        submitter_email=ADDRESS,
        contact_name=f"{FIRST} {LAST}",
        contact_email=ADDRESS,
    )
    rows["initiative"].save_revision()
    rows["profile"] = EntryFactory(
        kind=EntryKind.LOCAL_GOVERNMENT,
        name="Stad Gent",
        municipality=gent,
        owner=person,
        contact_name=f"{FIRST} {LAST}",
        contact_email=ADDRESS,
    )
    rows["profile"].save_revision()
    rows["proposed"] = EntryFactory(
        name="Repair Café Ledeberg",
        municipality=gent,
        status=EntryStatus.SUBMITTED,
        live=False,
        submitter_email=ADDRESS,
    )
    ContactRelay.objects.create(
        entry=rows["proposed"],
        sender_name=f"{FIRST} {LAST}",
        sender_email=ADDRESS,
        message=f"Dag, ik ben {FIRST}.",
        recipient_email="initiatief@example.org",
    )
    ContactRelay.objects.create(
        entry=rows["initiative"],
        sender_name="Jan",
        sender_email="jan@example.org",
        message="Mag ik meedoen?",
        recipient_email=ADDRESS,
    )
    CorrectionRequest.objects.create(
        entry=rows["proposed"], message=f"Groeten, {FIRST} {LAST}", reporter_email=ADDRESS
    )
    # contact: a message from their address
    ContactMessageFactory(email=ADDRESS, name=f"{FIRST} {LAST}", body="Mijn vraag")
    # coaching: their request, a session they attended and evaluated, a message, an agreement
    trajectory = Trajectory.objects.create(municipality=gent, state=State.TRAINING)
    CoachingRequest.objects.create(
        trajectory=trajectory,
        municipality=gent,
        name=f"{FIRST} {LAST}",
        role="beleidsmedewerker",
        email=ADDRESS,
        phone="09 111 22 33",
        motivation="We willen burgerinitiatieven beter ondersteunen.",
    )
    session = TrainingSession.objects.create(
        trajectory=trajectory,
        topic="Samen met burgers",
        starts_at=now,
        ends_at=now + timedelta(hours=2),
        trainer="Carla Coach",
    )
    participant = SessionParticipant.objects.create(
        session=session, name=f"{FIRST} {LAST}", email=ADDRESS, user=person, attended=True
    )
    SessionEvaluation.objects.create(
        participant=participant, session=session, rating=5, useful="De voorbeelden."
    )
    SessionParticipant.objects.create(session=session, name="Jan", email="jan@example.org")
    Message.objects.create(
        trajectory=trajectory, author=person, author_name=f"{FIRST} {LAST}", body="Dank je!"
    )
    Message.objects.create(
        trajectory=trajectory, author=other, author_name="Iemand Anders", body="Graag gedaan."
    )
    rows["agreement"] = Agreement.objects.create(
        trajectory=trajectory,
        title="Een aanspreekpunt voor initiatieven",
        owner_name=f"{FIRST} {LAST}",
        owner_email=ADDRESS,
    )
    # learning: a reflection they started in the workspace
    rows["reflection"] = Reflection.objects.create(
        owner=person,
        municipality=gent,
        in_workspace=True,
        last_activity_at=now,
        needs={"text": "Een vast aanspreekpunt."},
    )
    # mail: what the platform sent them
    email_queue(
        to=ADDRESS,
        subject=f"Dag {FIRST}",
        template="mail/test_message",
        context={"name": FIRST, "note": "Je aanvraag is goed aangekomen."},
    )
    return rows


def test_the_download_holds_every_apps_part_including_coaching_and_learning(client, person, data):
    client.force_login(person)

    response = client.get("/mijn/gegevens/download/")

    exported = json.loads(response.content)
    assert exported["account"]["email"] == ADDRESS
    assert [i["status"] for i in exported["invitations"]] == ["accepted"]
    assert {e["name"] for e in exported["atlas_entries"]} == {
        "Soepcafé De Ketel",
        "Stad Gent",
        "Repair Café Ledeberg",
    }
    assert len(exported["atlas_relayed_messages"]) == 2
    assert [c["email"] for c in exported["atlas_correction_requests"]] == [ADDRESS]
    assert [m["message"] for m in exported["contact_messages"]] == ["Mijn vraag"]
    assert [r["email"] for r in exported["coaching_requests"]] == [ADDRESS]
    [session] = exported["coaching_sessions"]
    assert session["attended"] is True
    assert session["evaluation"]["rating"] == 5
    assert [m["message"] for m in exported["coaching_messages"]] == ["Dank je!"]
    assert [a["agreement"] for a in exported["coaching_agreements"]] == [
        "Een aanspreekpunt voor initiatieven"
    ]
    [reflection] = exported["reflections"]
    assert reflection["needs"] == {"text": "Een vast aanspreekpunt."}
    assert [m["subject"] for m in exported["emails"]] == [f"Dag {FIRST}"]


def test_the_download_holds_only_the_persons_own_data(person, data):
    exported = user_data_export(user=person)

    flat = json.dumps(exported)
    assert "Graag gedaan." not in flat, "another person's coaching message"
    assert "jan@example.org" not in json.dumps(exported["coaching_sessions"])


def _rows_mentioning(*needles: str) -> dict[str, int]:
    """Every row of every model whose text (or JSON) fields contain one of the needles."""
    found = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        match = Q()
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField, models.JSONField)):
                for needle in needles:
                    match |= Q(**{f"{field.name}__icontains": needle})
        if match and (count := model._base_manager.filter(match).count()):
            found[model._meta.label] = count
    return found


def test_deleting_an_account_leaves_no_trace_of_the_persons_address_or_name(person, data):
    assert _rows_mentioning(ADDRESS, LAST), "the fixture holds the person's data"

    result = user_account_delete(user=person, confirmed=True)

    assert _rows_mentioning(ADDRESS, LAST) == {}
    assert set(result.counts) == {provider.name for provider in providers()}
    # What belongs to others stays: the municipality's profile, the trajectory's rows.
    profile = Entry.objects.get(pk=data["profile"].pk)
    assert (profile.status, profile.owner) == (EntryStatus.PUBLISHED, None)
    assert SessionParticipant.objects.filter(name="Jan").exists()
    assert Message.objects.filter(body="Graag gedaan.", author_name="Iemand Anders").exists()
    agreement = Agreement.objects.get(pk=data["agreement"].pk)
    assert (agreement.owner_name, agreement.owner_email) == ("Gemeente", "")
    assert SessionEvaluation.objects.get().participant is None
    reflection = Reflection.objects.get(pk=data["reflection"].pk)
    assert reflection.owner is None
    assert reflection.in_workspace
    # Archiving for the erasure is in the entry's history.
    assert EntryEvent.objects.filter(
        entry=data["initiative"], kind=EntryEventKind.ARCHIVED
    ).exists()


def test_entries_archived_by_the_erasure_leave_the_search_index(person, data):
    def indexed(entry):
        return SearchDocument.objects.filter(
            content_type__model="entry", object_id=entry.pk
        ).exists()

    # Its contact is someone else, so nothing saves it individually during the erasure.
    elsewhere = EntryFactory(
        name="Buurtmoestuin", municipality=data["profile"].municipality, owner=person
    )
    assert indexed(elsewhere)
    assert indexed(data["profile"])

    user_account_delete(user=person, confirmed=True)

    assert not indexed(elsewhere), "an archived entry is not found any more"
    assert indexed(data["profile"]), "the municipality's profile stays findable"
