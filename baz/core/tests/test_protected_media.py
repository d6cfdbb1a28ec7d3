"""Uploaded files whose access depends on state: the app checks, nginx sends the bytes.

With MEDIA_ACCEL_REDIRECT_PREFIX set (production) a view answers with an empty response and
X-Accel-Redirect; without it (development) the view streams the file itself.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from baz.accounts.tests.factories import UserFactory
from baz.atlas.services import proposals as atlas_services

pytestmark = pytest.mark.django_db

ACCEL = "/_protected/"


@pytest.fixture
def behind_nginx(settings):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = ACCEL


def _document(collection=None):
    Document = get_document_model()
    document = Document(title="Slides", collection=collection or Collection.get_first_root_node())
    document.file.save("slides.pdf", ContentFile(b"%PDF-1.4 slides"), save=False)
    document.save()
    return document


def _private_collection():
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def _png(name: str = "Jan Janssens thuis.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), "orange").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# --- Wagtail documents --------------------------------------------------------------------


def test_a_public_document_is_handed_to_nginx(client, behind_nginx):
    document = _document()

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == ACCEL + document.file.name
    assert response.content == b""  # nginx sends the bytes
    assert response["Content-Type"] == "application/pdf"


def test_a_document_in_a_private_collection_is_not_handed_out(client, behind_nginx):
    document = _document(_private_collection())

    response = client.get(document.url)

    assert response.status_code == 302  # to the login page
    assert "/aanmelden/" in response["Location"] or "login" in response["Location"]
    assert "X-Accel-Redirect" not in response


def test_in_development_the_document_view_streams_the_file(client):
    document = _document()

    response = client.get(document.url)

    assert response.status_code == 200
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == b"%PDF-1.4 slides"


# --- Original images and other staff-only uploads --------------------------------------------


def _original():
    from wagtail.images.tests.utils import get_test_image_file

    return get_image_model().objects.create(title="Foto", file=get_test_image_file())


def test_originals_are_not_shown_to_visitors(client, behind_nginx):
    image = _original()

    response = client.get(image.file.url)

    assert image.file.url.startswith("/media/original_images/")
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_originals_need_a_verified_staff_session(client, behind_nginx, login_verified):
    image = _original()
    staff = UserFactory(email="redactie.media@example.org", groups=["Redactie"])

    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    unverified = client.get(image.file.url)
    login_verified(client, staff)
    verified = client.get(image.file.url)

    assert unverified.status_code == 404
    assert verified.status_code == 200
    assert verified["X-Accel-Redirect"] == ACCEL + image.file.name
    assert verified["Cache-Control"] == "private, no-store"


def test_a_municipality_user_does_not_see_originals(client, behind_nginx, atlas_member_a):
    image = _original()
    client.force_login(atlas_member_a, backend="django.contrib.auth.backends.ModelBackend")

    assert client.get(image.file.url).status_code == 404


def test_a_path_outside_the_staff_folders_is_not_served(client, login_verified):
    staff = UserFactory(email="redactie.media2@example.org", groups=["Redactie"])
    login_verified(client, staff)

    assert client.get("/media/original_images/../leren/video/x.webm").status_code == 404


@pytest.mark.usefixtures("reference_data")
def test_a_proposals_image_gets_a_random_file_name(atlas_gemeente_a):
    entry, _token = atlas_services.entry_propose(
        kind="burgerinitiatief",
        data={
            "name": "Soep",
            "summary": "Soep.",
            "municipality": atlas_gemeente_a,
            "image_alt": "Een oranje vlak",
        },
        submitter_email="an@example.org",
        image=_png(),
    )

    name = entry.image.file.name
    assert name.startswith("original_images/")
    assert "Jan" not in name
    assert name.endswith(".png")
    assert len(name.rsplit("/", 1)[1]) == 24 + len(".png")


# --- nginx ------------------------------------------------------------------------------------


def test_nginx_serves_only_renditions_directly_and_sends_the_rest_after_the_app(
    capsys, tmp_path, settings
):
    call_command("nginx_config", "--error-pages-dir", str(tmp_path))
    config = capsys.readouterr().out
    media = str(settings.MEDIA_ROOT).rstrip("/")

    # One direct alias into MEDIA_ROOT: the renditions ...
    assert f"alias {media}/images/;" in config
    # ... and the internal location the app's X-Accel-Redirect points to.
    protected = config.split("location ^~ /_protected/ {", 1)[1].split("}", 1)[0]
    assert "internal;" in protected
    assert f"alias {media}/;" in protected
    assert config.count(f"alias {media}") == 2
    # The rest of /media/ goes to the app (which checks or answers 404).
    rest = config.split("location ^~ /media/ {", 1)[1].split("}", 1)[0]
    assert "proxy_pass http://baz_app;" in rest
