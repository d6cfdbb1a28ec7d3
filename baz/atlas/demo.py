"""Dutch demo content for the atlas: invented initiatives, local-government profiles and
organisations in real Flemish municipalities. Invented people, example.org addresses, images
drawn here with Pillow (nothing is downloaded).

Idempotent: an entry is recognised by its slug and never changed once it exists, so editors'
changes survive and a second run creates nothing.
"""

from __future__ import annotations

import io
import random
from typing import Any, TextIO

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from baz.atlas.models import (
    Entry,
    EntryKind,
    EntryStatus,
    SupportOffer,
    SupportOfferItem,
    TargetGroup,
    Theme,
    Werkvorm,
)
from baz.core.models import Municipality

DEMO_EMAIL = "demo-atlas@example.org"

# Municipality (official Dutch name), contact person of its local government.
MUNICIPALITIES = [
    ("Gent", "Sofie De Smet"),
    ("Antwerpen", "Youssef El Amrani"),
    ("Leuven", "Griet Vermeulen"),
    ("Brugge", "Pieter Claeys"),
    ("Kortrijk", "Lotte Vandenberghe"),
    ("Hasselt", "Jan Peeters"),
    ("Mechelen", "Nadia Janssens"),
    ("Aalst", "Koen Van Damme"),
    ("Genk", "Elif Yilmaz"),
    ("Roeselare", "Bart Desmet"),
    ("Turnhout", "Hilde Willems"),
    ("Merelbeke-Melle", "Ruben Maes"),
    ("Sint-Niklaas", "Inge Verstraete"),
    ("Oostende", "Tom Vandamme"),
]

