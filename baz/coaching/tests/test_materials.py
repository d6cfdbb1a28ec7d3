"""Materials: checked uploads (extension, content, size) and downloads for the right people only."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from baz.coaching.models import Material
from baz.coaching.services.sessions import material_delete, material_upload
from baz.coaching.tests.phases_fixtures import *  # noqa: F403

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _upload(coach, trajectory, name, content, **kwargs):
    return material_upload(
        user=coach,
        trajectory=trajectory,
        title=kwargs.pop("title", "Slides vorming 1"),
        upload=SimpleUploadedFile(name, content),
        **kwargs,
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [("slides.pdf", PDF), ("schema.png", _png()), ("Verslag 1.docx", _docx())],
)
def test_a_coach_uploads_pdf_images_and_office_files(coach, trajectory_a, name, content):
    material = _upload(coach, trajectory_a, name, content)

    assert material.file.name.startswith("coaching/materialen/")
    folder = material.file.name.split("/")[-2]
    assert len(folder) == 32, "an unguessable folder per file"
    assert material.file.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Dit soort bestand kan niet"),
        ("geen-pdf.pdf", b"Dit is gewoon tekst", "past niet bij de extensie .pdf"),
        ("foto.pdf", _png(), "past niet bij de extensie .pdf"),
        ("leeg.pdf", b"", "leeg"),
        ("groot.pdf", PDF + b"0" * (1024 * 1024), "te groot"),
    ],
)
def test_wrong_files_are_refused_with_a_clear_message(coach, trajectory_a, name, content, message):
    with pytest.raises(ValidationError) as error:
        _upload(coach, trajectory_a, name, content)

    assert message in " ".join(error.value.messages)
    assert not Material.objects.exists()


def test_only_coaches_upload(member_a, trajectory_a):
    with pytest.raises(PermissionDenied):
        _upload(member_a, trajectory_a, "slides.pdf", PDF)


def test_a_session_of_another_trajectory_is_refused(coach, trajectory_b, held_session):
    with pytest.raises(ValidationError):
        _upload(coach, trajectory_b, "slides.pdf", PDF, session=held_session)


def test_the_download_is_checked(client, login_verified, coach, member_a, member_b, trajectory_a):
    material = _upload(coach, trajectory_a, "slides.pdf", PDF)
    url = f"/mijn/coaching/materiaal/{material.pk}/"

    anonymous = client.get(url)
    assert anonymous.status_code == 302

    client.force_login(member_b)
    assert client.get(url).status_code == 404

    client.force_login(member_a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="slides.pdf"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]

    # A coach with a password alone has no coach rights (Trust part 1, item 3) ...
    client.force_login(coach)
    assert client.get(url).status_code == 404
    # ... and reaches the material once the session passed the second factor.
    login_verified(client, coach)
    assert client.get(url).status_code == 200


def test_deleting_removes_the_row_and_the_file(
    coach, trajectory_a, django_capture_on_commit_callbacks
):
    material = _upload(coach, trajectory_a, "slides.pdf", PDF)
    storage, name = material.file.storage, material.file.name

    with django_capture_on_commit_callbacks(execute=True):
        material_delete(user=coach, material=material)

    assert not Material.objects.exists()
    assert not storage.exists(name)


def test_the_admin_upload_form_shows_the_error(client, login_verified, coach, trajectory_a):
    login_verified(client, coach)

    response = client.post(
        f"/beheer/coaching/trajecten/{trajectory_a.pk}/materiaal/nieuw/",
        {"title": "Slides", "file": SimpleUploadedFile("slides.pdf", b"tekst")},
    )

    assert response.status_code == 200
    assert "past niet bij de extensie .pdf" in response.content.decode()
    response = client.post(
        f"/beheer/coaching/trajecten/{trajectory_a.pk}/materiaal/nieuw/",
        {"title": "Slides", "file": SimpleUploadedFile("slides.pdf", PDF)},
    )
    assert response.status_code == 302
    assert Material.objects.get().title == "Slides"
