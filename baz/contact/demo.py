"""Demo partners and contact persons (called by `manage.py load_demo_data`).

Invented organisations and people with example.org addresses; the real partners are entered
by BAZ itself. Idempotent: what exists is left as it is.
"""

from __future__ import annotations

from typing import TextIO

from baz.atlas.models import Werkvorm
from baz.contact.models import ContactPerson, ContactTopic, PartnerOrganisation
from baz.contact.services import contact_topics_ensure
from baz.core.models import Municipality, Province

ORGANISATIONS = [
    (
        "Samen Sterk vzw",
        "Samen Sterk begeleidt burgerinitiatieven die mensen met elkaar verbinden.",
        "https://samensterk.example.org/",
    ),
    (
        "Buurtkracht vzw",
        "Buurtkracht ondersteunt lokale besturen die burgerinitiatieven willen steunen.",
        "https://buurtkracht.example.org/",
    ),
]

# name, role, organisation, e-mail, phone, topics, province REFNIS codes, municipality codes,
# default person
PERSONS = [
    (
        "Elke Vermeulen",
        "coördinator",
        "Samen Sterk vzw",
        "elke.vermeulen@example.org",
        "09 123 45 67",
        ["anders", "pers"],
        [],
        [],
        True,
    ),
    (
        "Jonas De Smet",
        "coach lokale besturen",
        "Buurtkracht vzw",
        "jonas.desmet@example.org",
        "",
        ["coaching"],
        ["40000", "30000"],
        [],
        False,
    ),
    (
        "Fatima El Amrani",
        "coach lokale besturen",
        "Buurtkracht vzw",
        "fatima.elamrani@example.org",
        "",
        ["coaching"],
        ["20001", "10000", "70000"],
        [],
        False,
    ),
    (
        "Wim Claes",
        "redacteur",
        "Samen Sterk vzw",
        "wim.claes@example.org",
        "",
        ["verhaal", "atlas"],
        [],
        [],
        False,
    ),
]


def load_demo_data(stdout: TextIO) -> list[str]:
    created: list[str] = []
    if contact_topics_ensure():
        created.append("contactonderwerpen")
    organisations: dict[str, PartnerOrganisation] = {}
    for name, description, website in ORGANISATIONS:
        organisation, was_created = PartnerOrganisation.objects.get_or_create(
            name=name, defaults={"description": description, "website": website}
        )
        if was_created:
            organisation.werkvormen.set(Werkvorm.objects.all()[:2])
            created.append(f"partner {name}")
        organisations[name] = organisation
    for name, role, org, email, phone, topics, provinces, municipalities, default in PERSONS:
        if ContactPerson.objects.filter(email=email).exists():
            continue
        if default and ContactPerson.objects.filter(is_default=True).exists():
            default = False
        person = ContactPerson.objects.create(
            name=name,
            role=role,
            organisation=organisations[org],
            email=email,
            phone=phone,
            is_default=default,
        )
        person.topics.set(ContactTopic.objects.filter(slug__in=topics))
        person.provinces.set(Province.objects.filter(refnis__in=provinces))
        person.municipalities.set(Municipality.objects.filter(refnis__in=municipalities))
        created.append(f"contactpersoon {name}")
    return created