# (name, municipality, summary, themes, werkvormen, target groups)
INITIATIVES: list[tuple[str, str, str, list[str], list[str], list[str]]] = [
    (
        "Buurtsoep De Pollepel",
        "Gent",
        "Elke donderdag koken buren samen soep en eten ze samen. Wie wil, neemt een kom mee "
        "voor een buur die niet buiten kan.",
        ["eenzaamheid", "buurt-en-samenleven"],
        ["vrijwillig-engagement", "community-building"],
        ["iedereen"],
    ),
    (
        "Duo's op stap",
        "Gent",
        "Een vrijwilliger en een oudere gaan samen op stap: naar de markt, de bib of gewoon een "
        "wandeling.",
        ["eenzaamheid", "ouderen"],
        ["buddy-of-duowerking"],
        ["ouderen"],
    ),
    (
        "Praatcafé Mantelzorg Zuid",
        "Antwerpen",
        "Mantelzorgers komen maandelijks samen om ervaringen te delen en even op adem te komen.",
        ["mantelzorg"],
        ["lotgenotenwerking"],
        ["mantelzorgers"],
    ),
    (
        "Huiswerkklas Kiel",
        "Antwerpen",
        "Studenten helpen kinderen uit de buurt met hun huiswerk, twee avonden per week.",
        ["jongeren", "armoede"],
        ["competentieversterking", "vrijwillig-engagement"],
        ["kinderen", "jongeren"],
    ),
    (
        "Samen Nederlands oefenen",
        "Leuven",
        "Nieuwkomers en Leuvenaars praten wekelijks Nederlands bij een kop koffie.",
        ["nieuwkomers"],
        ["buddy-of-duowerking", "competentieversterking"],
        ["volwassenen"],
    ),
    (
        "Repair Café Kessel-Lo",
        "Leuven",
        "Buren herstellen samen kapotte spullen. Je leert bij en je ontmoet mensen.",
        ["buurt-en-samenleven", "armoede"],
        ["vrijwillig-engagement", "community-building"],
        ["iedereen"],
    ),
    (
        "Lotgenotengroep Na het verlies",
        "Brugge",
        "Mensen die een partner verloren, steunen elkaar in een vaste groep.",
        ["psychische-kwetsbaarheid", "eenzaamheid"],
        ["lotgenotenwerking"],
        ["volwassenen", "ouderen"],
    ),
    (
        "Boodschappendienst Sint-Andries",
        "Brugge",
        "Vrijwilligers doen boodschappen voor buren die slecht te been zijn.",
        ["ouderen", "personen-met-een-beperking"],
        ["vrijwillig-engagement"],
        ["ouderen"],
    ),
    (
        "Moestuin De Groene Draad",
        "Kortrijk",
        "Een gedeelde moestuin waar buren samen zaaien, oogsten en delen.",
        ["buurt-en-samenleven"],
        ["community-building"],
        ["iedereen"],
    ),
    (
        "Ouders voor ouders",
        "Kortrijk",
        "Jonge ouders helpen elkaar met oppas, raad en een luisterend oor.",
        ["gezinnen"],
        ["lotgenotenwerking", "persoonlijke-netwerkversterking"],
        ["gezinnen"],
    ),
    (
        "Wandelclub Stap voor Stap",
        "Hasselt",
        "Wekelijkse wandeling voor mensen die het mentaal moeilijk hebben. Iedereen wandelt op "
        "eigen tempo.",
        ["psychische-kwetsbaarheid"],
        ["lotgenotenwerking", "persoonlijke-netwerkversterking"],
        ["volwassenen"],
    ),
    (
        "Deelkast Kiewit",
        "Hasselt",
        "Een open kast waar buren kleren, boeken en voeding delen.",
        ["armoede", "buurt-en-samenleven"],
        ["community-building"],
        ["iedereen"],
    ),
    (
        "Buddy's voor nieuwkomers",
        "Mechelen",
        "Een Mechelaar en een nieuwkomer leren elkaar kennen en trekken samen de stad in.",
        ["nieuwkomers", "eenzaamheid"],
        ["buddy-of-duowerking", "persoonlijke-netwerkversterking"],
        ["volwassenen", "gezinnen"],
    ),
    (
        "Zorgzame buurt Nieuwerkerken",
        "Aalst",
        "Buren houden een oogje in het zeil en weten wie hulp kan gebruiken.",
        ["ouderen", "buurt-en-samenleven"],
        ["community-building", "vrijwillig-engagement"],
        ["ouderen", "iedereen"],
    ),
    (
        "Jongerenhuis De Brug",
        "Genk",
        "Jongeren organiseren zelf activiteiten en helpen elkaar met school en werk.",
        ["jongeren"],
        ["competentieversterking", "community-building"],
        ["jongeren"],
    ),
    (
        "Samen aan tafel",
        "Genk",
        "Gezinnen uit verschillende culturen koken om beurten voor elkaar.",
        ["nieuwkomers", "gezinnen"],
        ["community-building"],
        ["gezinnen"],
    ),
    (
        "Telefooncirkel Roeselare",
        "Roeselare",
        "Elke ochtend belt iemand uit de cirkel een alleenstaande oudere op.",
        ["eenzaamheid", "ouderen"],
        ["vrijwillig-engagement", "persoonlijke-netwerkversterking"],
        ["ouderen"],
    ),
    (
        "Fietsatelier Op Wielen",
        "Turnhout",
        "Mensen met een krap budget leren hun fiets zelf herstellen.",
        ["armoede"],
        ["competentieversterking"],
        ["volwassenen", "jongeren"],
    ),
    (
        "Mantelzorgcafé Melle",
        "Merelbeke-Melle",
        "Een ontmoetingsplek voor mantelzorgers, met af en toe een spreker.",
        ["mantelzorg"],
        ["lotgenotenwerking"],
        ["mantelzorgers"],
    ),
    (
        "Inclusief sporten Waasland",
        "Sint-Niklaas",
        "Sporten met en zonder beperking, samen in één ploeg.",
        ["personen-met-een-beperking", "jongeren"],
        ["vrijwillig-engagement", "community-building"],
        ["jongeren", "volwassenen"],
    ),
    (
        "Strandbabbel",
        "Oostende",
        "Vrijwilligers nodigen alleenstaanden uit voor een wandeling en een babbel aan zee.",
        ["eenzaamheid"],
        ["buddy-of-duowerking"],
        ["ouderen", "volwassenen"],
    ),
    (
        "Voorleesmoeders en -vaders",
        "Oostende",
        "Vrijwilligers lezen voor aan kinderen in gezinnen die het moeilijk hebben.",
        ["gezinnen", "armoede"],
        ["vrijwillig-engagement"],
        ["kinderen", "gezinnen"],
    ),
]

