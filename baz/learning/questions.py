"""The fixed vocabulary of the learning module: the four questions, support forms and needs.

The screencast page and the reflection tool share these, so the four questions read the same
everywhere. Keys are stored in a reflection's answers; labels are what a visitor reads.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

REFLECTION_QUESTIONS = [
    _("Welke burgerinitiatieven zijn er bij ons?"),
    _("Welke willen we ondersteunen, en waarom?"),
    _("Op welke manier willen we ze ondersteunen?"),
    _("Wat hebben we als gemeente daarvoor nodig?"),
]

# (key, label, one-line explanation) for step 3.
SUPPORT_FORMS = [
    (
        "aanspreekpunt",
        _("Aanspreekpunt"),
        _("Een vaste persoon of dienst bij wie initiatieven terechtkunnen."),
    ),
    ("subsidie", _("Subsidie"), _("Geld voor de werking of voor een project.")),
    ("ruimte", _("Ruimte"), _("Een lokaal of een plek om samen te komen.")),
    ("materiaal", _("Materiaal"), _("Materiaal lenen, zoals tafels, stoelen of een beamer.")),
    (
        "communicatie",
        _("Communicatie"),
        _("Het initiatief bekendmaken via de kanalen van de gemeente."),
    ),
    (
        "verbinden",
        _("Verbinden"),
        _("Initiatieven in contact brengen met elkaar en met organisaties."),
    ),
    ("vorming", _("Vorming"), _("Opleiding of advies voor vrijwilligers en initiatiefnemers.")),
    (
        "erkenning",
        _("Erkenning"),
        _("Waardering tonen, bijvoorbeeld met een prijs of een vermelding."),
    ),
]
SUPPORT_FORM_KEYS = [key for key, _label, _help in SUPPORT_FORMS]

# (key, label, explanation) for step 4.
NEEDS = [
    ("capaciteit", _("Capaciteit"), _("Tijd en mensen om initiatieven op te volgen.")),
    ("kennis", _("Kennis"), _("Wat weten we nog niet over burgerinitiatieven?")),
    ("budget", _("Budget"), _("Middelen om ondersteuning te geven.")),
    ("mandaat", _("Mandaat"), _("Een duidelijke opdracht van het college of de gemeenteraad.")),
    ("partners", _("Partners"), _("Organisaties waarmee we samenwerken.")),
]
NEED_KEYS = [key for key, _label, _help in NEEDS]

PRIORITIES = [
    ("hoog", _("Hoog")),
    ("midden", _("Midden")),
    ("laag", _("Laag")),
]
