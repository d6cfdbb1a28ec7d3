"""IDOR sweep: every URL that names an object, requested by the wrong user (issue #9).

The URLconf is walked like the other sweeps (tests/test_hostile_input.py). Every pattern that
captures an identifier (pk, token, refnis, ...) and whose view is ours must appear in exactly
one of three tables below:

- COVERED: object URLs of one municipality's (or one person's) data. The object is made for
  municipality A (Gent), then each case is requested, GET and POST, by the owner (must work:
  proves the object is right) and by the wrong users: anonymous, an initiatiefnemer of another
  entry, a medewerker and a beheerder of municipality B (Leuven), a coach and redactie. Each
  wrong user gets exactly what the matrix says (login redirect, 403 or 404) and nothing in the
  database changes, not even an outbox message.
- CAPABILITIES: private links whose token is the permission (reflection links, invitations,
  calendar feeds, evaluation forms, confirmation links). A made-up token opens nothing and
  changes nothing, for every role.
- PUBLIC: object URLs that are public on purpose (published entries, municipality pages).

A new object URL that is in none of them makes `test_every_object_url_is_covered` fail.
Wagtail's own admin views (pages, snippets, images, documents, users, ...) are guarded by
Wagtail's permission policies; `test_admin_object_urls_need_admin_access` checks that none of
them is reachable for a municipality user or an initiatiefnemer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from baz.accounts.models import Role
from baz.accounts.tests.factories import MunicipalityFactory, UserFactory, member

pytestmark = [pytest.mark.django_db, pytest.mark.sweep]

ADMIN = settings.ADMIN_URL_PREFIX.strip("/")

# Roles that must not reach another municipality's (or person's) object. The *_unverified
# roles are staff accounts logged in with their password alone: no staff right on any path.
WRONG_ROLES = (
    "anon",
    "initiatiefnemer_b",
    "medewerker_b",
    "beheerder_b",
    "coach",
    "redactie",
    "coach_unverified",
    "redactie_unverified",
    "superuser_unverified",
)
STAFF = frozenset({"coach", "redactie"})
REDACTIE = frozenset({"redactie"})


@dataclass(frozen=True)
class Case:
    """One object URL: who owns it, what a POST sends, which wrong roles are in fact allowed."""

    kwargs: Any  # callable(world) -> URL kwargs
    owner: str  # role that must get a 2xx/3xx GET (or POST when post_only)
    allowed: frozenset[str] = frozenset()  # roles among WRONG_ROLES that may use it
    post: dict[str, Any] | None = field(default=None)  # None: the view takes no POST
    get: bool = True  # False: POST-only view (GET must be refused for everyone)
    not_found_for_owner: bool = False  # e.g. a draft entry on the public site


def _w(attr: str, key: str = "pk") -> Any:
    return lambda world: {key: getattr(world, attr).pk}


def _trajectory(world: Any) -> dict[str, int]:
    return {"trajectory_pk": world.trajectory.pk}


def _entry_public(world: Any) -> dict[str, Any]:
    return {"pk": world.entry_draft.pk, "slug": world.entry_draft.slug}


def _original_image(world: Any) -> dict[str, str]:
    """A Wagtail image's original file (staff only: it may belong to an unmoderated proposal)."""
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    if not hasattr(world, "original_image"):
        world.original_image = get_image_model().objects.create(
            title="Origineel", file=get_test_image_file()
        )
    folder, name = world.original_image.file.name.split("/", 1)
    return {"folder": folder, "name": name}