ORGANISATIONS: list[tuple[str, str, str, list[str], list[str], list[str]]] = [
    (
        "Vrijwilligerspunt Oost-Vlaanderen",
        "Gent",
        "Helpt burgerinitiatieven vrijwilligers te vinden en goed te begeleiden.",
        ["buurt-en-samenleven"],
        ["vrijwillig-engagement"],
        ["iedereen"],
    ),
    (
        "Netwerk Tegen Eenzaamheid Antwerpen",
        "Antwerpen",
        "Brengt initiatieven tegen eenzaamheid samen en deelt wat werkt.",
        ["eenzaamheid"],
        ["community-building", "persoonlijke-netwerkversterking"],
        ["iedereen"],
    ),
    (
        "Mantelzorgpunt Vlaams-Brabant",
        "Leuven",
        "Informatie en vorming voor mantelzorgers en de groepen die hen steunen.",
        ["mantelzorg"],
        ["competentieversterking"],
        ["mantelzorgers"],
    ),
    (
        "Huis van het Kind Brugge",
        "Brugge",
        "Ondersteunt ouders en verwijst door naar initiatieven in de buurt.",
        ["gezinnen"],
        ["persoonlijke-netwerkversterking"],
        ["gezinnen", "kinderen"],
    ),
    (
        "Welzijnsschakels Limburg",
        "Hasselt",
        "Groepen vrijwilligers die samen met mensen in armoede werken.",
        ["armoede"],
        ["community-building", "vrijwillig-engagement"],
        ["iedereen"],
    ),
    (
        "Onthaal Nieuwkomers Mechelen",
        "Mechelen",
        "Koppelt nieuwkomers aan buddy's en taalgroepen.",
        ["nieuwkomers"],
        ["buddy-of-duowerking"],
        ["volwassenen"],
    ),
    (
        "Psychisch Welzijn Kempen",
        "Turnhout",
        "Ondersteunt lotgenotengroepen rond psychische kwetsbaarheid.",
        ["psychische-kwetsbaarheid"],
        ["lotgenotenwerking", "competentieversterking"],
        ["volwassenen", "jongeren"],
    ),
    (
        "Ouderenraad Waasland",
        "Sint-Niklaas",
        "Vertegenwoordigt ouderen en helpt nieuwe buurtinitiatieven op weg.",
        ["ouderen"],
        ["vrijwillig-engagement"],
        ["ouderen"],
    ),
]

SUPPORT_TEXTS = {
    SupportOfferItem.CONTACT_POINT: "Je kunt terecht bij de dienst Welzijn, elke werkdag.",
    SupportOfferItem.SUBSIDY: "Een projectsubsidie tot 2.500 euro per jaar, volgens het reglement.",
    SupportOfferItem.SPACE: "Gratis gebruik van zalen in de buurthuizen.",
    SupportOfferItem.MATERIAL: "Uitleendienst voor tafels, stoelen en een geluidsinstallatie.",
    SupportOfferItem.COMMUNICATION: "Plaats in het gemeentelijk infoblad en op de website.",
    SupportOfferItem.CONNECTING: "Twee keer per jaar een ontmoeting van alle initiatieven.",
    SupportOfferItem.TRAINING: "Gratis vormingen over vrijwilligerswerk en fondsenwerving.",
    SupportOfferItem.INSURANCE: "Gratis vrijwilligersverzekering via de provincie.",
}

COLOURS = [(0, 88, 92), (179, 38, 30), (255, 191, 71), (46, 125, 50), (74, 74, 74)]


def _draw_image(title: str, seed: int) -> Any:
    """A simple illustration (circles and lines in the site's colours) as a Wagtail image."""
    from PIL import Image as PillowImage
    from PIL import ImageDraw
    from wagtail.images.models import Image

    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    canvas = PillowImage.new("RGB", (960, 540), (244, 241, 236))
    draw = ImageDraw.Draw(canvas)
    for _ in range(7):
        x, y, r = rng.randint(0, 960), rng.randint(0, 540), rng.randint(40, 160)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(COLOURS))
    for _ in range(4):
        draw.line(
            (rng.randint(0, 960), rng.randint(0, 540), rng.randint(0, 960), rng.randint(0, 540)),
            fill=(28, 28, 28),
            width=6,
        )
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    image = Image(title=title, file=ImageFile(buffer, name=f"{slugify(title)}.png"))
    image.save()
    return image


def _terms(model: Any, slugs: list[str]) -> list[Any]:
    return list(model.objects.filter(slug__in=slugs))


# Each kind of entry speaks for itself: an initiative about its neighbours and volunteers, a
# local government about its contact point and support, an organisation about its offer and
# referrals. {n} is a number of people, {person} the contact person, {place} the municipality.
INITIATIVE_TEXTS = [
    "<p>We zijn begonnen met een paar buren. Vandaag doen er {n} mensen mee. Iedereen is "
    "welkom, ook als je maar af en toe tijd hebt.</p><p>We spreken af in een zaal die de "
    "gemeente ons gratis laat gebruiken. Heb je een idee? Breng het mee.</p>",
    "<p>Het idee kwam van {person}, die zelf een tijd vaak alleen thuis zat. Nu doen er {n} "
    "vrijwilligers mee.</p><p>Je hoeft niets speciaals te kunnen. We tonen je hoe het gaat en "
    "je kiest zelf hoeveel tijd je geeft.</p>",
    "<p>Alles gebeurt met vrijwilligers: {n} mensen uit de buurt en omgeving. We vragen geen "
    "uitleg aan wie bij ons aanklopt.</p><p>Ken je iemand die hier iets aan heeft? Vertel het "
    "aan die persoon, of stuur ons samen een bericht.</p>",
]
INITIATIVE_JOIN = "Kom eens langs of stuur ons een bericht via deze pagina."

