"""Demo content of the phase parts: sessions, evaluations, a material and agreements.

Called at the end of `baz.coaching.demo.load_demo_data` (the core demo makes the trajectories
first). It fills the trajectories in *vorming* or later that have no sessions yet, directly
with the ORM, so loading the demo sends no invitations. Idempotent: a trajectory that already
has sessions is left alone. Invented people, example.org addresses; the hand-out PDF is drawn
locally with reportlab.
"""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO
from typing import TextIO

from django.core.files.base import ContentFile
from django.utils import timezone

from baz.coaching.models import (
    Agreement,
    AgreementParty,
    AgreementStatus,
    Material,
    SessionEvaluation,
    SessionParticipant,
    State,
    TrainingSession,
    Trajectory,
)

PARTICIPANTS = (
    ("Sofie Demeyer", "sofie.demo@example.org"),
    ("Bram Vandenberghe", "bram.demo@example.org"),
    ("Nadia El Amrani", "nadia.demo@example.org"),
    ("Wout Lambrechts", "wout.demo@example.org"),
)
EVALUATIONS = (
    (5, "De voorbeelden uit andere gemeenten maakten het concreet.", ""),
    (4, "Het gesprek over onze rol: faciliteren, niet overnemen.", "Meer tijd voor vragen."),
    (4, "", "Graag de slides vooraf."),
)


def _handout_pdf(title: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(72, 770, title)
    pdf.setFont("Helvetica", 11)
    for number, line in enumerate(
        (
            "1. Wat is een burgerinitiatief? Burgers nemen zelf het initiatief, met elkaar.",
            "2. Welke initiatieven wil de gemeente ondersteunen, en waarom?",
            "3. Hoe: een aanspreekpunt, ruimte, kleine budgetten, verbinden met organisaties.",
            "4. Wat heeft de gemeente zelf nodig om dat goed te doen?",
        )
    ):
        pdf.drawString(72, 730 - number * 20, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _fill(trajectory: Trajectory) -> None:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    held_start = (now - timedelta(days=21)).replace(hour=12)
    held = TrainingSession.objects.create(
        trajectory=trajectory,
        topic="Wat zijn burgerinitiatieven en wat is onze rol?",
        description="Kennismaking met de vier vragen van het reflectie-instrument.",
        starts_at=held_start,
        ends_at=held_start + timedelta(hours=3),
        location="Administratief centrum, vergaderzaal 1",
        trainer="Mira Janssens (BurgersAanZet)",
    )
    participants = [
        SessionParticipant.objects.create(
            session=held,
            name=name,
            email=email,
            invited_at=held_start - timedelta(days=14),
            attended=index < 3,
            follow_up_sent_at=held.ends_at + timedelta(days=1) if index < 3 else None,
        )
        for index, (name, email) in enumerate(PARTICIPANTS)
    ]
    for participant, (rating, useful, improve) in zip(participants, EVALUATIONS, strict=False):
        SessionEvaluation.objects.create(
            participant=participant, session=held, rating=rating, useful=useful, improve=improve
        )
    if trajectory.state == State.TRAINING:
        next_start = (now + timedelta(days=14)).replace(hour=12)
        upcoming = TrainingSession.objects.create(
            trajectory=trajectory,
            topic="Ondersteunen zonder over te nemen",
            starts_at=next_start,
            ends_at=next_start + timedelta(hours=3),
            online_url="https://meet.example.org/baz-vorming-2",
            trainer="Mira Janssens (BurgersAanZet)",
        )
        for name, email in PARTICIPANTS:
            SessionParticipant.objects.create(
                session=upcoming, name=name, email=email, invited_at=now
            )
    material = Material(trajectory=trajectory, session=held, title="Hand-out: de vier vragen")
    material.file.save(
        "demo/hand-out-vier-vragen.pdf",
        ContentFile(_handout_pdf("De vier vragen over burgerinitiatieven")),
        save=False,
    )
    material.save()
    today = timezone.localdate()
    Agreement.objects.create(
        trajectory=trajectory,
        title="Eén vast aanspreekpunt voor burgerinitiatieven",
        description="Een medewerker die initiatiefnemers de weg wijst binnen het bestuur.",
        party=AgreementParty.MUNICIPALITY,
        owner_name="Diensthoofd samenleven",
        deadline=today + timedelta(days=60),
        follow_up_on=today + timedelta(days=30),
        status=AgreementStatus.IN_PROGRESS,
    )
    Agreement.objects.create(
        trajectory=trajectory,
        title="Een eenvoudig reglement voor kleine toelagen",
        party=AgreementParty.MUNICIPALITY,
        owner_name="Beleidsmedewerker welzijn",
        deadline=today + timedelta(days=120),
    )
    Agreement.objects.create(
        trajectory=trajectory,
        title="Twee intervisies met de beleidsmedewerkers",
        party=AgreementParty.BAZ,
        owner_name="Jonas (coach BurgersAanZet)",
        deadline=today + timedelta(days=90),
    )


def load_demo_data(stdout: TextIO) -> list[str]:
    created = []
    trajectories = Trajectory.objects.filter(
        state__in=(State.TRAINING, State.AGREEMENTS, State.COMPLETED), sessions__isnull=True
    ).select_related("municipality")
    for trajectory in trajectories:
        _fill(trajectory)
        created.append(f"vorming en afspraken voor {trajectory.municipality.name_nl}")
    return created