COVERED: dict[str, Case] = {
    # --- core: uploads only staff see ---------------------------------------------------------
    "accounts:staff_media": Case(kwargs=_original_image, owner="redactie", allowed=STAFF),
    # --- accounts ------------------------------------------------------------------------------
    "accounts:colleague_invite": Case(
        kwargs=lambda w: {"refnis": w.gemeente_a.refnis},
        owner="beheerder_a",
        allowed=REDACTIE,
        post={"email": "nieuw.collega@example.org", "role": Role.MEDEWERKER},
    ),
    "accounts:invitation_revoke": Case(
        kwargs=_w("invitation"), owner="beheerder_a", allowed=REDACTIE, post={}, get=False
    ),
    # An invitation to join for an existing account: only that account answers it.
    "accounts:invitation_respond": Case(
        kwargs=_w("join_invitation"),
        owner="initiatiefnemer_a",
        post={"answer": "accept"},
        get=False,
    ),
    # The team: everyone of the municipality sees it (coaches and redactie too); a beheerder
    # (and redactie) changes it. Members of another municipality get a 404.
    "accounts:team": Case(
        kwargs=lambda w: {"refnis": w.gemeente_a.refnis}, owner="medewerker_a", allowed=STAFF
    ),
    "accounts:membership_role": Case(
        kwargs=lambda w: {"refnis": w.gemeente_a.refnis, "pk": w.membership_medewerker_a.pk},
        owner="beheerder_a",
        allowed=REDACTIE,
        post={"role": Role.BEHEERDER},
        get=False,
    ),
    "accounts:membership_remove": Case(
        kwargs=lambda w: {"refnis": w.gemeente_a.refnis, "pk": w.membership_medewerker_a.pk},
        owner="beheerder_a",
        allowed=REDACTIE,
        post={},
    ),
    # Only your own membership: nobody else leaves for you (redactie, not a member, gets 404).
    "accounts:membership_leave": Case(
        kwargs=lambda w: {"refnis": w.gemeente_a.refnis}, owner="medewerker_a", post={}
    ),
    "accounts:invitation_resend": Case(
        kwargs=_w("invitation"), owner="beheerder_a", allowed=REDACTIE, post={}, get=False
    ),
    "accounts_invitation_revoke": Case(
        kwargs=_w("invitation"), owner="redactie", allowed=REDACTIE, post={}, get=False
    ),
    # --- atlas: the workspace -----------------------------------------------------------------
    "atlas_contribute:mijn_profile_ensure": Case(
        kwargs=lambda w: {"refnis": w.gemeente_a.refnis},
        owner="medewerker_a",
        allowed=REDACTIE,
        post={},
        get=False,
    ),
    "atlas_contribute:mijn_entry_edit": Case(
        kwargs=_w("entry_own"),
        owner="initiatiefnemer_a",
        allowed=REDACTIE,
        post={"name": "Overgenomen", "summary": "Door iemand anders."},
    ),
    "atlas_contribute:mijn_entry_publish": Case(
        kwargs=_w("entry_own"), owner="medewerker_a", allowed=REDACTIE, post={}, get=False
    ),
    "atlas_contribute:mijn_entry_submit": Case(
        kwargs=_w("entry_own"), owner="initiatiefnemer_a", allowed=REDACTIE, post={}, get=False
    ),
    "atlas_contribute:mijn_entry_confirm_fresh": Case(
        kwargs=_w("entry_live"), owner="medewerker_a", allowed=REDACTIE, post={}, get=False
    ),
    # A bulk-import upload is its uploader's alone: not even redactie opens someone else's.
    "atlas_contribute:mijn_import_preview": Case(
        kwargs=lambda w: {"key": w.import_upload.key},
        owner="beheerder_a",
        post={"digest": "gezien", "rij-2": "bijwerken"},
    ),
    "atlas_contribute:mijn_import_done": Case(
        kwargs=lambda w: {"key": w.import_upload.key}, owner="beheerder_a"
    ),
    # --- atlas: the public site (a draft is nobody's page) -------------------------------------
    "atlas:entry": Case(kwargs=_entry_public, owner="medewerker_a", not_found_for_owner=True),
    "atlas:entry_contact": Case(
        kwargs=_entry_public,
        owner="medewerker_a",
        post={"name": "Piet", "email": "piet@example.org", "message": "Hallo, dit is een test."},
        not_found_for_owner=True,
        get=False,
    ),
    "atlas:entry_correction": Case(
        kwargs=_entry_public,
        owner="medewerker_a",
        post={"message": "Het adres klopt niet meer."},
        not_found_for_owner=True,
        get=False,
    ),
    # --- atlas: the admin -----------------------------------------------------------------------
    "atlas_moderation_approve": Case(
        kwargs=_w("entry_submitted"), owner="redactie", allowed=REDACTIE, post={}, get=False
    ),
    "atlas_moderation_reject": Case(
        kwargs=_w("entry_submitted"),
        owner="redactie",
        allowed=REDACTIE,
        post={"reason": "Geen burgerinitiatief."},
    ),
    "atlas_archive": Case(
        kwargs=_w("entry_live"), owner="redactie", allowed=REDACTIE, post={}, get=True
    ),
    # Wagtail's snippet editor, with our view (it keeps the many-to-many choices of a draft).
    "wagtailsnippets_atlas_entry:edit": Case(
        kwargs=_w("entry_live"), owner="redactie", allowed=REDACTIE, post={}
    ),
    "atlas_collaboration:set": Case(
        kwargs=_w("profile_a"), owner="coach", allowed=STAFF, post={"collaboration": "on"}
    ),
    "atlas_corrections:handle": Case(
        kwargs=_w("correction"), owner="redactie", allowed=REDACTIE, post={}, get=True
    ),
    # --- contact inbox (admin) ----------------------------------------------------------------
    "contact_inbox_detail": Case(kwargs=_w("contact_message"), owner="coach", allowed=STAFF),
    "contact_inbox_update": Case(
        kwargs=_w("contact_message"),
        owner="coach",
        allowed=STAFF,
        post={"status": "closed"},
        get=False,
    ),
    "contact_inbox_reply": Case(
        kwargs=_w("contact_message"),
        owner="coach",
        allowed=STAFF,
        post={"subject": "Antwoord", "body": "Dag Sara, hier is ons antwoord."},
        get=False,
    ),
    # --- outbox (admin; model permission, superuser only) ------------------------------------
    "outbox:inspect": Case(kwargs=_w("outbox_message"), owner="superuser", allowed=REDACTIE),
    "outbox:resend": Case(
        kwargs=_w("outbox_message"), owner="superuser", allowed=REDACTIE, post={}
    ),
    # --- learning: reflections in the workspace (members only, never other staff) --------------
    "learning:mijn_reflection_resume": Case(kwargs=_w("reflection"), owner="medewerker_a"),
    "learning:mijn_reflection_step": Case(
        kwargs=lambda w: {"pk": w.reflection.pk, "step": 1},
        owner="medewerker_a",
        post={"initiatives": ["buurtwerking"], "note": "Overgenomen"},
    ),
    "learning:mijn_reflection_summary": Case(kwargs=_w("reflection"), owner="medewerker_a"),
    "learning:mijn_reflection_pdf": Case(kwargs=_w("reflection"), owner="medewerker_a"),
    "learning:mijn_reflection_new_link": Case(
        kwargs=_w("reflection"), owner="medewerker_a", post={}, get=False
    ),
    "learning:mijn_reflection_revoke": Case(
        kwargs=_w("reflection_linked"), owner="medewerker_a", post={}
    ),
    # --- coaching: the workspace --------------------------------------------------------------
    "coaching:mijn_detail": Case(kwargs=_w("trajectory"), owner="medewerker_a", allowed=STAFF),
    "coaching:mijn_analysis": Case(kwargs=_w("trajectory"), owner="medewerker_a", allowed=STAFF),
    "coaching:mijn_training": Case(kwargs=_w("trajectory"), owner="medewerker_a", allowed=STAFF),
    "coaching:mijn_agreements": Case(kwargs=_w("trajectory"), owner="medewerker_a", allowed=STAFF),
    "coaching:mijn_messages": Case(kwargs=_w("trajectory"), owner="medewerker_a", allowed=STAFF),
    "coaching:mijn_message": Case(
        kwargs=_w("trajectory"),
        owner="medewerker_a",
        allowed=STAFF,
        post={"body": "Mag ik meelezen?"},
        get=False,
    ),
    # Only a beheerder of the municipality gives consent for the public map in /mijn/.
    "coaching:mijn_map_consent": Case(
        kwargs=_w("trajectory"),
        owner="beheerder_a",
        post={"map_consent": "on"},
        get=False,
    ),
    "coaching:session_ics": Case(kwargs=_w("session"), owner="medewerker_a", allowed=STAFF),
    "coaching:calendar_token": Case(
        kwargs=_trajectory, owner="medewerker_a", allowed=STAFF, post={"action": "rotate"}
    ),
    "coaching:material_download": Case(kwargs=_w("material"), owner="medewerker_a", allowed=STAFF),
    "coaching:agreement_status": Case(
        kwargs=_w("agreement"),
        owner="medewerker_a",
        allowed=STAFF,
        post={"status": "done"},
        get=False,
    ),
    "coaching:report": Case(kwargs=_trajectory, owner="medewerker_a", allowed=STAFF),
    "coaching:report_pdf": Case(kwargs=_trajectory, owner="medewerker_a", allowed=STAFF),
    # --- coaching: the admin (coaches and redactie only) ----------------------------------------
    "coaching_admin_detail": Case(kwargs=_w("trajectory"), owner="coach", allowed=STAFF),
    "coaching_admin_transition": Case(
        kwargs=_w("trajectory"),
        owner="coach",
        allowed=STAFF,
        post={"target": "stopped"},
        get=False,
    ),
    "coaching_admin_coaches": Case(
        kwargs=_w("trajectory"),
        owner="coach",
        allowed=STAFF,
        post={"coaches": []},
        get=False,
    ),
    "coaching_admin_phase": Case(
        kwargs=lambda w: {"pk": w.trajectory.pk, "phase": "analyse"},
        owner="coach",
        allowed=STAFF,
        post={"summary": "Overgenomen"},
        get=False,
    ),
    "coaching_admin_note": Case(
        kwargs=_w("trajectory"),
        owner="coach",
        allowed=STAFF,
        post={"body": "Notitie", "visibility": "shared", "kind": "note"},
        get=False,
    ),
    "coaching_admin_analysis": Case(
        kwargs=_w("trajectory"),
        owner="coach",
        allowed=STAFF,
        post={"analysis_summary": "x"},
        get=False,
    ),
    "coaching_admin_inventory": Case(
        kwargs=_w("trajectory"), owner="coach", allowed=STAFF, post={}, get=False
    ),
    "coaching_admin_consent": Case(
        kwargs=_w("trajectory"),
        owner="coach",
        allowed=STAFF,
        post={"map_consent": "on"},
        get=False,
    ),
    "coaching_admin_message": Case(
        kwargs=_w("trajectory"),
        owner="coach",
        allowed=STAFF,
        post={"body": "Dag Gent"},
        get=False,
    ),
    "coaching_admin_invite": Case(
        kwargs=lambda w: {"pk": w.trajectory.pk, "request_pk": w.coaching_request.pk},
        owner="coach",
        allowed=STAFF,
        post={},
        get=False,
    ),
    "coaching_admin_request_decline": Case(
        kwargs=lambda w: {"pk": w.trajectory.pk, "request_pk": w.coaching_request.pk},
        owner="coach",
        allowed=STAFF,
        post={},
        get=False,
    ),
    "coaching_phases_overview": Case(kwargs=_trajectory, owner="coach", allowed=STAFF),
    "coaching_phases_session_create": Case(
        kwargs=_trajectory, owner="coach", allowed=STAFF, post={"topic": "Overgenomen"}
    ),
    "coaching_phases_session_edit": Case(
        kwargs=_w("session"), owner="coach", allowed=STAFF, post={"topic": "Overgenomen"}
    ),
    "coaching_phases_session_cancel": Case(
        kwargs=_w("session"), owner="coach", allowed=STAFF, post={}
    ),
    "coaching_phases_session_attendance": Case(
        kwargs=_w("session"), owner="coach", allowed=STAFF, post={}
    ),
    "coaching_phases_session_follow_up": Case(
        kwargs=_w("session"),
        owner="coach",
        allowed=STAFF,
        post={},
        get=False,
    ),
    "coaching_phases_session_evaluations": Case(kwargs=_w("session"), owner="coach", allowed=STAFF),
    "coaching_phases_material_create": Case(
        kwargs=_trajectory, owner="coach", allowed=STAFF, post={"title": "Overgenomen"}
    ),
    "coaching_phases_material_delete": Case(
        kwargs=_w("material"),
        owner="coach",
        allowed=STAFF,
        post={},
        get=False,
    ),
    "coaching_phases_agreements": Case(kwargs=_trajectory, owner="coach", allowed=STAFF),
    "coaching_phases_agreement_create": Case(
        kwargs=_trajectory, owner="coach", allowed=STAFF, post={"title": "Overgenomen"}
    ),
    "coaching_phases_agreement_edit": Case(
        kwargs=_w("agreement"), owner="coach", allowed=STAFF, post={"title": "Overgenomen"}
    ),
    "coaching_phases_agreement_delete": Case(
        kwargs=_w("agreement"),
        owner="coach",
        allowed=STAFF,
        post={},
        get=False,
    ),
    "coaching_phases_report": Case(kwargs=_trajectory, owner="coach", allowed=STAFF),
}

