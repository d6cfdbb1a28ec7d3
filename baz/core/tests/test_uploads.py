"""Hostile and unlucky uploads on the public propose form: each refused with a clear message.

The full-disk case mounts a real 1 MB tmpfs as MEDIA_ROOT (root only, as in CI).
"""

from __future__ import annotations

import io
import os
import subprocess
import time

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from baz.atlas.forms import FILL_TIME_SALT
from baz.atlas.models import Entry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("atlas_fast_hashing")]

URL = "/inspireer-elkaar/voorstellen/"


def _form(municipality, **overrides):
    data = {
        "kind": "burgerinitiatief",
        "name": "Soep op zondag",
        "summary": "Buren koken samen soep.",
        "description": "Iedereen is welkom in het buurthuis.",
        "municipality": municipality.pk,
        "submitter_name": "An Peeters",
        "submitter_email": "an@example.org",
        "image_alt": "Buren aan tafel",
        "homepage": "",
        "started": signing.dumps(time.time() - 60, salt=FILL_TIME_SALT),
    }
    data.update(overrides)
    return data


def _png(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def _post(client, municipality, upload):
    return client.post(URL, {**_form(municipality), "image": upload})


def test_a_text_file_with_an_image_mime_type_is_refused(client, atlas_gemeente_a):
    upload = SimpleUploadedFile("foto.png", b"<html>hallo</html>", content_type="image/png")
    response = _post(client, atlas_gemeente_a, upload)
    assert response.status_code == 400
    assert "Dit bestand is geen afbeelding" in response.text
    assert not Entry.objects.exists()


def test_a_renamed_executable_is_refused(client, atlas_gemeente_a):
    elf = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
    upload = SimpleUploadedFile("vakantie.jpg", elf, content_type="image/jpeg")
    response = _post(client, atlas_gemeente_a, upload)
    assert response.status_code == 400
    assert "Dit bestand is geen afbeelding" in response.text


def test_a_gif_is_refused_as_the_wrong_kind_of_image(client, atlas_gemeente_a):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    upload = SimpleUploadedFile("a.gif", buffer.getvalue(), content_type="image/gif")
    response = _post(client, atlas_gemeente_a, upload)
    assert response.status_code == 400
    assert "Dit soort afbeelding kan niet" in response.text


def test_a_decompression_bomb_is_refused(client, atlas_gemeente_a):
    # A few kilobytes of PNG that claim 20000 x 20000 pixels.
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 200_000
    upload = SimpleUploadedFile("bom.png", buffer.getvalue(), content_type="image/png")
    response = _post(client, atlas_gemeente_a, upload)
    assert response.status_code == 400
    assert "te veel pixels" in response.text
    assert not Entry.objects.exists()


def test_a_50_mb_file_is_refused(client, atlas_gemeente_a):
    upload = SimpleUploadedFile("groot.jpg", b"\xff\xd8\xff" + b"0" * (50 * 1024 * 1024))
    response = _post(client, atlas_gemeente_a, upload)
    assert response.status_code == 400
    assert "Deze afbeelding is te groot" in response.text


def test_a_good_image_is_stored(client, atlas_gemeente_a):
    upload = SimpleUploadedFile("soep.png", _png(), content_type="image/png")
    response = _post(client, atlas_gemeente_a, upload)
    assert response.status_code == 302
    assert Entry.objects.get().image is not None


@pytest.fixture
def full_media_disk(settings, tmp_path):
    """A real, full 1 MB tmpfs as MEDIA_ROOT."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    mountpoint = tmp_path / "full-media"
    mountpoint.mkdir()
    mount = ["/usr/bin/mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mountpoint)]
    subprocess.run(mount, check=True)  # noqa: S603
    try:
        filler = mountpoint / "filler"
        with open(filler, "wb") as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError:
                pass
        settings.MEDIA_ROOT = mountpoint
        yield mountpoint
    finally:
        subprocess.run(["/usr/bin/umount", "-l", str(mountpoint)], check=False)  # noqa: S603


def test_a_full_media_disk_gives_a_clear_error_and_keeps_the_form(
    client, atlas_gemeente_a, full_media_disk
):
    upload = SimpleUploadedFile("soep.png", _png((300, 300)), content_type="image/png")
    response = _post(client, atlas_gemeente_a, upload)

    assert response.status_code == 400
    assert "onze opslag is vol" in response.text
    # Everything typed is still there.
    assert "Buren koken samen soep." in response.text
    assert 'value="an@example.org"' in response.text
    assert "Iedereen is welkom in het buurthuis." in response.text
    assert not Entry.objects.exists()