ORGANISATION_TEXTS = [
    "<p>We zijn een vzw met een klein team en {n} vrijwilligers. We werken samen met het OCMW, "
    "huisartsen en scholen in de regio.</p><p>Werk je als hulpverlener? Je kunt iemand bij ons "
    "aanmelden. Vraag eerst of die persoon dat zelf wil.</p>",
    "<p>We helpen burgerinitiatieven op weg: met advies, een vorming of een plek om samen te "
    "komen. We brengen initiatieven ook met elkaar in contact.</p><p>Elk jaar ondersteunen we "
    "ongeveer {n} groepen in de regio.</p>",
]
# Entries whose own story says more than the texts above.
DESCRIPTIONS = {
    "Fietsatelier Op Wielen": (
        "<p>In het atelier staan werkbanken en gereedschap. Een vrijwilliger toont je hoe je een "
        "band plakt, je remmen afstelt of een ketting vervangt. Zo kun je je fiets daarna zelf "
        "herstellen.</p><p>Onderdelen kopen we samen aan, tegen de kostprijs.</p>"
    ),
}

ORGANISATION_JOIN = (
    "Bel of mail ons. We bekijken samen wat je nodig hebt, of naar wie we je doorverwijzen."
)

LOCAL_GOVERNMENT_TEXT = (
    "<p>Heb je met je buren een idee voor de buurt? Het aanspreekpunt van {place} helpt je op "
    "weg: met een zaal, een subsidie of een verzekering voor je vrijwilligers.</p><p>Kom langs "
    "tijdens de openingsuren of stuur een bericht. {person} of een collega helpt je verder.</p>"
)
LOCAL_GOVERNMENT_BAZ_TEXT = (
    "<p>{place} werkt samen met BurgersAanZet om burgerinitiatieven beter te steunen.</p>"
)


def _kind_fields(
    *, kind: str, name: str, municipality: Municipality, index: int, rng: random.Random
) -> dict[str, Any]:
    """The texts and contact details that fit the kind of entry (see the texts above)."""
    place = municipality.name_nl
    if kind == EntryKind.LOCAL_GOVERNMENT:
        person = dict(MUNICIPALITIES).get(place, "Sam Voorbeeld")
        return {
            "description": LOCAL_GOVERNMENT_TEXT.format(place=place, person=person),
            # A municipality is no activity to join: its offer has its own section.
            "how_to_join": "",
            "cost": "",
            "languages": "",
            "accessibility": "",
            "start_year": None,
            "contact_name": person,
            "contact_phone": f"0{rng.randint(10, 99)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
            "contact_email": f"welzijn.{slugify(place)}@example.org",
            "show_contact_phone": True,
            "show_contact_email": True,
        }
    person = ["An", "Bram", "Chloé", "Driss", "Eva", "Fien", "Gilles", "Hanne"][index % 8]
    people = rng.randint(8, 60)
    if kind == EntryKind.ORGANISATION:
        description = ORGANISATION_TEXTS[index % len(ORGANISATION_TEXTS)]
        how_to_join = ORGANISATION_JOIN
        cost = "Gratis" if index % 2 else "Gratis voor wie we begeleiden; vormingen 10 euro"
    else:
        description = INITIATIVE_TEXTS[index % len(INITIATIVE_TEXTS)]
        how_to_join = INITIATIVE_JOIN
        cost = "Gratis" if index % 2 else "2 euro per keer, of wat je kunt missen"
    return {
        "description": DESCRIPTIONS.get(name)
        or description.format(n=people, person=person, place=place),
        "how_to_join": how_to_join,
        "cost": cost,
        "languages": "Nederlands" + (", Frans, Engels" if index % 4 == 0 else ""),
        "accessibility": "Rolstoeltoegankelijk, toilet op het gelijkvloers."
        if index % 2
        else "Eén trede aan de ingang; we helpen je graag.",
        "start_year": 2010 + index % 15,
        "contact_name": f"{person} Voorbeeld",
        "contact_phone": f"0{rng.randint(470, 499)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
        "contact_email": f"{slugify(name)[:40]}@example.org",
        "show_contact_phone": index % 2 == 0,
        # Some hide their address: visitors then write through the page (the relay form).
        "show_contact_email": index % 3 != 0,
    }


