"""The demo loader makes /leren/ and a playable screencast, once."""

import sys
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.documents.models import Document

from baz.learning import demo
from baz.learning.models import LearningIndexPage, ScreencastPage


@pytest.fixture
def demo_media(settings, learning_demo_media):
    settings.MEDIA_ROOT = learning_demo_media
    return learning_demo_media


@pytest.fixture
def without_imageio_ffmpeg(monkeypatch):
    """As in production, where requirements-demo.txt (imageio-ffmpeg) is not installed."""
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)


def test_demo_loader_creates_a_published_screencast_with_real_files(site_pages, demo_media):
    created = demo.load_demo_data()

    assert created == ["Leren", "De rol van lokale besturen bij burgerinitiatieven"]
    page = ScreencastPage.objects.get()
    assert page.live
    assert page.url == "/leren/rol-van-lokale-besturen/"
    assert page.video_file.read(4) == b"\x1a\x45\xdf\xa3"  # the EBML magic of a WebM file
    mp4 = page.video_file_mp4.read()
    assert mp4[4:8] == b"ftyp"  # an MP4 starts with its ftyp box
    assert b"avc1" in mp4[:64]  # H.264 among its brands
    assert mp4.index(b"moov") < mp4.index(b"mdat")  # +faststart: the index comes first
    captions = page.captions_file.read().decode()
    assert captions.startswith("WEBVTT")
    assert "00:00:05.000 --> 00:00:07.500" in captions
    assert [chapter.seconds for chapter in page.chapters.all()] == [0, 5, 10, 15, 20]
    slides = page.materials.get().document
    assert slides.file.read(5) == b"%PDF-"


def test_demo_loader_is_idempotent(site_pages, demo_media):
    demo.load_demo_data()
    files = {
        name: getattr(ScreencastPage.objects.get(), name).name
        for name in ("video_file", "video_file_mp4", "captions_file")
    }

    assert demo.load_demo_data() == []
    page = ScreencastPage.objects.get()
    assert {name: getattr(page, name).name for name in files} == files
    assert LearningIndexPage.objects.count() == 1
    assert ScreencastPage.objects.count() == 1
    assert Document.objects.filter(title=demo.SLIDES_TITLE).count() == 1


def test_load_demo_data_command_includes_the_learning_pages(site_pages, demo_media, capsys):
    call_command("load_demo_data")

    assert "De rol van lokale besturen bij burgerinitiatieven" in capsys.readouterr().out
    assert ScreencastPage.objects.live().count() == 1


def test_demo_captions_are_valid_webvtt_in_order():
    cues = [line for line in demo.captions_vtt().splitlines() if "-->" in line]

    assert demo.captions_vtt().startswith("WEBVTT\n")
    assert len(cues) == len(demo.CUES)
    assert cues == sorted(cues)


def test_without_imageio_ffmpeg_the_video_fails_with_a_clear_message(without_imageio_ffmpeg):
    with pytest.raises(demo.DemoVideoUnavailable, match=r"requirements-demo\.txt"):
        demo.demo_video_bytes()
    with pytest.raises(demo.DemoVideoUnavailable, match=r"requirements-demo\.txt"):
        demo.demo_video_mp4_bytes()


def test_without_imageio_ffmpeg_load_demo_data_skips_only_the_screencast(
    site_pages, without_imageio_ffmpeg, capsys
):
    call_command("load_demo_data")  # a fresh media folder: the video would have to be encoded

    out = capsys.readouterr().out
    assert demo.VIDEO_SKIPPED_NOTE.strip() in out
    assert "Demo-inhoud: " in out
    assert LearningIndexPage.objects.live().count() == 1
    assert not ScreencastPage.objects.exists()


def test_installing_imageio_ffmpeg_later_adds_the_screencast(
    site_pages, settings, learning_demo_media, monkeypatch
):
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)
    assert demo.load_demo_data(stdout=StringIO()) == ["Leren"]

    monkeypatch.delitem(sys.modules, "imageio_ffmpeg")
    settings.MEDIA_ROOT = learning_demo_media  # the video is encoded once per test session
    assert demo.load_demo_data() == ["De rol van lokale besturen bij burgerinitiatieven"]
    assert ScreencastPage.objects.live().count() == 1


def test_a_screencast_from_before_the_mp4_gets_it_on_the_next_run(site_pages, demo_media):
    demo.load_demo_data()
    page = ScreencastPage.objects.get()
    page.video_file_mp4 = None
    page.save(update_fields=["video_file_mp4"])

    assert demo.load_demo_data() == []
    assert ScreencastPage.objects.get().video_file_mp4.name == demo.VIDEO_MP4_NAME


def test_without_imageio_ffmpeg_an_existing_screencast_keeps_going(
    site_pages, demo_media, settings, tmp_path, monkeypatch
):
    demo.load_demo_data()
    settings.MEDIA_ROOT = tmp_path / "empty-media"  # the video went missing from storage
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)
    out = StringIO()

    assert demo.load_demo_data(stdout=out) == []
    assert demo.VIDEO_SKIPPED_NOTE in out.getvalue()
    assert ScreencastPage.objects.live().count() == 1
