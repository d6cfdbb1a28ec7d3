"""The plain-language migrations give existing installs the new starting texts, but only where
a text is still the one the install wrote: an editor's text stays."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from baz.core.models import ContentPage, HomePage
from baz.core.services import site_structure_ensure

pytestmark = pytest.mark.django_db

core_texts = importlib.import_module("baz.core.migrations.0003_plain_language_starting_texts")
story_texts = importlib.import_module("baz.stories.migrations.0003_plain_language_index_intro")
learning_texts = importlib.import_module("baz.learning.migrations.0004_plain_language_index_intro")


def _run_core_migration() -> None:
    for operation in core_texts.Migration.operations:
        operation.code(apps, None)


def _paragraphs(page) -> list[str]:
    return [block.value.source for block in page.body if block.block_type == "paragraph"]


def _publish_old_texts(home: HomePage, *, intro: str) -> None:
    home.intro = intro
    home.body = [
        {"type": "heading", "value": "Voor wie is dit platform?"},
        {"type": "paragraph", "value": core_texts.OLD_HOME_AUDIENCES},
        {"type": "heading", "value": "Wie is BurgersAanZet?"},
        {"type": "paragraph", "value": core_texts.OLD_HOME_ABOUT},
    ]
    home.save_revision().publish()


def test_unchanged_starting_texts_get_the_plain_version_in_the_page_and_its_revision():
    site_structure_ensure()
    home = HomePage.objects.get()
    _publish_old_texts(home, intro=core_texts.OLD_HOME_INTRO)
    over = ContentPage.objects.get(slug="over-dit-platform")
    body = over.body.raw_data
    body[1]["value"] = core_texts.OLD_OVER_WHO
    over.body = list(body)
    over.save_revision().publish()

    _run_core_migration()

    home = HomePage.objects.get()
    assert home.intro == core_texts.NEW_HOME_INTRO
    assert _paragraphs(home) == [core_texts.NEW_HOME_AUDIENCES, core_texts.NEW_HOME_ABOUT]
    draft = home.get_latest_revision_as_object()
    assert draft.intro == core_texts.NEW_HOME_INTRO
    assert _paragraphs(draft) == [core_texts.NEW_HOME_AUDIENCES, core_texts.NEW_HOME_ABOUT]
    over = ContentPage.objects.get(slug="over-dit-platform")
    assert _paragraphs(over)[0] == core_texts.NEW_OVER_WHO
    assert _paragraphs(over.get_latest_revision_as_object())[0] == core_texts.NEW_OVER_WHO


def test_a_text_an_editor_changed_stays_as_it_is():
    site_structure_ensure()
    home = HomePage.objects.get()
    _publish_old_texts(home, intro="Onze eigen inleiding.")
    home.body = [
        {"type": "paragraph", "value": "<p>Onze eigen tekst.</p>"},
        {"type": "paragraph", "value": core_texts.OLD_HOME_ABOUT},
    ]
    home.save_revision().publish()

    _run_core_migration()

    home = HomePage.objects.get()
    assert home.intro == "Onze eigen inleiding."
    assert _paragraphs(home) == ["<p>Onze eigen tekst.</p>", core_texts.NEW_HOME_ABOUT]


def test_the_intros_of_verhalen_and_leren_follow_only_while_unchanged():
    from baz.learning.demo import learning_index_ensure
    from baz.learning.models import LearningIndexPage
    from baz.stories.models import StoryIndexPage
    from baz.stories.services import story_index_ensure

    site_structure_ensure()
    stories, _created = story_index_ensure()
    stories.intro = story_texts.OLD_INTRO
    stories.save_revision().publish()
    learning, _created = learning_index_ensure()
    learning.intro = "Een inleiding van de redactie."
    learning.save_revision().publish()

    story_texts.forward(apps, None)
    learning_texts.forward(apps, None)

    stories = StoryIndexPage.objects.get()
    assert stories.intro == story_texts.NEW_INTRO
    assert stories.get_latest_revision_as_object().intro == story_texts.NEW_INTRO
    assert LearningIndexPage.objects.get().intro == "Een inleiding van de redactie."

    story_texts.backward(apps, None)
    assert StoryIndexPage.objects.get().intro == story_texts.OLD_INTRO


def test_a_fresh_install_writes_the_new_texts_themselves():
    from baz.core import site_content
    from baz.learning.demo import LEARNING_INTRO
    from baz.stories.services import INDEX_INTRO

    over = next(page for page in site_content.CONTENT_PAGES if page["slug"] == "over-dit-platform")
    assert site_content.HOME["intro"] == core_texts.NEW_HOME_INTRO
    assert site_content.HOME["body"][1]["value"] == core_texts.NEW_HOME_AUDIENCES
    assert site_content.HOME["body"][3]["value"] == core_texts.NEW_HOME_ABOUT
    assert over["body"][1]["value"] == core_texts.NEW_OVER_WHO
    assert INDEX_INTRO == story_texts.NEW_INTRO
    assert LEARNING_INTRO == learning_texts.NEW_INTRO
