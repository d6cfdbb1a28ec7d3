"""The Dutch starting texts of the base pages, created once on a fresh install.

Editors change these pages in the admin afterwards; `site_structure_ensure` never overwrites
a page that already exists.
"""

from __future__ import annotations

from typing import Any


def _heading(text: str) -> dict[str, Any]:
    return {"type": "heading", "value": text}


def _paragraph(html: str) -> dict[str, Any]:
    return {"type": "paragraph", "value": html}


def _link_cards(*cards: tuple[str, str, str]) -> dict[str, Any]:
    return {
        "type": "link_cards",
        "value": [{"title": title, "text": text, "link": link} for title, text, link in cards],
    }


def _contact_person(**person: str) -> dict[str, Any]:
    return {"type": "contact_person", "value": {"photo": None, **person}}


HOME = {
    "title": "Inspireer elkaar",
    "intro": (
        "Burgers zetten zich samen in voor mensen in hun buurt. Hier vind je hun initiatieven. "
        "Je leert van andere gemeenten. En werk je voor een gemeente? Dan krijg je hulp om die "
        "initiatieven te steunen."
    ),
    "body": [
        _heading("Voor wie is dit platform?"),
        _paragraph(
            "<ul>"
            "<li><b>Lokale besturen</b>: ontdek welke rol jouw gemeente kan opnemen. Hoe steun "
            "je burgers die samen iets doen?</li>"
            "<li><b>Initiatiefnemers</b>: zet jouw initiatief op de kaart. En vind anderen die "
            "iets gelijkaardigs doen.</li>"
            "<li><b>Sociale organisaties</b>: zoek waar je mensen naartoe kunt sturen.</li>"
            "</ul>"
        ),
        _heading("Wie is BurgersAanZet?"),
        _paragraph(
            "<p>In BurgersAanZet (BAZ) werken vijf organisaties samen. Ze werken met "
            "vrijwilligers. We steunen burgers die samen iets opzetten. Ze gaan uit van wat "
            "mensen zelf kunnen: dat is krachtgericht. En ze helpen mensen hun eigen netwerk "
            "uit te bouwen: dat is netwerkversterkend.</p>"
        ),
    ],
}

LOKALE_BESTUREN = {
    "title": "Lokale besturen",
    "slug": "lokale-besturen",
    "intro": (
        "Wil je als gemeente burgerinitiatieven in zorg en welzijn steunen? BAZ is graag je "
        "partner. We helpen je jouw rol te bepalen en die rol waar te maken."
    ),
    "body": [
        _heading("Een partner voor jouw gemeente"),
        _paragraph(
            "<p>Steeds meer burgers zorgen samen voor elkaar: een buddy voor iemand die "
            "eenzaam is, een groep lotgenoten, een buurt die mantelzorgers helpt. Die "
            "initiatieven groeien van onderuit. Als lokaal bestuur kun je ze veel ruimte "
            "geven, zonder ze over te nemen.</p>"
            "<p>BAZ helpt je nadenken over jouw rol. Welke initiatieven wil je steunen? Hoe doe "
            "je dat? En wat heb je daar zelf voor nodig?</p>"
        ),
        _heading("Wat vind je hier?"),
        _link_cards(
            (
                "Lokale besturen in Inspireer elkaar",
                "Zie welke gemeenten initiatieven steunen, en hoe.",
                "/inspireer-elkaar/?kind=lokaal-bestuur",
            ),
            (
                "Verhalen en praktijkvoorbeelden",
                "Lees hoe andere gemeenten en burgers het aanpakten.",
                "/verhalen/",
            ),
            (
                "Screencast voor lokale besturen",
                "Een korte film over jouw rol, met ondertitels en uitgeschreven tekst.",
                "/leren/",
            ),
            (
                "Reflectie-instrument",
                "Denk in vier stappen na over wat jouw gemeente wil doen.",
                "/leren/reflectie/",
            ),
            (
                "Coaching",
                "BAZ begeleidt jouw gemeente in drie stappen.",
                "/coaching/",
            ),
            (
                "Contact",
                "Stel je vraag aan BAZ.",
                "/contact/",
            ),
        ),
        _heading("Verhalen en praktijkvoorbeelden"),
        _paragraph(
            "<p>We verzamelen verhalen van gemeenten en initiatiefnemers. Je leest wat werkte, "
            "wat moeilijk was en hoe ze het aanpakten. Zo hoef je niet alles zelf uit te "
            "vinden.</p>"
        ),
        _heading("Inspireer elkaar: maak initiatieven zichtbaar"),
        _paragraph(
            "<p>In <i>Inspireer elkaar</i> staan burgerinitiatieven, lokale besturen en "
            "organisaties op een kaart. Je kunt de initiatieven in jouw gemeente mee zichtbaar "
            "maken. Zo weten andere besturen, burgers en sociale organisaties waar ze terecht "
            "kunnen. En iedereen kan van elkaar leren.</p>"
        ),
        _heading("Screencast: jouw rol als lokaal bestuur"),
        _paragraph(
            "<p>In een korte screencast leggen we uit wat burgerinitiatieven zijn en waarom ze "
            "ertoe doen. Burgers nemen steeds vaker zelf zorg op, naast de professionele zorg. "
            "Dat noemen we de tweede welzijnspijler. De screencast stelt vier vragen:</p>"
            "<ol>"
            "<li>Wat zijn burgerinitiatieven?</li>"
            "<li>Welke initiatieven wil jouw gemeente steunen?</li>"
            "<li>Op welke manier doe je dat?</li>"
            "<li>Wat heeft de gemeente daarvoor nodig?</li>"
            "</ol>"
            "<p>Bekijk hem alleen of met je team. Hij is gemaakt om samen over na te denken.</p>"
        ),
        _heading("Coachingtraject in drie stappen"),
        _paragraph(
            "<p>Weet je welke rol je wilt opnemen en wil je concreet aan de slag? Dan kan BAZ "
            "je gemeente coachen. Een coachingtraject heeft drie delen:</p>"
            "<ol>"
            "<li><b>Analyse</b>: we brengen samen in kaart welke initiatieven er zijn en wat "
            "jouw gemeente al doet.</li>"
            "<li><b>Vorming</b>: vormingssessies voor de beleidsmedewerkers die met "
            "burgerinitiatieven werken.</li>"
            "<li><b>Conclusies en afspraken</b>: wat neem je mee, wie doet wat en tegen "
            "wanneer?</li>"
            "</ol>"
        ),
        _heading("Contact"),
        _paragraph(
            '<p>Bekijk <a href="/coaching/waar-actief/">waar BAZ al actief is</a> of '
            '<a href="/coaching/aanvragen/">vraag een coachingtraject aan</a>. Heb je een vraag '
            "over burgerinitiatieven of coaching? Neem contact op met ons aanspreekpunt voor "
            'lokale besturen, of gebruik het <a href="/contact/">contactformulier</a>. We '
            "antwoorden binnen vijf werkdagen.</p>"
        ),
        _contact_person(
            name="Lotte Verbeke",
            role="Aanspreekpunt voor lokale besturen",
            organisation="BurgersAanZet",
            email="lotte.verbeke@example.org",
            phone="09 123 45 67",
        ),
    ],
}

