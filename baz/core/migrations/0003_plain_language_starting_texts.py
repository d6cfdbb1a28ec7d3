"""The starting texts of the home page and "Over dit platform", rewritten in plain language (B1).

A fresh install gets the new texts from `baz.core.site_content`. An existing install gets them
here, but only where a text is still exactly what the install wrote: an intro or paragraph an
editor changed stays as it is. The old and new texts are copied here, so that later edits of
`site_content` do not change what this migration does.
"""

import datetime

from django.db import migrations
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData

from baz.core.migration_texts import ReplaceUnchangedValue, page_text_replace

OLD_HOME_INTRO = (
    "Burgers zetten zich samen in voor mensen in hun buurt. Op dit platform vind je hun "
    "initiatieven, leer je van andere gemeenten en krijg je als lokaal bestuur hulp om "
    "die initiatieven te steunen."
)
NEW_HOME_INTRO = (
    "Burgers zetten zich samen in voor mensen in hun buurt. Hier vind je hun initiatieven. "
    "Je leert van andere gemeenten. En werk je voor een gemeente? Dan krijg je hulp om die "
    "initiatieven te steunen."
)
OLD_HOME_AUDIENCES = (
    "<ul>"
    "<li><b>Lokale besturen</b>: ontdek welke rol jouw gemeente kan opnemen tegenover "
    "burgerinitiatieven.</li>"
    "<li><b>Initiatiefnemers</b>: maak jouw initiatief zichtbaar en vind gelijkaardige "
    "initiatieven.</li>"
    "<li><b>Sociale organisaties</b>: zoek waar je mensen naartoe kunt sturen.</li>"
    "</ul>"
)
NEW_HOME_AUDIENCES = (
    "<ul>"
    "<li><b>Lokale besturen</b>: ontdek welke rol jouw gemeente kan opnemen. Hoe steun "
    "je burgers die samen iets doen?</li>"
    "<li><b>Initiatiefnemers</b>: zet jouw initiatief op de kaart. En vind anderen die "
    "iets gelijkaardigs doen.</li>"
    "<li><b>Sociale organisaties</b>: zoek waar je mensen naartoe kunt sturen.</li>"
    "</ul>"
)
OLD_HOME_ABOUT = (
    "<p>BurgersAanZet (BAZ) is een samenwerking van vrijwilligersorganisaties. We "
    "steunen initiatieven van burgers die vertrekken van wat mensen zelf kunnen "
    "(krachtgericht) en die mensen helpen hun eigen netwerk uit te bouwen "
    "(netwerkversterkend).</p>"
)
NEW_HOME_ABOUT = (
    "<p>In BurgersAanZet (BAZ) werken vijf organisaties samen. Ze werken met "
    "vrijwilligers. We steunen burgers die samen iets opzetten. Ze gaan uit van wat "
    "mensen zelf kunnen: dat is krachtgericht. En ze helpen mensen hun eigen netwerk "
    "uit te bouwen: dat is netwerkversterkend.</p>"
)
OLD_OVER_WHO = (
    "<p>Dit platform is van BurgersAanZet (BAZ), een samenwerking van "
    "vrijwilligersorganisaties: ArmenTeKort, DOMO, Eigen Kracht Centrale, Lus en "
    "Magenta. Samen steunen we burgerinitiatieven in zorg en welzijn.</p>"
)
NEW_OVER_WHO = (
    "<p>Dit platform is van BurgersAanZet (BAZ). Daarin werken vijf organisaties samen: "
    "ArmenTeKort, DOMO, Eigen Kracht Centrale, Lus en Magenta. Ze werken met "
    "vrijwilligers. Samen steunen we burgers die voor elkaar zorgen.</p>"
)
# Besides the live and the latest revision of each page, revisions made from this day on.
REVISIONS_FROM = datetime.datetime(2026, 12, 3, tzinfo=datetime.UTC)


def home_intro_forward(apps, schema_editor):
    page_text_replace(apps, "core", "HomePage", "intro", OLD_HOME_INTRO, NEW_HOME_INTRO)


def home_intro_backward(apps, schema_editor):
    page_text_replace(apps, "core", "HomePage", "intro", NEW_HOME_INTRO, OLD_HOME_INTRO)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_content_blocks_link_cards_and_contact_person"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(home_intro_forward, home_intro_backward),
        MigrateStreamData(
            app_name="core",
            model_name="HomePage",
            field_name="body",
            operations_and_block_paths=[
                (ReplaceUnchangedValue(OLD_HOME_AUDIENCES, NEW_HOME_AUDIENCES), "paragraph"),
                (ReplaceUnchangedValue(OLD_HOME_ABOUT, NEW_HOME_ABOUT), "paragraph"),
            ],
            revisions_from=REVISIONS_FROM,
        ),
        MigrateStreamData(
            app_name="core",
            model_name="ContentPage",
            field_name="body",
            operations_and_block_paths=[
                (ReplaceUnchangedValue(OLD_OVER_WHO, NEW_OVER_WHO), "paragraph"),
            ],
            revisions_from=REVISIONS_FROM,
        ),
    ]
