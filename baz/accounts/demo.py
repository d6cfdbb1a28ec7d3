"""Demo accounts, one per role, for `make run` (called by `manage.py load_demo_data`).

Invented people with example.org addresses. Staff accounts get a TOTP device whose secret is
printed, so a newcomer can add it to an authenticator app (or run `manage.py demo_totp`).
Idempotent: existing accounts, memberships and devices are kept as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from baz.accounts.models import (
    GROUP_COACH,
    GROUP_GEMEENTE,
    GROUP_INITIATIEFNEMER,
    GROUP_REDACTIE,
    Membership,
    Role,
    User,
)
from baz.accounts.totp import totp_secret_base32
from baz.core.models import Municipality

DEMO_PASSWORD = "Demo-wachtwoord-2026"  # noqa: S105 - printed on purpose, demo only
GENT = "44021"
LEUVEN = "24062"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    group: str
    memberships: tuple[tuple[str, str], ...] = ()
    two_factor: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("redactie@example.org", "Griet", "Van Damme", GROUP_REDACTIE, two_factor=True),
    DemoAccount("coach@example.org", "Jonas", "Peeters", GROUP_COACH, two_factor=True),
    DemoAccount(
        "beheerder.gent@example.org", "Lotte", "De Smet", GROUP_GEMEENTE, ((GENT, Role.BEHEERDER),)
    ),
    DemoAccount(
        "medewerker.gent@example.org", "Pieter", "Claes", GROUP_GEMEENTE, ((GENT, Role.MEDEWERKER),)
    ),
    DemoAccount(
        "medewerker.leuven@example.org",
        "Sofie",
        "Janssens",
        GROUP_GEMEENTE,
        ((LEUVEN, Role.MEDEWERKER),),
    ),
    DemoAccount("initiatiefnemer@example.org", "Wout", "Maes", GROUP_INITIATIEFNEMER),
)


def load_demo_data(stdout: TextIO) -> list[str]:
    created: list[str] = []
    lines = [f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):"]
    for account in DEMO_ACCOUNTS:
        user, user_created = User.objects.get_or_create(
            email=account.email,
            defaults={"first_name": account.first_name, "last_name": account.last_name},
        )
        if user_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created.append(account.email)
        user.groups.add(Group.objects.get(name=account.group))
        places = []
        for refnis, role in account.memberships:
            municipality = Municipality.objects.filter(refnis=refnis).first()
            if municipality is None:
                lines.append(f"  ! gemeente {refnis} ontbreekt: laad eerst load_reference_data")
                continue
            Membership.objects.get_or_create(
                user=user, municipality=municipality, defaults={"role": role}
            )
            places.append(f"{role} {municipality.name_nl}")
        description = account.group + (f" ({', '.join(places)})" if places else "")
        lines.append(f"  {account.email:<32} {description}")
        if account.two_factor:
            # django-two-factor-auth asks for the code of the device named "default".
            device, _ = TOTPDevice.objects.get_or_create(
                user=user, name="default", defaults={"confirmed": True}
            )
            lines.append(
                f"    TOTP-geheim: {totp_secret_base32(device)}"
                f"  (huidige code: manage.py demo_totp {account.email})"
            )
    for line in lines:
        stdout.write(line)
    return [f"{len(created)} demo-accounts"] if created else []
