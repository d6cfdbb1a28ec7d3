"""The screencast page: player, chapters, captions, transcript, questions and materials."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from baz.learning.models import ScreencastMaterial, ScreencastPage, timestamp_seconds
from baz.learning.tests.conftest import make_screencast


def test_learning_index_resolves_to_leren_and_shows_the_screencasts(
    client, screencast, django_assert_max_num_queries
):
    assert reverse("learning:index") == "/leren/"
    with django_assert_max_num_queries(14):
        response = client.get("/leren/")

    html = response.content.decode()
    assert response.status_code == 200
    assert screencast.title in html
    assert reverse("learning:reflection_start") in html
    assert ">Leren</a>" in html.split('id="hoofdmenu"')[1].split("</ul>")[0]


def test_screencast_page_has_player_captions_chapters_and_transcript(
    client, screencast, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        response = client.get(screencast.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<source src="{screencast.video_url}" type="video/webm">' in html
    assert (
        f'<track kind="captions" srclang="nl" label="Nederlands" src="{screencast.captions_url}"'
        " default>" in html
    )
    assert 'data-start="65"' in html
    assert "Wat zijn burgerinitiatieven?" in html
    assert "Welkom bij de screencast over burgerinitiatieven." in html
    for question in [
        "Welke burgerinitiatieven zijn er bij ons?",
        "Welke willen we ondersteunen, en waarom?",
        "Op welke manier willen we ze ondersteunen?",
        "Wat hebben we als gemeente daarvoor nodig?",
    ]:
        assert question in html
    # All JavaScript comes from a static file: no inline script or handler.
    assert "learning/js/screencast.js" in html
    assert "<script>" not in html
    assert " onclick=" not in html


def test_materials_are_listed_as_downloads(client, screencast):
    document = Document(title="Dia's")
    document.file.save("dias.pdf", ContentFile(b"%PDF-1.4 test"))
    ScreencastMaterial.objects.create(page=screencast, document=document, title="De dia's (PDF)")

    html = client.get(screencast.url).content.decode()

    assert f'href="{document.url}">De dia&#x27;s (PDF)</a>' in html
    assert "(PDF" in html


@pytest.mark.parametrize(("text", "seconds"), [("0:00", 0), ("1:05", 65), ("1:02:03", 3723)])
def test_chapter_timestamps_become_seconds(text, seconds):
    assert timestamp_seconds(text) == seconds


def test_publishing_without_captions_is_refused(learning_index, media_root):
    page = make_screencast(learning_index, captions=False, publish=False)

    with pytest.raises(ValidationError) as error:
        page.save_revision().publish()

    assert "captions_file" in error.value.message_dict
    page.refresh_from_db()
    assert not page.live


def test_a_draft_without_captions_can_be_saved(learning_index, media_root):
    page = make_screencast(learning_index, captions=False, publish=False)

    page.save_revision()

    assert ScreencastPage.objects.filter(pk=page.pk, live=False).exists()


def test_embed_url_must_come_from_a_privacy_friendly_player(learning_index, media_root):
    page = make_screencast(learning_index, publish=False)
    page.embed_url = "https://www.youtube.com/watch?v=abc"

    with pytest.raises(ValidationError) as error:
        page.full_clean()

    assert "embed_url" in error.value.message_dict


def _admin_form_data(action: str) -> dict:
    data = nested_form_data(
        {
            "title": "Screencast zonder ondertitels",
            "slug": "zonder-ondertitels",
            "intro": "",
            "embed_url": "https://player.vimeo.com/video/1",
            "transcript": rich_text("<p>Tekst</p>"),
            "chapters": inline_formset([]),
            "materials": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def test_admin_refuses_to_publish_without_captions_and_says_why(admin_client, learning_index):
    url = reverse("wagtailadmin_pages:add", args=["learning", "screencastpage", learning_index.pk])

    response = admin_client.post(url, _admin_form_data("action-publish"))

    assert response.status_code == 200
    assert "Voeg eerst ondertitels (WebVTT) toe" in response.content.decode()
    assert not ScreencastPage.objects.filter(slug="zonder-ondertitels").exists()


def test_admin_saves_a_draft_without_captions(admin_client, learning_index):
    url = reverse("wagtailadmin_pages:add", args=["learning", "screencastpage", learning_index.pk])

    response = admin_client.post(url, _admin_form_data("action-save"))

    errors = response.context["form"].errors if response.status_code == 200 else None
    assert response.status_code == 302, errors
    assert ScreencastPage.objects.get(slug="zonder-ondertitels").live is False


def test_admin_publishes_once_captions_are_uploaded(admin_client, learning_index, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("wagtailadmin_pages:add", args=["learning", "screencastpage", learning_index.pk])
    data = _admin_form_data("action-publish")
    data["captions_file"] = SimpleUploadedFile(
        "ondertitels.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nDag\n", content_type="text/vtt"
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302
    page = ScreencastPage.objects.get(slug="zonder-ondertitels")
    assert page.live
    assert page.captions_file.read().startswith(b"WEBVTT")


def test_embedded_video_is_shown_in_a_titled_frame_with_chapters_as_text(
    client, learning_index, media_root
):
    page = make_screencast(learning_index, publish=False)
    page.video_file = None
    page.embed_url = "https://www.youtube-nocookie.com/embed/abc"
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert (
        '<iframe class="screencast__embed" src="https://www.youtube-nocookie.com/embed/abc"' in html
    )
    assert 'title="Video: Burgerinitiatieven en de gemeente"' in html
    assert "chapters__link" not in html
