"""Demo content of the phase *conclusies en afspraken*: three agreements, one for BAZ.

Called by `baz.coaching.demo.load_phase_parts`, directly with the ORM, so loading the demo sends
no mail. Invented owners.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from baz.coaching.models import Agreement, AgreementParty, AgreementStatus, Trajectory


def fill(trajectory: Trajectory) -> None:
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
