"""The intro of `/verhalen/`, rewritten in plain language (B1).

A fresh install gets it from `baz.stories.services.INDEX_INTRO`; an existing install gets it
here, only where the intro is still exactly the one the install wrote (an editor's intro
stays).
"""

from django.db import migrations

from baz.core.migration_texts import page_text_replace

OLD_INTRO = (
    "Verhalen van mensen die samen zorg en steun organiseren, en praktijkvoorbeelden van "
    "lokale besturen. Lees wat werkte, wat moeilijk was en hoe je zelf begint."
)
NEW_INTRO = (
    "Hier lees je hoe mensen samen zorg en steun regelen. In een praktijkvoorbeeld lees je hoe "
    "een gemeente hen helpt. Lees wat werkte, wat moeilijk was en hoe je zelf begint."
)


def forward(apps, schema_editor):
    page_text_replace(apps, "stories", "StoryIndexPage", "intro", OLD_INTRO, NEW_INTRO)


def backward(apps, schema_editor):
    page_text_replace(apps, "stories", "StoryIndexPage", "intro", NEW_INTRO, OLD_INTRO)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0002_review_workflow_and_redactie_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forward, backward)]