# URLs without an identifier in their path whose POST names an object of one municipality in
# its body: {url name: callable(world) -> POST data for municipality A}. A wrong user must not
# put anything online for A (`test_wrong_users_cannot_publish_for_another_municipality`).
OBJECT_IN_BODY: dict[str, Any] = {
    "atlas_contribute:mijn_entry_add": lambda w: {
        "kind": "burgerinitiatief",
        "name": "Overgenomen initiatief",
        "summary": "Door iemand anders.",
        "description": "",
        "municipality": w.gemeente_a.pk,
    },
}

# Private links: the token is the permission. A made-up token must open nothing.
CAPABILITIES: dict[str, dict[str, Any]] = {
    "accounts:invitation_accept": {},
    "accounts:password_reset_confirm": {"uidb64": "MQ"},
    "atlas_contribute:confirm": {},
    "atlas_contribute:confirm_fresh": {},
    "learning:reflection_resume": {},
    "learning:reflection_step": {"step": 1},
    "learning:reflection_summary": {},
    "learning:reflection_pdf": {},
    "learning:reflection_new_link": {},
    "learning:reflection_revoke": {},
    "learning:reflection_claim": {},
    "coaching:calendar_feed": {},
    "coaching:evaluation": {},
}

# Object URLs that are public on purpose (published content, reference data).
PUBLIC = {
    "atlas:municipality",  # a municipality's public page (reference data)
    "stories:about_municipality",  # public stories about a municipality (htmx fragment)
    "learning:screencast_media",  # the published screencast's video and captions
    "media_rendition",  # image renditions outside production (nginx serves them in production)
}


