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


# A minimal MP4 start: an `ftyp` box (major brand isom, compatible isom, avc1, mp41).
MP4_HEAD = (32).to_bytes(4, "big") + b"ftypisom" + b"\x00\x00\x02\x00" + b"isomiso2avc1mp41"


def _with_mp4(page: ScreencastPage) -> ScreencastPage:
    page.video_file_mp4.save("test.mp4", ContentFile(MP4_HEAD + bytes(64)), save=False)
    page.save_revision().publish()
    return page


def test_screencast_offers_mp4_first_then_webm_and_one_download(client, screencast):
    _with_mp4(screencast)

    html = client.get(screencast.url).content.decode()

    video = html[html.index("<video") : html.index("</video>")]
    mp4 = f'<source src="{screencast.video_mp4_url}" type="video/mp4">'
    webm = f'<source src="{screencast.video_url}" type="video/webm">'
    assert mp4 in video
    assert webm in video
    assert video.index(mp4) < video.index(webm) < video.index('<track kind="captions"')
    assert html.count("Download de video") == 1
    assert f'<a href="{screencast.video_mp4_url}" download>Download de video</a>' in html


def test_without_an_mp4_the_download_is_the_webm(client, screencast):
    html = client.get(screencast.url).content.decode()

    assert 'type="video/mp4"' not in html
    assert html.count("Download de video") == 1
    assert f'<a href="{screencast.video_url}" download>Download de video</a>' in html


def test_the_mp4_is_served_as_video_mp4_with_ranges(client, screencast):
    _with_mp4(screencast)

    response = client.get(screencast.video_mp4_url, HTTP_RANGE="bytes=0-31")

    assert response.status_code == 206
    assert response["Content-Type"] == "video/mp4"
    assert b"".join(response.streaming_content) == MP4_HEAD


def test_behind_nginx_the_mp4_is_handed_over_as_video_mp4(client, screencast, settings):
    _with_mp4(screencast)
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/_protected/"

    response = client.get(screencast.video_mp4_url)

    assert response["X-Accel-Redirect"] == "/_protected/" + screencast.video_file_mp4.name
    assert response["Content-Type"] == "video/mp4"


def test_an_mp4_alone_is_enough_to_publish_and_play(client, learning_index, media_root):
    page = make_screencast(learning_index, publish=False)
    page.video_file = None
    _with_mp4(page)

    html = client.get(page.url).content.decode()

    assert f'<source src="{page.video_mp4_url}" type="video/mp4">' in html
    assert "video/webm" not in html
    assert "chapters__link" in html


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("film.mp4", b"\x1a\x45\xdf\xa3" + bytes(60)),  # a WebM renamed to .mp4
        ("film.mp4", b"dit is geen video" * 4),
        # A HEIC photo and a QuickTime film start with an ftyp box too.
        ("foto.mp4", (24).to_bytes(4, "big") + b"ftypheic\x00\x00\x00\x00mif1heic" + bytes(40)),
        ("film.mp4", (20).to_bytes(4, "big") + b"ftypqt  \x00\x00\x02\x00qt  " + bytes(44)),
        ("film.webm", MP4_HEAD),  # MP4 inside, but not the name of one
    ],
)
def test_the_mp4_field_refuses_what_is_not_an_mp4(learning_index, media_root, name, content):
    page = make_screencast(learning_index, publish=False)
    page.video_file_mp4 = ContentFile(content, name=name)

    with pytest.raises(ValidationError) as error:
        page.full_clean()

    assert list(error.value.message_dict) == ["video_file_mp4"]


def test_the_mp4_field_accepts_an_mp4(learning_index, media_root):
    page = make_screencast(learning_index, publish=False)
    page.video_file_mp4 = ContentFile(MP4_HEAD + bytes(32), name="film.mp4")

    page.full_clean()


def test_admin_refuses_a_renamed_file_as_mp4_and_says_why(admin_client, learning_index):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("wagtailadmin_pages:add", args=["learning", "screencastpage", learning_index.pk])
    data = _admin_form_data("action-save")
    data["video_file_mp4"] = SimpleUploadedFile(
        "film.mp4", b"\x1a\x45\xdf\xa3" + bytes(60), content_type="video/mp4"
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Dit bestand is geen MP4-video" in response.content.decode()
    assert "videobestand (mp4)" in response.content.decode().lower()
    assert not ScreencastPage.objects.filter(slug="zonder-ondertitels").exists()
