"""The page types: where they may live, what they require, and the text they give search."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from baz.core.models import ContentPage, HomePage
from baz.stories.blocks import GoodPracticeBodyBlock, StoryBodyBlock, VideoBlock
from baz.stories.models import (
    ArticlePage,
    GoodPracticePage,
    StoryIndexPage,
    StoryPage,
    reading_minutes,
)
from baz.stories.tests.factories import story_create

pytestmark = pytest.mark.django_db


def test_the_index_lives_only_under_the_home_page_and_only_once(site_pages):
    about = ContentPage.objects.get(slug="over-dit-platform")

    assert StoryIndexPage.can_create_at(site_pages)
    assert not StoryIndexPage.can_create_at(about)

    StoryIndexPage.objects.all().delete()
    from baz.stories.services import story_index_ensure

    index, created = story_index_ensure()
    assert created
    assert not StoryIndexPage.can_create_at(site_pages)  # max_count = 1
    assert index.get_parent().specific == site_pages


def test_stories_live_only_under_the_index(story_index, site_pages):
    about = ContentPage.objects.get(slug="over-dit-platform")

    for page_class in (StoryPage, GoodPracticePage):
        assert page_class.can_create_at(story_index)
        assert not page_class.can_create_at(site_pages)
        assert not page_class.can_create_at(about)
    assert {m.__name__ for m in story_index.specific_class.creatable_subpage_models()} == {
        "StoryPage",
        "GoodPracticePage",
    }


def test_nothing_lives_under_a_story(story_index):
    story = story_create(story_index)
    good = story_create(story_index, title="Zo begin je", page_class=GoodPracticePage)

    for page in (story, good):
        assert page.specific_class.creatable_subpage_models() == []
        assert not StoryPage.can_create_at(page)
        assert not ContentPage.can_create_at(page)


def test_the_shared_base_is_never_created_directly(story_index):
    assert not ArticlePage.is_creatable
    assert not ArticlePage.can_create_at(story_index)
    assert HomePage not in StoryIndexPage.allowed_subpage_models()


def test_a_hero_image_needs_alt_text(story_index):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Test", file=get_test_image_file())
    story = story_create(story_index)
    story.hero_image = image
    story.hero_alt = "  "

    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "hero_alt" in error.value.message_dict

    story.hero_alt = "Buren rond een soepketel."
    story.full_clean()


def test_a_video_needs_a_transcript_and_an_allowed_player():
    block = VideoBlock()
    good = {
        "url": "https://www.youtube-nocookie.com/embed/abc123",
        "title": "Soep in de straat",
        "transcript": "Rita vertelt over de soep.",
    }
    block.clean(block.to_python(good))

    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**good, "transcript": ""}))
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({**good, "url": "https://evil.example.org/embed/x"}))
    assert "url" in error.value.block_errors


def test_quotes_need_an_attribution_and_images_need_alt_text():
    body = StoryBodyBlock()
    with pytest.raises(StreamBlockValidationError):
        body.clean(
            body.to_python([{"type": "quote", "value": {"text": "Mooi", "attribution": ""}}])
        )
    with pytest.raises(StreamBlockValidationError):
        body.clean(
            body.to_python([{"type": "image", "value": {"image": None, "alt": "", "caption": ""}}])
        )


def test_only_good_practices_have_lessons_and_steps():
    assert "lessons" in GoodPracticeBodyBlock.base_blocks
    assert "steps" in GoodPracticeBodyBlock.base_blocks
    assert "lessons" not in StoryBodyBlock.base_blocks
    assert "steps" not in StoryBodyBlock.base_blocks


FULL_BODY = [
    {"type": "heading", "value": "Hoe het begon"},
    {
        "type": "paragraph",
        "value": '<p>Vrijwilligers &amp; buren <b>koken</b> <a href="https://example.org">soep</a>.</p>',
    },
    {"type": "quote", "value": {"text": "Ik kom weer buiten.", "attribution": "Rita, buurvrouw"}},
    {
        "type": "video",
        "value": {
            "url": "https://player.vimeo.com/video/1",
            "title": "De soepketel",
            "transcript": "Hanne roert in de ketel.",
        },
    },
    {"type": "call_to_action", "value": {"text": "Doe mee", "page": None, "url": "/contact/"}},
    {"type": "lessons", "value": {"title": "Wat we leerden", "items": ["Begin klein."]}},
    {
        "type": "steps",
        "value": {
            "title": "Zo pak je het aan",
            "steps": [{"title": "Zoek een kookpot", "text": "Vraag het aan de buren."}],
        },
    },
]


def test_search_body_text_is_the_plain_text_of_intro_and_body(story_index):
    page = story_create(
        story_index,
        title="Soep",
        page_class=GoodPracticePage,
        intro="Buren koken samen.",
        body=FULL_BODY,
    )

    text = page.search_body_text()

    assert text.startswith("Buren koken samen.")
    for expected in [
        "Hoe het begon",
        "Vrijwilligers & buren koken soep.",
        "Ik kom weer buiten.",
        "Rita, buurvrouw",
        "De soepketel",
        "Hanne roert in de ketel.",
        "Doe mee",
        "Begin klein.",
        "Zoek een kookpot",
        "Vraag het aan de buren.",
    ]:
        assert expected in text, expected
    assert "<" not in text
    assert "href" not in text


def test_each_page_type_names_its_kind_for_the_site_search():
    assert StoryPage.search_kind == "verhaal"
    assert GoodPracticePage.search_kind == "praktijkvoorbeeld"
    assert {f.field_name for f in StoryPage.search_fields} >= {"title", "intro", "body"}
    assert {f.field_name for f in GoodPracticePage.search_fields} >= {"title", "intro", "body"}


def test_reading_time_is_computed_from_the_text_when_saved(story_index):
    words = " ".join(["woord"] * 450)
    page = story_create(
        story_index, body=[{"type": "paragraph", "value": f"<p>{words}</p>"}], intro="Kort."
    )

    assert reading_minutes("een twee") == 1
    assert page.reading_minutes == 3  # 451 words at 200 a minute
