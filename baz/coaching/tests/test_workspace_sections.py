"""The trajectory in /mijn/coaching/ is split per phase: an overview that says where the
trajectory stands and who asked for it, and a page per phase with its own address."""

from datetime import timedelta

import pytest
from django.utils import timezone

from baz.coaching.models import AgreementParty, TrainingSession
from baz.coaching.services.trajectories import (
    coaching_request_decline,
    coaching_request_submit,
)

pytestmark = pytest.mark.django_db

SECTIONS = ["", "analyse/", "vorming/", "afspraken/", "berichten/"]


def _submit(municipality, name, email):
    return coaching_request_submit(
        municipality=municipality,
        name=name,
        role="Beleidsmedewerker welzijn",
        email=email,
        phone="09 123 45 67",
        motivation="We willen burgerinitiatieven beter ondersteunen.",
    )


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_has_its_own_address_and_a_navigation_that_marks_it(
    client, atlas_member_a, coaching_trajectory_a, section
):
    client.force_login(atlas_member_a)
    base = f"/mijn/coaching/{coaching_trajectory_a.pk}/"

    response = client.get(base + section)

    content = response.content.decode()
    assert response.status_code == 200
    assert 'aria-label="Onderdelen van het traject"' in content
    assert f'<a href="{base}{section}" aria-current="page">' in content
    assert content.count('aria-current="page"') == 1
    for other in SECTIONS:
        assert f'href="{base}{other}"' in content
    assert "<script>" not in content


def test_each_phase_shows_only_its_own_parts(client, atlas_member_a, coaching_trajectory_a):
    start = timezone.now() + timedelta(days=5)
    TrainingSession.objects.create(
        trajectory=coaching_trajectory_a,
        topic="Rollen van een lokaal bestuur",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        trainer="Mira",
    )
    coaching_trajectory_a.agreements.create(
        title="Een vast aanspreekpunt", party=AgreementParty.MUNICIPALITY, owner_name="Ines"
    )
    client.force_login(atlas_member_a)
    base = f"/mijn/coaching/{coaching_trajectory_a.pk}/"

    training = client.get(base + "vorming/").content.decode()
    agreements = client.get(base + "afspraken/").content.decode()
    overview = client.get(base).content.decode()

    assert "Rollen van een lokaal bestuur" in training
    assert "Een vast aanspreekpunt" not in training
    assert "Een vast aanspreekpunt" in agreements
    assert "Rollen van een lokaal bestuur" not in agreements
    assert f"{base}verslag.pdf" in agreements
    # The overview says where the trajectory stands and what comes next.
    assert "Fase: Analyse" in overview
    assert "Volgend vormingsmoment: Rollen van een lokaal bestuur" in overview
    assert "1 afspraak staat nog open." in overview
    assert f'<a href="{base}analyse/">Ga naar Analyse</a>' in overview


def test_a_request_merged_into_the_running_trajectory_shows_in_the_workspace(
    client, atlas_member_a, atlas_gemeente_a, coaching_trajectory_a
):
    first = _submit(atlas_gemeente_a, "Ines Wouters", "ines@gent.be")
    second = _submit(atlas_gemeente_a, "Pieter De Smet", "pieter@gent.be")
    assert first.trajectory == second.trajectory == coaching_trajectory_a
    client.force_login(atlas_member_a)

    content = client.get(f"/mijn/coaching/{coaching_trajectory_a.pk}/").content.decode()

    assert "Pieter De Smet" in content
    assert "Beleidsmedewerker welzijn" in content
    received = f"Aangevraagd op {timezone.localtime(second.created_at):%-d} "
    assert received in content
    assert "Deze aanvraag is toegevoegd aan het traject dat al liep." in content
    assert "Een coach bekijkt de aanvraag en beslist" in content
    assert "Een coach beslist nog over 2 aanvragen." in content
    # Contact data stays with the coaches.
    assert "pieter@gent.be" not in content
    assert "09 123 45 67" not in content


def test_the_workspace_shows_the_coachs_decision_on_a_request(
    client, atlas_member_a, atlas_gemeente_a, coaching_trajectory_a, coaching_coach
):
    request = _submit(atlas_gemeente_a, "Pieter De Smet", "pieter@gent.be")
    coaching_request_decline(coaching_request=request, actor=coaching_coach)
    client.force_login(atlas_member_a)

    content = client.get(f"/mijn/coaching/{coaching_trajectory_a.pk}/").content.decode()

    assert "geen uitnodiging voor de werkplek" in content
    assert "Een coach beslist nog over" not in content


def test_requests_of_municipality_a_never_show_to_municipality_b(
    client, atlas_member_b, atlas_gemeente_a, coaching_trajectory_a, coaching_trajectory_b
):
    _submit(atlas_gemeente_a, "Pieter De Smet", "pieter@gent.be")
    client.force_login(atlas_member_b)

    own = client.get(f"/mijn/coaching/{coaching_trajectory_b.pk}/").content.decode()
    other = client.get(f"/mijn/coaching/{coaching_trajectory_a.pk}/")

    assert "Pieter De Smet" not in own
    assert other.status_code == 404


def test_the_thank_you_page_says_a_coach_decides_on_the_invitation(client, atlas_gemeente_a):
    session = client.session
    session["coaching_request_thanks"] = {"municipality": "Gent", "email": "pieter@gent.be"}
    session.save()

    content = client.get("/coaching/aanvragen/bedankt/").content.decode()

    assert "De coach beslist of je een uitnodiging krijgt" in content
    assert "voegen we je aanvraag daaraan toe" in content
    assert "tien werkdagen" not in content
