"""The intro of `/leren/`, rewritten in plain language (B1).

A fresh install gets it from `baz.learning.demo.LEARNING_INTRO`; an existing install gets it
here, only where the intro is still exactly the one the install wrote (an editor's intro
stays).
"""

from django.db import migrations

from baz.core.migration_texts import page_text_replace

OLD_INTRO = (
    "Bekijk de screencast over de rol van lokale besturen bij burgerinitiatieven. "
    "Denk daarna samen na met het reflectie-instrument."
)
NEW_INTRO = (
    "Bekijk de screencast. Die gaat over wat je gemeente kan doen voor burgerinitiatieven. "
    "Denk daarna met je team na over vier vragen."
)


def forward(apps, schema_editor):
    page_text_replace(apps, "learning", "LearningIndexPage", "intro", OLD_INTRO, NEW_INTRO)


def backward(apps, schema_editor):
    page_text_replace(apps, "learning", "LearningIndexPage", "intro", NEW_INTRO, OLD_INTRO)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_screencast_mp4_video"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forward, backward)]
