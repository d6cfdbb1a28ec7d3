"""The starting terms of the atlas taxonomies. Editors can add, rename or reorder them later."""

THEMES = [
    ("Eenzaamheid", "eenzaamheid"),
    ("Armoede", "armoede"),
    ("Mantelzorg", "mantelzorg"),
    ("Psychische kwetsbaarheid", "psychische-kwetsbaarheid"),
    ("Ouderen", "ouderen"),
    ("Jongeren", "jongeren"),
    ("Gezinnen", "gezinnen"),
    ("Nieuwkomers", "nieuwkomers"),
    ("Personen met een beperking", "personen-met-een-beperking"),
    ("Buurt en samenleven", "buurt-en-samenleven"),
]

WERKVORMEN = [
    ("Lotgenotenwerking", "lotgenotenwerking", "Mensen met dezelfde ervaring steunen elkaar."),
    ("Buddy- of duowerking", "buddy-of-duowerking", "Twee mensen trekken samen op."),
    (
        "Persoonlijke netwerkversterking",
        "persoonlijke-netwerkversterking",
        "Iemand helpen zijn of haar eigen netwerk uit te bouwen.",
    ),
    ("Vrijwillig engagement", "vrijwillig-engagement", "Burgers zetten zich vrijwillig in."),
    (
        "Competentieversterking",
        "competentieversterking",
        "Mensen leren iets wat hen sterker maakt.",
    ),
    ("Community building", "community-building", "Samen een gemeenschap opbouwen."),
]

TARGET_GROUPS = [
    ("Kinderen", "kinderen"),
    ("Jongeren", "jongeren"),
    ("Volwassenen", "volwassenen"),
    ("Ouderen", "ouderen"),
    ("Gezinnen", "gezinnen"),
    ("Mantelzorgers", "mantelzorgers"),
    ("Iedereen", "iedereen"),
]
