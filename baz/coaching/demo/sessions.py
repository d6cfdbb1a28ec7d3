"""Demo content of the phase *vorming*: sessions, participants, evaluations and a material.

Called by `baz.coaching.demo.load_phase_parts`, directly with the ORM, so loading the demo sends
no invitations. Invented people, example.org addresses; the hand-out PDF is drawn locally with
reportlab.
"""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone

from baz.coaching.models import (
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


def fill(trajectory: Trajectory) -> None:
    """Two sessions (one held, with attendance and evaluations; one coming up while the
    trajectory is in *vorming*) and a hand-out."""
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