def _walk(patterns: list[Any], prefix: str, namespace: str) -> list[tuple[str, str, str]]:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            found += _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            found.append((prefix + str(pattern.pattern), name or "", pattern.lookup_str))
    return found


def _all_patterns() -> list[tuple[str, str, str]]:
    return _walk(get_resolver().url_patterns, "", "")


def _takes_identifier(route: str) -> bool:
    return "<" in route or bool(re.search(r"\((?!\?:)", route))


def _object_url_names() -> set[str]:
    """Our views (baz.*) whose URL captures something."""
    return {
        name
        for route, name, lookup in _all_patterns()
        if lookup.startswith("baz.") and _takes_identifier(route)
    }


def test_every_object_url_is_covered():
    names = _object_url_names()
    assert "" not in names, "every object URL of ours needs a name to be covered"
    listed = set(COVERED) | set(CAPABILITIES) | PUBLIC
    assert not set(COVERED) & set(CAPABILITIES)
    assert not (set(COVERED) | set(CAPABILITIES)) & PUBLIC
    missing = sorted(names - listed - {"accounts:password_reset_confirm"})
    stale = sorted(listed - names - {"accounts:password_reset_confirm"})
    assert not missing, f"object URLs without an IDOR case: {missing}"
    assert not stale, f"IDOR cases for URLs that no longer exist: {stale}"


