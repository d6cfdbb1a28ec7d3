"""The coaching panel on /mijn/: phase, next session and next deadline of the trajectory."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from baz.accounts.models import Role
from baz.accounts.tests.factories import MunicipalityFactory, member
from baz.coaching.models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    State,
    TrainingSession,
    Trajectory,
)

pytestmark = pytest.mark.django_db


def test_the_panel_shows_the_next_session_and_the_next_open_deadline(client):
    gent = MunicipalityFactory(refnis="44021", name_nl="Gent", slug="gent")
    trajectory = Trajectory.objects.create(municipality=gent, state=State.TRAINING)
    now = timezone.now()
    for days, topic, cancelled in (
        (-3, "Voorbij", None),
        (5, "Geannuleerd", now),
        (9, "Samen", None),
    ):
        TrainingSession.objects.create(
            trajectory=trajectory,
            topic=topic,
            starts_at=now + timedelta(days=days),
            ends_at=now + timedelta(days=days, hours=2),
            trainer="Mira",
            cancelled_at=cancelled,
        )
    today = timezone.localdate()
    for days, title, status in (
        (2, "Al klaar", AgreementStatus.DONE),
        (20, "Vast aanspreekpunt", AgreementStatus.OPEN),
    ):
        Agreement.objects.create(
            trajectory=trajectory,
            title=title,
            party=AgreementParty.MUNICIPALITY,
            owner_name="Ines",
            deadline=today + timedelta(days=days),
            status=status,
        )
    client.force_login(member(gent, Role.MEDEWERKER, email="m@example.org"))

    html = client.get("/mijn/").content.decode()

    assert "Volgende vorming: Samen" in html
    assert "Volgende deadline: Vast aanspreekpunt" in html
