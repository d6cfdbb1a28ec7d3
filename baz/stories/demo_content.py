"""The Dutch demo stories and good practices themselves, as data (`baz.stories.demo` loads them).

Invented people and places in real Flemish municipalities; each story names the atlas demo
entries (by slug) and the demo partner it links to.
"""

from __future__ import annotations

from datetime import date
from typing import Any

P = "paragraph"
H = "heading"
Q = "quote"
IMG = "image"  # value: (alt, caption); the image is drawn
LESSONS = "lessons"
STEPS = "steps"
CTA = "call_to_action"

# Each story: kind, slug, title, intro, author, date, themes, werkvormen, municipalities,
# atlas entry slugs, partner, body (list of (block, value)).
STORIES: list[dict[str, Any]] = [
    {
        "kind": "verhaal",
        "slug": "elke-donderdag-soep",
        "title": "Elke donderdag soep, en een buur die weer buitenkomt",
        "intro": (
            "In een Gentse straat koken buren elke donderdag samen soep. Wat begon met één "
            "grote kookpot, is nu een vaste afspraak voor dertig mensen. Voor Rita (78) was "
            "het de eerste keer in maanden dat ze weer onder de mensen kwam."
        ),
        "author": "Wim Claes, redactie",
        "date": date(2026, 10, 8),
        "themes": ["eenzaamheid", "buurt-en-samenleven"],
        "werkvormen": ["vrijwillig-engagement", "community-building"],
        "municipalities": ["Gent"],
        "entries": ["buurtsoep-de-pollepel"],
        "partner": "Samen Sterk vzw",
        "body": [
            (
                P,
                "<p>Het idee kwam van Hanne, een jonge mama uit de straat. Ze zag dat veel "
                "oudere buren alleen woonden. <b>Iedereen moet eten</b>, dacht ze. Waarom "
                "dan niet samen? Ze zette een grote kookpot op de stoep en hing een briefje "
                "op: 'Donderdag soep. Breng een kom mee.'</p>",
            ),
            (
                P,
                "<p>De eerste week kwamen er vijf mensen. Nu zijn het er elke week zo'n "
                "dertig. Wie wil, helpt mee met groenten snijden. Wie niet kan komen, krijgt "
                "een kom soep aan de deur.</p>",
            ),
            (
                Q,
                {
                    "text": "Ik dacht dat niemand me nog zag staan. Nu kloppen ze op mijn deur "
                    "als ik er niet ben.",
                    "attribution": "Rita, buurvrouw",
                },
            ),
            (H, "Meer dan soep"),
            (
                P,
                "<p>De soep is een aanleiding. Aan tafel hoor je wie hulp nodig heeft. Zo "
                "brengt een buur nu elke week de boodschappen van Rita mee. Een andere buur "
                "hielp met een formulier van het OCMW. Niemand moest daarvoor iets "
                "organiseren: het gebeurde vanzelf, omdat mensen elkaar leerden kennen.</p>",
            ),
            (
                IMG,
                (
                    "Een tekening van een grote soepketel met gekleurde kommen eromheen.",
                    "De kookpot staat elke donderdag klaar op de stoep.",
                ),
            ),
            (
                P,
                "<p>De stad Gent helpt een beetje: de groep mag gratis tafels lenen en kreeg "
                "een kleine subsidie voor een tweede kookpot. Verder draait alles op "
                "vrijwilligers.</p>",
            ),
            (
                CTA,
                {
                    "text": "Bekijk De Pollepel in Inspireer elkaar",
                    "page": None,
                    "url": "/inspireer-elkaar/?q=pollepel",
                },
            ),
        ],
    },
    {
        "kind": "verhaal",
        "slug": "marc-en-jeanine-duo-op-stap",
        "title": "Marc en Jeanine: een duo dat elke week op stap gaat",
        "intro": (
            "Marc is 34 en werkt halftijds. Jeanine is 81 en kan niet meer alleen naar de "
            "markt. Sinds een jaar gaan ze elke zaterdag samen op stap. Ze leerden elkaar "
            "kennen via Duo's op stap."
        ),
        "author": "Lies Verbeke",
        "date": date(2026, 9, 17),
        "themes": ["eenzaamheid", "ouderen"],
        "werkvormen": ["buddy-of-duowerking"],
        "municipalities": ["Gent"],
        "entries": ["duos-op-stap"],
        "partner": "Samen Sterk vzw",
        "body": [
            (
                P,
                "<p>Jeanine woont al vijftig jaar in dezelfde straat. Haar kinderen wonen "
                "ver weg. 'Ik zag soms een hele week niemand', vertelt ze. Haar huisarts "
                "gaf haar een folder van Duo's op stap.</p>",
            ),
            (
                P,
                "<p>Bij Duo's op stap koppelen vrijwilligers een buddy aan een oudere. Eerst "
                "is er een kennismaking bij de oudere thuis, samen met een coördinator. "
                "Klikt het, dan spreken ze zelf af wanneer ze op stap gaan.</p>",
            ),
            (
                Q,
                {
                    "text": "Ik dacht dat ik iets ging geven. Maar ik krijg minstens evenveel "
                    "terug.",
                    "attribution": "Marc, vrijwilliger",
                },
            ),
            (H, "Wat een duo goed maakt"),
            (
                P,
                "<p>Volgens de coördinator is de match het belangrijkste. 'We kijken niet "
                "alleen naar wie tijd heeft. We kijken ook naar wat mensen graag doen.' "
                "Marc en Jeanine houden allebei van de markt en van koffie met een "
                "koekje. Dat was genoeg om te starten.</p>",
            ),
            (
                P,
                "<p>Vandaag kent Jeanine ook de vrienden van Marc. Op haar verjaardag stond "
                "er een taart aan de deur. Haar netwerk is groter geworden, en dat is "
                "precies de bedoeling.</p>",
            ),
        ],
    },
    {
        "kind": "praktijkvoorbeeld",
        "slug": "praatcafe-voor-mantelzorgers-opstarten",
        "title": "Een praatcafé voor mantelzorgers opstarten",
        "intro": (
            "Mantelzorgers zorgen elke dag voor iemand die ze graag zien. Een praatcafé "
            "geeft hen een plek om even op adem te komen en ervaringen te delen. Twee "
            "groepen, in Antwerpen en in Melle, vertellen hoe ze begonnen."
        ),
        "author": "Jonas De Smet, Buurtkracht vzw",
        "date": date(2026, 6, 3),
        "themes": ["mantelzorg"],
        "werkvormen": ["lotgenotenwerking"],
        "municipalities": ["Antwerpen", "Merelbeke-Melle"],
        "entries": ["praatcafe-mantelzorg-zuid", "mantelzorgcafe-melle"],
        "partner": "Buurtkracht vzw",
        "body": [
            (
                P,
                "<p>Veel mantelzorgers voelen zich alleen. Ze hebben weinig tijd voor zichzelf "
                "en praten zelden over hoe zwaar het soms is. In een praatcafé ontmoeten ze "
                "mensen die hetzelfde meemaken. Dat heet lotgenotenwerking.</p>",
            ),
            (H, "Twee groepen, één aanpak"),
            (
                P,
                "<p>In Antwerpen-Zuid startte een groep van drie mantelzorgers in een "
                "buurthuis. In Melle begon het bij de bibliotheek, met steun van de "
                "gemeente. Beide groepen komen één keer per maand samen, op een vast "
                "moment.</p>",
            ),
            (
                Q,
                {
                    "text": "Hier hoef ik niets uit te leggen. Iedereen weet hoe het is.",
                    "attribution": "Hilde, mantelzorger in Melle",
                },
            ),
            (
                IMG,
                (
                    "Een tekening van koffiekopjes op een tafel, met stoelen in een kring.",
                    "Een kop koffie en een kring stoelen: meer is niet nodig om te starten.",
                ),
            ),
            (
                LESSONS,
                {
                    "title": "Wat we leerden",
                    "items": [
                        "Kies een vast moment. Mantelzorgers plannen hun zorg rond die afspraak.",
                        "Zorg voor opvang of een oppas, zodat ook wie niet weg kan, toch komt.",
                        "Niet elke avond moet een thema hebben. Vaak is praten genoeg.",
                        "Vraag de gemeente om een gratis zaal en om reclame in het infoblad.",
                    ],
                },
            ),
            (
                STEPS,
                {
                    "title": "Zo pak je het aan",
                    "steps": [
                        {
                            "title": "Zoek twee of drie mensen die mee willen trekken",
                            "text": "Alleen starten is zwaar. Met een klein groepje verdeel je het "
                            "werk.",
                        },
                        {
                            "title": "Zoek een plek die vlot bereikbaar is",
                            "text": "Een buurthuis, de bib of een lokaal van de gemeente. "
                            "Gelijkvloers en met een toilet.",
                        },
                        {
                            "title": "Maak het bekend bij huisartsen en thuiszorg",
                            "text": "Zij kennen de mantelzorgers. Een folder bij de apotheker "
                            "helpt ook.",
                        },
                        {
                            "title": "Spreek af hoe je met moeilijke verhalen omgaat",
                            "text": "Weet naar wie je kunt doorverwijzen, bv. het CAW of het OCMW.",
                        },
                    ],
                },
            ),
        ],
    },
    {
        "kind": "verhaal",
        "slug": "elke-ochtend-een-telefoontje",
        "title": "Elke ochtend een telefoontje",
        "intro": (
            "In Roeselare belt elke ochtend iemand van de telefooncirkel naar een oudere "
            "die alleen woont. Het gesprek duurt soms maar twee minuten. Toch maakt het "
            "voor veel mensen het verschil."
        ),
        "author": "Wim Claes, redactie",
        "date": date(2026, 11, 12),
        "themes": ["eenzaamheid", "ouderen"],
        "werkvormen": ["vrijwillig-engagement", "persoonlijke-netwerkversterking"],
        "municipalities": ["Roeselare"],
        "entries": ["telefooncirkel-roeselare"],
        "partner": None,
        "body": [
            (
                P,
                "<p>Om negen uur gaat bij Georges (86) de telefoon. Aan de lijn: Fien, een "
                "gepensioneerde verpleegster. 'Goeiemorgen Georges, goed geslapen?' Zo "
                "begint hun dag, al drie jaar lang.</p>",
            ),
            (
                P,
                "<p>De telefooncirkel heeft twintig vrijwilligers. Elke vrijwilliger belt "
                "een vaste persoon. Neemt iemand niet op, dan belt de vrijwilliger een "
                "buur of familielid. Zo werd al twee keer iemand gevonden die gevallen "
                "was.</p>",
            ),
            (
                Q,
                {
                    "text": "Het is maar een telefoontje. Maar het betekent dat iemand aan je "
                    "denkt.",
                    "attribution": "Georges, deelnemer",
                },
            ),
            (H, "Van bellen naar afspreken"),
            (
                P,
                "<p>Na een tijd willen veel mensen elkaar ook zien. Daarom organiseert de "
                "cirkel nu elke maand een koffienamiddag. Georges gaat altijd. 'Ik wil Fien "
                "toch eens in het echt zien lachen', zegt hij.</p>",
            ),
        ],
    },
    {
        "kind": "praktijkvoorbeeld",
        "slug": "zo-werd-nieuwerkerken-een-zorgzame-buurt",
        "title": "Zo werd Nieuwerkerken een zorgzame buurt",
        "intro": (
            "In Nieuwerkerken (Aalst) letten buren op elkaar. Ze weten wie hulp kan "
            "gebruiken en wie hulp kan geven. Het lokaal bestuur steunt hen, maar neemt "
            "het niet over."
        ),
        "author": "Fatima El Amrani, Buurtkracht vzw",
        "date": date(2026, 4, 22),
        "themes": ["ouderen", "buurt-en-samenleven"],
        "werkvormen": ["community-building", "vrijwillig-engagement"],
        "municipalities": ["Aalst"],
        "entries": ["zorgzame-buurt-nieuwerkerken", "lokaal-bestuur-aalst"],
        "partner": "Buurtkracht vzw",
        "body": [
            (
                P,
                "<p>Een zorgzame buurt is een buurt waar mensen voor elkaar zorgen, naast "
                "de professionele zorg. In Nieuwerkerken begon het met een buurtfeest. "
                "Daar bleek dat veel buren wel iets wilden doen, maar niet wisten wat.</p>",
            ),
            (H, "Een kaart van wat er al is"),
            (
                P,
                "<p>De bewoners maakten samen een kaart van de buurt: wie woont waar, wie "
                "heeft een auto, wie kan goed met computers? Zo zag iedereen hoeveel kracht "
                "er al in de buurt zat.</p>",
            ),
            (
                Q,
                {
                    "text": "Wij zijn geen hulpverleners. We zijn buren die een oogje in het "
                    "zeil houden.",
                    "attribution": "Koen, buurtbewoner",
                },
            ),
            (
                P,
                "<p>Het lokaal bestuur van Aalst gaf een vaste contactpersoon bij de dienst "
                "Welzijn. Die helpt als een vraag te groot wordt voor de buurt. De "
                "beslissingen blijven bij de bewoners.</p>",
            ),
            (
                LESSONS,
                {
                    "title": "Wat we leerden",
                    "items": [
                        "Begin met ontmoeten, niet met een plan.",
                        "Maak zichtbaar wat buren al kunnen en willen geven.",
                        "Een vast aanspreekpunt bij de gemeente geeft vertrouwen.",
                        "Laat de bewoners beslissen. De gemeente ondersteunt.",
                    ],
                },
            ),
            (
                STEPS,
                {
                    "title": "Zo pak je het aan",
                    "steps": [
                        {
                            "title": "Organiseer een ontmoeting",
                            "text": "Een buurtfeest, een koffiemoment of een straatbabbel.",
                        },
                        {
                            "title": "Breng samen in kaart wat er al is",
                            "text": "Talenten, tijd, plaatsen om samen te komen.",
                        },
                        {
                            "title": "Spreek af wie het eerste aanspreekpunt is",
                            "text": "In de buurt en bij de gemeente.",
                        },
                        {
                            "title": "Vier wat lukt",
                            "text": "Vertel de verhalen verder. Dat trekt nieuwe mensen aan.",
                        },
                    ],
                },
            ),
        ],
    },
    {
        "kind": "verhaal",
        "slug": "een-buddy-in-een-nieuwe-stad",
        "title": "Een buddy in een nieuwe stad",
        "intro": (
            "Samira kwam twee jaar geleden met haar dochter naar Mechelen. Ze kende er "
            "niemand. Via Buddy's voor nieuwkomers leerde ze Ann kennen. Vandaag zijn ze "
            "vriendinnen."
        ),
        "author": "Lies Verbeke",
        "date": date(2026, 3, 5),
        "themes": ["nieuwkomers", "eenzaamheid"],
        "werkvormen": ["buddy-of-duowerking", "persoonlijke-netwerkversterking"],
        "municipalities": ["Mechelen"],
        "entries": ["buddys-voor-nieuwkomers"],
        "partner": "Samen Sterk vzw",
        "body": [
            (
                P,
                "<p>'De eerste maanden waren zwaar', zegt Samira. 'Ik sprak nog weinig "
                "Nederlands en wist niet waar ik moest beginnen.' Ann is gepensioneerd "
                "leerkracht. Ze wilde iets doen voor mensen die nieuw zijn in de stad.</p>",
            ),
            (
                P,
                "<p>Ann en Samira zien elkaar elke week. Ze gingen samen naar de bib, de "
                "school van Samira's dochter en de markt. Ann hielp met brieven van de "
                "school. Samira leerde Ann koken met verse kruiden.</p>",
            ),
            (
                Q,
                {
                    "text": "Een buddy is geen hulpverlener. Het is iemand die met je meeloopt.",
                    "attribution": "Ann, buddy",
                },
            ),
            (H, "Een netwerk dat groeit"),
            (
                P,
                "<p>Via Ann leerde Samira andere mensen kennen. Ze doet nu zelf "
                "vrijwilligerswerk in de schoolkeuken. 'Ik wil ook iets teruggeven', "
                "zegt ze.</p>",
            ),
        ],
    },
    {
        "kind": "praktijkvoorbeeld",
        "slug": "samen-wandelen-als-het-mentaal-zwaar-is",
        "title": "Samen wandelen als het mentaal zwaar is",
        "intro": (
            "Wandelclub Stap voor Stap in Hasselt wandelt elke week met mensen die het "
            "mentaal moeilijk hebben. Niemand moet iets vertellen. Samen stappen is genoeg "
            "om je minder alleen te voelen."
        ),
        "author": "Wim Claes, redactie",
        "date": date(2026, 5, 14),
        "themes": ["psychische-kwetsbaarheid"],
        "werkvormen": ["lotgenotenwerking", "persoonlijke-netwerkversterking"],
        "municipalities": ["Hasselt"],
        "entries": ["wandelclub-stap-voor-stap"],
        "partner": None,
        "body": [
            (
                P,
                "<p>Elke dinsdag om tien uur vertrekt de groep aan het station. Er zijn "
                "twee begeleiders: een ervaringsdeskundige en een vrijwilliger. Wie sneller "
                "wil, stapt vooraan. Wie trager gaat, stapt achteraan. Niemand blijft "
                "alleen achter.</p>",
            ),
            (
                Q,
                {
                    "text": "Op slechte dagen is de wandeling het enige waarvoor ik opsta. En "
                    "dat is genoeg.",
                    "attribution": "Tom, wandelaar",
                },
            ),
            (
                IMG,
                (
                    "Een tekening van een pad door groene heuvels met kleine figuurtjes.",
                    "De route is elke week anders, maar nooit langer dan vijf kilometer.",
                ),
            ),
            (
                LESSONS,
                {
                    "title": "Wat we leerden",
                    "items": [
                        "Een vast vertrekpunt en uur maken het makkelijk om te komen.",
                        "Met iemand naast je praten is makkelijker dan tegenover iemand.",
                        "Werk samen met een ervaringsdeskundige.",
                        "Leg de link met de huisarts en het centrum geestelijke gezondheidszorg.",
                    ],
                },
            ),
            (
                STEPS,
                {
                    "title": "Zo pak je het aan",
                    "steps": [
                        {
                            "title": "Kies een korte, vlakke route",
                            "text": "Iedereen moet mee kunnen, ook wie weinig conditie heeft.",
                        },
                        {
                            "title": "Spreek af wat je doet als iemand het moeilijk krijgt",
                            "text": "Wie blijft erbij? Wie bel je?",
                        },
                        {
                            "title": "Sluit af met koffie",
                            "text": "Na de wandeling praten mensen vaak makkelijker.",
                        },
                    ],
                },
            ),
        ],
    },
    {
        "kind": "praktijkvoorbeeld",
        "slug": "een-vast-aanspreekpunt-voor-burgerinitiatieven",
        "title": "Eén vast aanspreekpunt voor burgerinitiatieven",
        "intro": (
            "Initiatiefnemers weten vaak niet bij welke dienst ze moeten aankloppen. In Gent "
            "kregen ze één vast aanspreekpunt. Zo vinden vragen sneller de juiste persoon, "
            "en voelen initiatieven zich gesteund."
        ),
        "author": "Jonas De Smet, Buurtkracht vzw",
        "date": date(2026, 2, 10),
        "themes": ["buurt-en-samenleven"],
        "werkvormen": ["community-building"],
        "municipalities": ["Gent"],
        "entries": ["lokaal-bestuur-gent", "buurtsoep-de-pollepel"],
        "partner": "Buurtkracht vzw",
        "body": [
            (
                P,
                "<p>Een burgerinitiatief heeft soms een zaal nodig, soms een verzekering en "
                "soms gewoon raad. Elke vraag hoort bij een andere dienst. Voor vrijwilligers "
                "is dat een doolhof.</p>",
            ),
            (H, "Wat de gemeente deed"),
            (
                P,
                "<p>De gemeente wees één medewerker aan als aanspreekpunt. Die kent de "
                "diensten en zoekt het antwoord. Het aanspreekpunt staat met naam en "
                "telefoonnummer op de website en in Inspireer elkaar.</p>",
            ),
            (
                Q,
                {
                    "text": "Vroeger belde ik vijf keer. Nu bel ik één keer, en ik word "
                    "teruggebeld.",
                    "attribution": "Hanne, initiatiefnemer",
                },
            ),
            (
                LESSONS,
                {
                    "title": "Wat we leerden",
                    "items": [
                        "Een naam en een gezicht werken beter dan een algemeen e-mailadres.",
                        "Het aanspreekpunt heeft een mandaat nodig om diensten aan te spreken.",
                        "Maak het aanbod zichtbaar: zaal, materiaal, verzekering, subsidie.",
                    ],
                },
            ),
            (
                STEPS,
                {
                    "title": "Zo pak je het aan",
                    "steps": [
                        {"title": "Kies een medewerker met tijd en mandaat", "text": ""},
                        {
                            "title": "Maak een lijst van wat de gemeente kan bieden",
                            "text": "Gebruik de lijst van Inspireer elkaar als start.",
                        },
                        {
                            "title": "Zet het aanspreekpunt in de kijker",
                            "text": "Op de website, in het infoblad en in het "
                            "lokaal-bestuurprofiel.",
                        },
                        {"title": "Evalueer na een jaar met de initiatieven zelf", "text": ""},
                    ],
                },
            ),
            (
                CTA,
                {"text": "Vraag coaching aan voor jouw gemeente", "page": None, "url": "/contact/"},
            ),
        ],
    },
    {
        "kind": "verhaal",
        "slug": "herstellen-in-plaats-van-weggooien",
        "title": "Herstellen in plaats van weggooien",
        "intro": (
            "Eén zaterdag per maand wordt een zaal in Kessel-Lo een werkplaats. Buren "
            "brengen kapotte lampen, broeken en fietsen mee. Samen met vrijwilligers "
            "herstellen ze die, en ze leren elkaar kennen."
        ),
        "author": "Lies Verbeke",
        "date": date(2026, 8, 27),
        "themes": ["armoede", "buurt-en-samenleven"],
        "werkvormen": ["vrijwillig-engagement", "community-building"],
        "municipalities": ["Leuven"],
        "entries": ["repair-cafe-kessel-lo"],
        "partner": None,
        "body": [
            (
                P,
                "<p>Aan de naaitafel zit Maria. Ze helpt een student met een gescheurde jas. "
                "Aan de tafel ernaast herstelt Omar een broodrooster. 'Het is niet alleen "
                "besparen', zegt hij. 'Je maakt hier ook vrienden.'</p>",
            ),
            (
                P,
                "<p>Herstellen is gratis. Wie wil, geeft een vrije bijdrage. Voor mensen met "
                "een klein budget maakt dat een groot verschil: een kapotte wasmachine is "
                "geen ramp meer.</p>",
            ),
            (
                Q,
                {
                    "text": "Ik kwam voor mijn lamp. Ik kom nu terug om te helpen.",
                    "attribution": "Luc, vrijwilliger",
                },
            ),
        ],
    },
]
