"""Fixtures of the phase tests (sessions, agreements, report, retention, materials).

Test modules import them with `from baz.coaching.tests.phases_fixtures import *`; trajectories
are made directly with the ORM (state set directly), independent of the state machine.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from baz.accounts.tests.factories import MunicipalityFactory, UserFactory, member
from baz.coaching.models import (
    Agreement,
    AgreementParty,
    SessionParticipant,
    State,
    TrainingSession,
    Trajectory,
)

__all__ = [
    "coach",
    "gemeente_a",
    "gemeente_b",
    "held_session",
    "member_a",
    "member_b",
    "outbox_in_db",
    "phase_settings",
    "trajectory_a",
    "trajectory_b",
    "upcoming_session",
]


@pytest.fixture(autouse=True)
def phase_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.COACHING_REMINDER_DAYS_BEFORE = 7
    settings.COACHING_RETENTION_MONTHS = 24
    settings.COACHING_EVALUATION_DAYS = 30
    settings.COACHING_EVALUATION_MIN_FILL_SECONDS = 3
    settings.COACHING_EVALUATION_RATE_LIMIT = 5
    settings.COACHING_MATERIAL_MAX_MB = 1
    settings.WAGTAILADMIN_BASE_URL = "https://burgersaanzet.example.org"
    from django.core.cache import cache

    cache.clear()
    return settings


@pytest.fixture
def outbox_in_db(settings):
    """pytest-django swaps EMAIL_BACKEND for locmem; the outbox tables are what we check."""
    settings.EMAIL_BACKEND = "baz.mail.backends.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


@pytest.fixture
def gemeente_a(db):
    return MunicipalityFactory(refnis="44021", name_nl="Gent", slug="gent")


@pytest.fixture
def gemeente_b(db):
    return MunicipalityFactory(refnis="24062", name_nl="Leuven", slug="leuven")


@pytest.fixture
def coach(db):
    return UserFactory(
        email="coach.koen@example.org", first_name="Koen", last_name="Maes", groups=["Coach"]
    )


@pytest.fixture
def member_a(gemeente_a):
    return member(gemeente_a, email="ines.gent@example.org", first_name="Ines", last_name="Wouters")


@pytest.fixture
def member_b(gemeente_b):
    return member(gemeente_b, email="jonas.leuven@example.org", first_name="Jonas")


@pytest.fixture
def trajectory_a(gemeente_a, coach):
    trajectory = Trajectory.objects.create(
        municipality=gemeente_a,
        state=State.TRAINING,
        analysis_summary="Gent heeft veel buurtinitiatieven; de drempel naar de stad is hoog.",
        inventory_snapshot={"total": 12, "kinds": {"burgerinitiatief": 9, "organisatie": 3}},
    )
    trajectory.coaches.add(coach)
    return trajectory


@pytest.fixture
def trajectory_b(gemeente_b):
    return Trajectory.objects.create(municipality=gemeente_b, state=State.TRAINING)


@pytest.fixture
def held_session(trajectory_a):
    start = timezone.now() - timedelta(days=2)
    session = TrainingSession.objects.create(
        trajectory=trajectory_a,
        topic="Wat zijn burgerinitiatieven?",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Stadhuis Gent, zaal 2",
        trainer="Mira Janssens",
    )
    SessionParticipant.objects.create(
        session=session, name="Sara Claes", email="sara@example.org", attended=True
    )
    SessionParticipant.objects.create(
        session=session, name="Tom Peeters", email="tom@example.org", attended=True
    )
    SessionParticipant.objects.create(
        session=session, name="Lien Smet", email="lien@example.org", attended=False
    )
    return session


@pytest.fixture
def upcoming_session(trajectory_a):
    start = timezone.now() + timedelta(days=10)
    return TrainingSession.objects.create(
        trajectory=trajectory_a,
        topic="Ondersteunen zonder over te nemen",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        online_url="https://meet.example.org/baz-gent",
        trainer="Mira Janssens",
    )


def make_agreement(trajectory, **kwargs):
    defaults = {
        "title": "Een vast aanspreekpunt voor burgerinitiatieven",
        "party": AgreementParty.MUNICIPALITY,
        "owner_name": "Ines Wouters",
    }
    defaults.update(kwargs)
    return Agreement.objects.create(trajectory=trajectory, **defaults)
