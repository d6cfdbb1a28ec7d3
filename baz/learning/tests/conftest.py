"""Fixtures of the learning tests: a media folder, a published screencast, reflections."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from baz.learning.models import LearningIndexPage, ScreencastChapter, ScreencastPage

VIDEO_BYTES = bytes(range(256)) * 40  # 10,240 bytes whose content shows their position
CAPTIONS = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\nWelkom bij de screencast.\n"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def learning_index(site_pages):
    index = LearningIndexPage(title="Leren", slug="leren", intro="Leer samen.")
    site_pages.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_screencast(parent, *, captions: bool = True, publish: bool = True) -> ScreencastPage:
    page = ScreencastPage(
        title="Burgerinitiatieven en de gemeente",
        slug="burgerinitiatieven",
        intro="Een korte screencast.",
        transcript="<p>Welkom bij de screencast over burgerinitiatieven.</p>",
        live=False,
    )
    page.video_file.save("test.webm", ContentFile(VIDEO_BYTES), save=False)
    if captions:
        page.captions_file.save("test.vtt", ContentFile(CAPTIONS.encode()), save=False)
    page.chapters.add(ScreencastChapter(title="Inleiding", timestamp="0:00"))
    page.chapters.add(ScreencastChapter(title="Wat zijn burgerinitiatieven?", timestamp="1:05"))
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


@pytest.fixture
def screencast(learning_index, media_root):
    return make_screencast(learning_index)