# --- The world: municipality A's objects and the people around them ----------------------------


class World:
    pass


@pytest.fixture
def world(db, settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "baz.mail.backends.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WAGTAILADMIN_BASE_URL = "https://burgersaanzet.example.org"

    from baz.accounts.services import invitation_create
    from baz.atlas.models import CorrectionRequest, EntryKind
    from baz.atlas.tests.factories_contribute import ContributeEntryFactory
    from baz.coaching.models import (
        Agreement,
        AgreementParty,
        CoachingRequest,
        Material,
        SessionParticipant,
        State,
        TrainingSession,
        Trajectory,
    )
    from baz.contact.tests.factories import ContactMessageFactory
    from baz.learning.services import reflection_new_link, reflection_start
    from baz.mail.tests.factories import OutboxMessageFactory

    w = World()
    w.gemeente_a = MunicipalityFactory(refnis="44021", name_nl="Gent", slug="gent")
    w.gemeente_b = MunicipalityFactory(refnis="24062", name_nl="Leuven", slug="leuven")
    w.users = {
        "medewerker_a": member(w.gemeente_a, Role.MEDEWERKER, email="medewerker.a@example.org"),
        "beheerder_a": member(w.gemeente_a, Role.BEHEERDER, email="beheerder.a@example.org"),
        "medewerker_b": member(w.gemeente_b, Role.MEDEWERKER, email="medewerker.b@example.org"),
        "beheerder_b": member(w.gemeente_b, Role.BEHEERDER, email="beheerder.b@example.org"),
        "initiatiefnemer_a": UserFactory(
            email="initiatiefnemer.a@example.org", groups=["Initiatiefnemer"]
        ),
        "initiatiefnemer_b": UserFactory(
            email="initiatiefnemer.b@example.org", groups=["Initiatiefnemer"]
        ),
        "coach": UserFactory(email="coach@example.org", groups=["Coach"]),
        "redactie": UserFactory(email="redactie@example.org", groups=["Redactie"]),
        "superuser": UserFactory(email="super@example.org", is_staff=True, is_superuser=True),
    }
    # The same staff accounts, in a session that did not pass the second factor.
    w.users["coach_unverified"] = w.users["coach"]
    w.users["redactie_unverified"] = w.users["redactie"]
    w.users["superuser_unverified"] = w.users["superuser"]
    u = w.users
    # Entries of A: one owned by initiatiefnemer A (draft), one live, one waiting for moderation,
    # the municipality profile; and the other initiatiefnemer's own entry in B.
    w.entry_own = ContributeEntryFactory(
        municipality=w.gemeente_a, owner=u["initiatiefnemer_a"], name="Soepbus Gent"
    )
    w.entry_draft = w.entry_own
    w.entry_live = ContributeEntryFactory(
        municipality=w.gemeente_a, published=True, name="Repair Café Gent"
    )
    w.entry_submitted = ContributeEntryFactory(
        municipality=w.gemeente_a, submitted=True, name="Buurtmoestuin Gent"
    )
    w.profile_a = ContributeEntryFactory(
        municipality=w.gemeente_a, published=True, kind=EntryKind.LOCAL_GOVERNMENT, name="Gent"
    )
    ContributeEntryFactory(
        municipality=w.gemeente_b, owner=u["initiatiefnemer_b"], name="Soepbus Leuven"
    )
    from baz.atlas.services.imports import import_upload_store

    w.import_upload = import_upload_store(
        user=u["beheerder_a"],
        municipality=w.gemeente_a,
        file_name="fiches.csv",
        content="Naam;Korte omschrijving\r\nRepair Café Gent;Samen herstellen.\r\n".encode(),
    )
    w.correction = CorrectionRequest.objects.create(
        entry=w.entry_live, message="Het telefoonnummer klopt niet."
    )
    w.invitation, _token = invitation_create(
        created_by=u["beheerder_a"],
        email="nieuwe.collega@example.org",
        group_name="Gemeente",
        municipalities=[w.gemeente_a],
        role=Role.MEDEWERKER,
    )
    w.join_invitation, _token = invitation_create(
        created_by=u["beheerder_a"],
        email=u["initiatiefnemer_a"].email,
        group_name="Gemeente",
        municipalities=[w.gemeente_a],
        role=Role.MEDEWERKER,
    )
    w.membership_medewerker_a = u["medewerker_a"].memberships.get(municipality=w.gemeente_a)
    w.contact_message = ContactMessageFactory()
    w.outbox_message = OutboxMessageFactory()
    w.reflection = reflection_start(user=u["medewerker_a"], municipality=w.gemeente_a).reflection
    w.reflection_linked = reflection_start(
        user=u["medewerker_a"], municipality=w.gemeente_a
    ).reflection
    reflection_new_link(reflection=w.reflection_linked, user=u["medewerker_a"])

    w.trajectory = Trajectory.objects.create(municipality=w.gemeente_a, state=State.TRAINING)
    w.trajectory.coaches.add(u["coach"])
    w.coaching_request = CoachingRequest.objects.create(
        trajectory=w.trajectory,
        municipality=w.gemeente_a,
        name="Ines Wouters",
        role="beleidsmedewerker",
        email="ines.gent@example.org",
        motivation="We willen burgerinitiatieven beter ondersteunen.",
    )
    start = timezone.now() + timedelta(days=10)
    w.session = TrainingSession.objects.create(
        trajectory=w.trajectory,
        topic="Ondersteunen zonder over te nemen",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Stadhuis Gent",
        trainer="Mira Janssens",
    )
    SessionParticipant.objects.create(session=w.session, name="Sara Claes", email="s@example.org")
    w.material = Material(trajectory=w.trajectory, title="Slides")
    w.material.file.save("slides.pdf", ContentFile(b"%PDF-1.4 slides"), save=True)
    w.agreement = Agreement.objects.create(
        trajectory=w.trajectory,
        title="Een vast aanspreekpunt",
        party=AgreementParty.MUNICIPALITY,
        owner_name="Ines Wouters",
    )
    return w


def _client_for(role: str, world: World, client_factory: Any, login_verified: Any) -> Any:
    client = client_factory()
    if role == "anon":
        return client
    user = world.users[role]
    if role in ("coach", "redactie", "superuser"):
        login_verified(client, user)
    else:
        client.force_login(user)
    return client


# Models whose rows a wrong user must never change (timestamps of logging in excluded).
_WATCHED_APPS = ("accounts", "atlas", "coaching", "learning", "contact", "mail", "core")
_VOLATILE = {"last_login"}


def _snapshot() -> dict[str, list[dict[str, Any]]]:
    state = {}
    for label in _WATCHED_APPS:
        for model in apps.get_app_config(label).get_models():
            rows = list(model.objects.order_by("pk").values())
            for row in rows:
                for key in _VOLATILE & row.keys():
                    del row[key]
            state[model._meta.label] = rows
    return state


def _is_login_redirect(response: Any) -> bool:
    if response.status_code != 302:
        return False
    location = response["Location"]
    return any(
        marker in location for marker in (settings.LOGIN_URL, f"/{ADMIN}/login/", "/aanmelden/")
    )


def _denied(response: Any, role: str) -> bool:
    if role == "anon":
        return _is_login_redirect(response) or response.status_code == 404
    if response.status_code in (403, 404) or _is_login_redirect(response):
        # Wagtail sends a logged-in user without admin access to its login page.
        return True
    # Wagtail's own refusal inside the admin: back to the dashboard with an error message.
    if role in STAFF and response.status_code == 302 and response["Location"] == f"/{ADMIN}/":
        return True
    # A staff session without the second factor is sent to that step.
    return (
        role.endswith("_unverified")
        and response.status_code == 302
        and response["Location"].startswith(("/aanmelden/", reverse("two_factor:setup")))
    )


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


@pytest.mark.parametrize("url_name", sorted(COVERED))
def test_wrong_users_cannot_reach_the_object(url_name, world, client_factory, login_verified):
    case = COVERED[url_name]
    url = reverse(url_name, kwargs=case.kwargs(world))
    clients = {
        role: _client_for(role, world, client_factory, login_verified) for role in WRONG_ROLES
    }
    before = _snapshot()
    failures = []
    for role, client in clients.items():
        if role in case.allowed:
            continue
        if case.get:
            response = client.get(url)
            if not _denied(response, role):
                failures.append(f"GET as {role}: {response.status_code}")
        if case.post is not None:
            response = client.post(url, case.post)
            if not _denied(response, role):
                failures.append(f"POST as {role}: {response.status_code}")
    assert not failures, f"{url}: {failures}"
    after = _snapshot()
    changed = [label for label in before if before[label] != after[label]]
    assert not changed, f"{url}: wrong users changed {changed}"


@pytest.mark.parametrize("url_name", sorted(COVERED))
def test_the_owner_reaches_the_object(url_name, world, client_factory, login_verified):
    """The same URL works for its owner: the refusals above are about the user, not the URL."""
    case = COVERED[url_name]
    url = reverse(url_name, kwargs=case.kwargs(world))
    client = _client_for(case.owner, world, client_factory, login_verified)
    if case.get:
        response = client.get(url)
        expected = {404} if case.not_found_for_owner else {200, 302}
        assert response.status_code in expected, (url, response.status_code)
    else:
        assert client.get(url).status_code in (405, 403, 404)
        response = client.post(url, case.post or {})
        expected = {404} if case.not_found_for_owner else {200, 302, 400}
        assert response.status_code in expected, (url, response.status_code)


@pytest.mark.parametrize("url_name", sorted(CAPABILITIES))
def test_a_made_up_token_opens_nothing(url_name, world, client_factory, login_verified):
    kwargs = {"token": "dit-is-geen-echte-sleutel-" + "x" * 20, **CAPABILITIES[url_name]}
    url = reverse(url_name, kwargs=kwargs)
    before = _snapshot()
    for role in ("anon", "medewerker_a", "coach"):
        client = _client_for(role, world, client_factory, login_verified)
        for method in ("get", "post"):
            response = getattr(client, method)(url, {})
            assert response.status_code in (400, 404, 405, 410) or (
                # The accounts views explain in a page that the link does not work.
                response.status_code == 200 and url_name.startswith("accounts:")
            ), (url, role, method, response.status_code)
    assert _snapshot() == before


def test_a_reflection_link_cannot_be_claimed_into_another_municipality(
    world, client_factory, login_verified
):
    """Someone with the link of A's reflection may not move it into B's workspace."""
    from baz.learning.models import Reflection
    from baz.learning.services import reflection_start

    started = reflection_start()  # by link only, no municipality yet
    reflection = started.reflection
    reflection.municipality = world.gemeente_a
    reflection.save(update_fields=["municipality"])
    url = reverse("learning:reflection_claim", kwargs={"token": started.token})
    for role in ("medewerker_b", "beheerder_b", "coach", "redactie", "initiatiefnemer_b"):
        client = _client_for(role, world, client_factory, login_verified)
        response = client.post(url, {})
        assert response.status_code in (302, 403, 404), (role, response.status_code)
        reflection.refresh_from_db()
        assert not reflection.in_workspace, role
    assert Reflection.objects.filter(in_workspace=True, municipality=world.gemeente_b).count() == 0


def test_admin_object_urls_need_admin_access(world, client_factory, login_verified):
    """Wagtail's own admin views with an identifier: never for municipality users."""
    routes = [
        (route, name)
        for route, name, lookup in _all_patterns()
        # The admin's password reset link is a capability like accounts:password_reset_confirm.
        if route.startswith(f"{ADMIN}/")
        and name != "wagtailadmin_password_reset_confirm"
        and _takes_identifier(route)
        and not lookup.startswith("baz.")
    ]
    assert len(routes) > 50
    for role in ("anon", "medewerker_b", "beheerder_b", "initiatiefnemer_b"):
        client = _client_for(role, world, client_factory, login_verified)
        for route, name in routes:
            path = "/" + re.sub(
                r"<(?:\w+:)?(\w+)>",
                lambda m: "1" if "pk" in m.group(1) or "id" in m.group(1) else "x",
                route,
            )
            path = re.sub(r"\^|\$|\(\?P<\w+>[^)]*\)|\([^)]*\)", "1", path).replace("\\", "")
            response = client.get(path)
            if response.status_code == 301:  # APPEND_SLASH for a regex route we filled in
                response = client.get(response["Location"])
            assert response.status_code in (302, 403, 404), (role, name, path, response.status_code)
            if response.status_code == 302:
                assert _is_login_redirect(response), (role, name, path, response["Location"])


# --- Public forms limited per visitor (no identifier, so in none of the tables above) ---------
#
# What another visitor could do through them is lock everyone out (all of Flanders comes from
# nginx's address) or learn whether an account exists. Each form is ours (Wagtail's reset form
# too), and one visitor over the limit leaves another visitor behind the same nginx alone.
# coaching:evaluation is limited the same way; its token makes it a capability (above) and its
# limit is tested in baz/coaching/tests/test_sessions_evaluation.py.


def _limited_forms() -> dict[str, dict[str, Any]]:
    import time

    from baz.coaching.services.trajectories import request_form_token

    login = {"login_view-current_step": "auth", "auth-password": "Fout-wachtwoord-1"}
    return {
        "accounts:password_reset": {"email": "medewerker.a@example.org"},
        "accounts:admin_password_reset": {"email": "redactie@example.org"},
        "two_factor:login": {**login, "auth-username": "medewerker.a@example.org"},
        "coaching:request": {
            "municipality": "Gent",
            "name": "Hanne Verstraeten",
            "role": "Beleidsmedewerker",
            "email": "hanne@example.org",
            "motivation": "Graag coaching.",
            "website": "",
            "started": request_form_token(now=time.time() - 60),
        },
    }


def test_limited_public_forms_are_ours_and_limit_only_the_visitor_over_the_limit(
    client, settings, monkeypatch
):
    from django.urls import resolve

    from baz.coaching.services import trajectories

    settings.TRUSTED_PROXY_COUNT = 1
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 1
    settings.LOGIN_FAILURE_LIMIT_PER_CLIENT = 1
    monkeypatch.setattr(trajectories, "REQUEST_RATE_LIMIT", 1)
    MunicipalityFactory(refnis="44021", name_nl="Gent", slug="gent")
    member(MunicipalityFactory(), Role.MEDEWERKER, email="medewerker.a@example.org")
    UserFactory(email="redactie@example.org", groups=["Redactie"])

    for n, (name, data) in enumerate(_limited_forms().items()):
        url = reverse(name)
        assert resolve(url).func.__module__.startswith("baz."), name
        busy, other = f"203.0.113.{n}", f"198.51.100.{n}"
        for _ in range(2):
            response = client.post(url, data, HTTP_X_FORWARDED_FOR=busy)
        assert response.status_code == 429, (name, response.status_code)
        response = client.post(url, data, HTTP_X_FORWARDED_FOR=other)
        assert response.status_code != 429, name


def _entry_form(entry: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "version": entry.version,
        "name": entry.name,
        "summary": entry.summary,
        "description": "",
        "municipality": entry.municipality_id,
    }
    data.update(overrides)
    return data


def test_a_municipality_user_cannot_move_an_entry_or_the_profile_into_another_municipality(
    world, client_factory, login_verified
):
    """mijn_entry_edit and mijn_entry_publish: A's medewerker cannot put anything online in B
    (Trust, part 1, item 1): a moved entry waits for the redactie, the profile does not move,
    and publishing the waiting move is refused."""
    from baz.atlas.models import Entry
    from baz.atlas.services.moderation import entry_has_pending_changes
    from baz.core.models import Municipality

    Municipality.objects.filter(pk__in=[world.gemeente_a.pk, world.gemeente_b.pk]).update(
        latitude=51.0, longitude=4.0
    )
    client = _client_for("medewerker_a", world, client_factory, login_verified)
    entry, profile = world.entry_live, world.profile_a
    edit = "atlas_contribute:mijn_entry_edit"

    response = client.post(
        reverse(edit, kwargs={"pk": entry.pk}),
        _entry_form(entry, municipality=world.gemeente_b.pk, name="Repair Café Leuven"),
    )
    assert response.status_code == 302
    row = Entry.objects.get(pk=entry.pk)
    assert (row.municipality_id, row.name) == (world.gemeente_a.pk, "Repair Café Gent")
    assert entry_has_pending_changes(row)

    publish = reverse("atlas_contribute:mijn_entry_publish", kwargs={"pk": entry.pk})
    assert client.post(publish).status_code == 403
    assert Entry.objects.get(pk=entry.pk).municipality_id == world.gemeente_a.pk

    before = _snapshot()
    response = client.post(
        reverse(edit, kwargs={"pk": profile.pk}),
        _entry_form(
            profile,
            municipality=world.gemeente_b.pk,
            regulation_url="https://kwaad.example.org/reglement",
        ),
    )
    assert response.status_code == 400
    assert _snapshot() == before


def test_a_municipality_user_cannot_switch_on_contact_of_an_initiative_they_do_not_own(
    world, client_factory, login_verified
):
    """mijn_entry_edit: only the owner consents to showing contact details (item 5)."""
    from baz.core.models import Municipality

    Municipality.objects.filter(pk=world.gemeente_a.pk).update(latitude=51.0, longitude=4.0)
    entry = world.entry_own  # owned by initiatiefnemer A
    url = reverse("atlas_contribute:mijn_entry_edit", kwargs={"pk": entry.pk})
    data = _entry_form(entry, contact_email="iemand@example.org", show_contact_email="on")
    client = _client_for("medewerker_a", world, client_factory, login_verified)
    before = _snapshot()

    response = client.post(url, data)

    assert response.status_code == 400
    assert _snapshot() == before
    owner = _client_for("initiatiefnemer_a", world, client_factory, login_verified)
    assert owner.post(url, data).status_code == 302
    entry.refresh_from_db()
    assert entry.show_contact_email is True
    assert entry.contact_consent_by_id == world.users["initiatiefnemer_a"].pk


@pytest.mark.parametrize("url_name", sorted(OBJECT_IN_BODY))
def test_wrong_users_cannot_publish_for_another_municipality(
    url_name, world, client_factory, login_verified
):
    """/mijn/fiches/nieuw/ names its municipality in the form: anonymous visitors go to the
    login, B's users get the form back with an error, and an entry from anyone else (an
    initiatiefnemer, a staff session without the second factor) waits for the redactie; only
    A's own users and verified redactie put it online."""
    from baz.atlas.models import Entry, EntryStatus
    from baz.core.models import Municipality

    Municipality.objects.filter(pk__in=[world.gemeente_a.pk, world.gemeente_b.pk]).update(
        latitude=51.0, longitude=4.0
    )
    url = reverse(url_name)
    data = OBJECT_IN_BODY[url_name](world)
    failures = []
    for role in WRONG_ROLES:
        client = _client_for(role, world, client_factory, login_verified)
        known = set(Entry.objects.values_list("pk", flat=True))
        before = _snapshot()
        response = client.post(url, data)
        new = Entry.objects.exclude(pk__in=known)
        if role == "anon" or role.startswith("medewerker_b") or role.startswith("beheerder_b"):
            if not (_denied(response, role) or response.status_code == 400):
                failures.append(f"POST as {role}: {response.status_code}")
            if _snapshot() != before:
                failures.append(f"POST as {role} changed the database")
        elif role in REDACTIE:
            continue
        elif new.filter(live=True).exists() or new.filter(status=EntryStatus.PUBLISHED).exists():
            failures.append(f"POST as {role} published for municipality A")
    assert not failures, f"{url}: {failures}"

    owner = _client_for("medewerker_a", world, client_factory, login_verified)
    assert owner.post(url, data).status_code == 302
    assert Entry.objects.filter(name=data["name"], status=EntryStatus.PUBLISHED).exists()