def _create(
    *,
    kind: str,
    name: str,
    municipality: Municipality,
    summary: str,
    index: int,
    themes: list[str],
    werkvormen: list[str],
    target_groups: list[str],
    extra: dict[str, Any] | None = None,
) -> Entry | None:
    slug = slugify(name)
    if Entry.objects.filter(slug=slug, submitter_email=DEMO_EMAIL).exists():
        return None
    rng = random.Random(index)  # noqa: S311
    exact = index % 3 == 0
    lat = municipality.latitude or 51.0
    lon = municipality.longitude or 4.0
    fields = {
        **_kind_fields(kind=kind, name=name, municipality=municipality, index=index, rng=rng),
        **(extra or {}),
    }
    if fields.get("baz_collaboration") and fields.get("baz_map_consent"):
        fields["description"] += LOCAL_GOVERNMENT_BAZ_TEXT.format(place=municipality.name_nl)
    entry = Entry(
        kind=kind,
        name=name,
        slug=slug,
        # The description goes on from the summary; it never repeats it.
        summary=summary,
        municipality=municipality,
        latitude=round(lat + (rng.uniform(-0.02, 0.02) if exact else 0), 6),
        longitude=round(lon + (rng.uniform(-0.03, 0.03) if exact else 0), 6),
        location_is_exact=exact,
        street=f"Voorbeeldstraat {index + 1}" if exact else "",
        postal_code=(
            municipality.postal_codes.order_by("code").values_list("code", flat=True).first() or ""
        )
        if exact
        else "",
        place=municipality.name_nl if exact else "",
        show_contact_name=True,
        contact_consent_at=timezone.now(),
        website=f"https://{slug[:40]}.example.org/",
        status=EntryStatus.PUBLISHED,
        live=True,
        published_at=timezone.now(),
        submitter_email=DEMO_EMAIL,
        **fields,
    )
    if index % 3 == 1:
        entry.image = _draw_image(f"Illustratie {name}", index)
        entry.image_alt = "Een tekening met gekleurde cirkels en lijnen."
    entry.full_clean()
    entry.save()
    entry.themes.set(_terms(Theme, themes))
    entry.werkvormen.set(_terms(Werkvorm, werkvormen))
    entry.target_groups.set(_terms(TargetGroup, target_groups))
    return entry


@transaction.atomic
def load_demo_data(stdout: TextIO) -> list[str]:
    """Create the demo entries that do not exist yet; return a description of what was made."""
    names = [name for name, _person in MUNICIPALITIES]
    municipalities = {m.name_nl: m for m in Municipality.objects.filter(name_nl__in=names)}
    if not municipalities:
        stdout.write("Atlas: geen gemeenten gevonden; laad eerst de referentiegegevens.\n")
        return []
    created = 0
    index = 0
    for position, (name, person) in enumerate(MUNICIPALITIES):
        municipality = municipalities.get(name)
        index += 1
        if municipality is None:
            continue
        active = position % 3 == 0
        entry = _create(
            kind=EntryKind.LOCAL_GOVERNMENT,
            name=f"Lokaal bestuur {name}",
            municipality=municipality,
            summary=f"Zo steunt {name} burgerinitiatieven in zorg en welzijn.",
            index=index,
            themes=["buurt-en-samenleven"],
            werkvormen=["community-building"],
            target_groups=["iedereen"],
            extra={
                "contact_point": f"Dienst Welzijn, {person}. Bereikbaar op werkdagen "
                "van 9 tot 12 uur.",
                "regulation_url": f"https://{slugify(name)}.example.org/reglement",
                "baz_collaboration": active,
                "baz_map_consent": active,
            },
        )
        if entry is not None:
            created += 1
            items = list(SupportOfferItem)[: 3 + position % 6]
            SupportOffer.objects.bulk_create(
                [
                    SupportOffer(entry=entry, item=item, text=SUPPORT_TEXTS[item], sort_order=i)
                    for i, item in enumerate(items)
                ]
            )
    for kind, rows in (
        (EntryKind.INITIATIVE, INITIATIVES),
        (EntryKind.ORGANISATION, ORGANISATIONS),
    ):
        for name, place, summary, themes, werkvormen, groups in rows:
            index += 1
            municipality = municipalities.get(place)
            if municipality is None:
                continue
            if _create(
                kind=kind,
                name=name,
                municipality=municipality,
                summary=summary,
                index=index,
                themes=themes,
                werkvormen=werkvormen,
                target_groups=groups,
            ):
                created += 1
    return [f"{created} atlasfiches"] if created else []
