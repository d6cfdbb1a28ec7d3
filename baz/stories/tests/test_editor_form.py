"""The story editor's form: block definitions packed once, each page still gets its own body."""

import copy
import html
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.blocks.base import BlockWidget

from baz.core.admin_widgets import DefinitionCachedBlockWidget
from baz.stories.blocks import StoryBodyBlock
from baz.stories.models import GoodPracticePage, StoryPage
from baz.stories.tests.factories import story_create

pytestmark = pytest.mark.django_db

BLOCK_DIV = re.compile(
    r'data-w-block-data-value="(?P<definition>[^"]*)"\s+'
    r'data-w-block-arguments-value="(?P<arguments>[^"]*)"'
)


# An empty rich-text block's starting state carries a random Draft.js key; new blocks on one
# page always shared it, so only that key may differ between two builds.
DRAFT_KEY = re.compile(r'\\"key\\": \\"\w+\\"')


def _body_widget_attributes(html_text: str) -> tuple[str, list]:
    match = BLOCK_DIV.search(html_text)
    assert match, "the editor has no StreamField body"
    return match["definition"], json.loads(html.unescape(match["arguments"]))


def test_the_definitions_are_built_once_per_language_and_shared_by_every_copy():
    block = StoryBodyBlock()
    widget = DefinitionCachedBlockWidget(block)
    first, second = copy.deepcopy(widget), copy.deepcopy(widget)

    with translation.override("nl"):
        packed = first.block_json
        fresh = BlockWidget(block).block_json
        assert DRAFT_KEY.search(packed)
        assert DRAFT_KEY.sub("", packed) == DRAFT_KEY.sub("", fresh)
        assert second.block_json is packed  # read from the shared cache, not built again
    with translation.override("en"):
        assert copy.deepcopy(widget).block_json is not packed

    assert set(widget._definitions) == {"nl", "en"}


def test_two_stories_open_with_their_own_body_and_the_same_definitions(
    client, login_verified, story_index, redactie_a
):
    soup = story_create(
        story_index,
        title="Soep in de straat",
        body=[{"type": "paragraph", "value": "<p>Elke dinsdag koken de buren.</p>"}],
    )
    walk = story_create(
        story_index,
        title="Wandelen met de buren",
        body=[{"type": "heading", "value": "Een vaste ronde"}],
    )
    login_verified(client, redactie_a)

    soup_html = client.get(reverse("wagtailadmin_pages:edit", args=[soup.pk])).content.decode()
    walk_html = client.get(reverse("wagtailadmin_pages:edit", args=[walk.pk])).content.decode()
    soup_definition, soup_arguments = _body_widget_attributes(soup_html)
    walk_definition, walk_arguments = _body_widget_attributes(walk_html)

    assert soup_definition == walk_definition
    assert [block["type"] for block in soup_arguments[0]] == ["paragraph"]
    assert "Elke dinsdag koken de buren." in json.dumps(soup_arguments[0])
    assert [block["type"] for block in walk_arguments[0]] == ["heading"]
    assert walk_arguments[0][0]["value"] == "Een vaste ronde"


def test_story_and_good_practice_keep_their_own_blocks():
    story_panel = StoryPage.get_edit_handler().get_form_class().base_fields["body"]
    practice_panel = GoodPracticePage.get_edit_handler().get_form_class().base_fields["body"]

    assert isinstance(story_panel.widget, DefinitionCachedBlockWidget)
    assert "lessons" not in story_panel.widget.block_def.child_blocks
    assert {"lessons", "steps"} <= set(practice_panel.widget.block_def.child_blocks)
    assert story_panel.block is story_panel.widget.block_def


def test_the_editor_has_no_show_in_menus_box_and_keeps_the_search_fields(
    client, login_verified, story_index, redactie_a
):
    story = story_create(story_index, title="Soep in de straat")
    login_verified(client, redactie_a)

    page = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()

    assert 'name="show_in_menus"' not in page
    for field in ("slug", "seo_title", "search_description"):
        assert f'name="{field}"' in page
    assert "Voor zoekmachines" in page


def test_a_form_with_an_error_shows_the_error_and_keeps_the_typed_body(
    client, login_verified, story_index, redactie_a
):
    story = story_create(story_index, title="Soep in de straat", live=False)
    story.save_revision(user=redactie_a)
    login_verified(client, redactie_a)
    url = reverse("wagtailadmin_pages:edit", args=[story.pk])

    response = client.post(
        url,
        {
            "title": "",  # required: the form comes back with an error
            "slug": story.slug,
            "intro": story.intro,
            "author_name": story.author_name,
            "publication_date": "2026-11-27",
            "body-count": "1",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-type": "heading",
            "body-0-id": "",
            "body-0-value": "Nieuw getypte tussentitel",
            "atlas_links-TOTAL_FORMS": "0",
            "atlas_links-INITIAL_FORMS": "0",
            "atlas_links-MIN_NUM_FORMS": "0",
            "atlas_links-MAX_NUM_FORMS": "1000",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 200  # the form again, with its error
    page = response.content.decode()
    assert "Dit is een verplicht veld." in page
    _definition, arguments = _body_widget_attributes(page)
    assert arguments[0][0]["value"] == "Nieuw getypte tussentitel"
    story.refresh_from_db()
    assert story.title == "Soep in de straat"