OVER = {
    "title": "Over dit platform",
    "slug": "over-dit-platform",
    "intro": "Wie maakt dit platform, en waar komen de gegevens vandaan?",
    "body": [
        _heading("Wie zit erachter?"),
        _paragraph(
            "<p>Dit platform is van BurgersAanZet (BAZ). Daarin werken vijf organisaties samen: "
            "ArmenTeKort, DOMO, Eigen Kracht Centrale, Lus en Magenta. Ze werken met "
            "vrijwilligers. Samen steunen we burgers die voor elkaar zorgen.</p>"
        ),
        _heading("Bronnen van de gegevens"),
        _paragraph(
            "<ul>"
            "<li>De lijst van gemeenten, provincies, gewesten en postcodes komt van "
            '<a href="https://statbel.fgov.be/">Statbel</a>, onder de licentie '
            '<a href="https://creativecommons.org/licenses/by/4.0/deed.nl">CC BY 4.0</a>. '
            "Het gaat om de gemeenten zoals ze zijn sinds de fusies van 1 januari 2025.</li>"
            "<li>De ligging van postcodes op de kaart komt uit de open dataset van "
            '<a href="https://github.com/dr5hn/countries-states-cities-database">Countries '
            "States Cities</a>, onder de licentie "
            '<a href="https://opendatacommons.org/licenses/odbl/">ODbL</a>. Een gemeente '
            "staat op de kaart op het gemiddelde punt van haar postcodes. Dat is geen exact "
            "adres.</li>"
            "<li>De achtergrondkaart komt van "
            '<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers.'
            "</li>"
            "</ul>"
        ),
        _heading("Open data"),
        _paragraph(
            "<p>Wat je op dit platform publiceert over initiatieven, stellen we ook als open "
            "data ter beschikking, onder de licentie CC BY 4.0. Zo kunnen anderen de gegevens "
            "hergebruiken, met vermelding van de bron.</p>"
        ),
    ],
}

TOEGANKELIJKHEID = {
    "title": "Toegankelijkheidsverklaring",
    "slug": "toegankelijkheid",
    "intro": "We willen dat iedereen dit platform kan gebruiken.",
    "body": [
        _heading("Onze norm"),
        _paragraph(
            "<p>We bouwen dit platform volgens de richtlijnen WCAG 2.2, niveau AA. Je kunt elke "
            "pagina met het toetsenbord alleen gebruiken. Elke kaart heeft ook een lijst met "
            "dezelfde gegevens. Video's krijgen ondertitels en een uitgeschreven tekst.</p>"
        ),
        _heading("Hoe we dat controleren"),
        _paragraph(
            "<p>Bij elke wijziging testen we de pagina's automatisch in een echte browser. "
            "Die test bedient de navigatie met het toetsenbord en controleert de pagina's met "
            "het hulpmiddel axe-core op de regels van WCAG 2.2 AA.</p>"
        ),
        _heading("Wat nog niet goed gaat"),
        _paragraph(
            "<p>Automatische tests vinden niet alles. Lukt iets niet, of is een tekst moeilijk "
            "te begrijpen? Laat het ons weten. Dan zoeken we een oplossing.</p>"
        ),
        _heading("Een probleem melden"),
        _paragraph(
            '<p>Mail naar <a href="mailto:toegankelijkheid@example.org">'
            "toegankelijkheid@example.org</a>. Zeg op welke pagina het probleem zit en wat er "
            "misgaat. We antwoorden binnen vijf werkdagen.</p>"
        ),
    ],
}

CONTENT_PAGES = [LOKALE_BESTUREN, OVER, TOEGANKELIJKHEID]
# Pages shown in the main navigation (the others go in the footer).
MENU_SLUGS = {"lokale-besturen"}
