"""Fixtures shared by every app's tests and the browser tests."""

import pytest


@pytest.fixture
def site_pages(db):
    """The Wagtail tree with the home page and the base pages, as a fresh install has it."""
    from baz.core.models import HomePage
    from baz.core.services import site_structure_ensure

    site_structure_ensure()
    return HomePage.objects.get()


@pytest.fixture(scope="session")
def reference_data(django_db_setup, django_db_blocker):
    """All municipalities and postal codes, loaded once per test session.

    Tests that use transactional_db (the browser tests) flush the tables afterwards and must
    load what they need themselves (see tests/browser/conftest.py).
    """
    from baz.core.services import reference_data_load

    with django_db_blocker.unblock():
        reference_data_load()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and generated files (demo images) go to a temporary folder, never ./media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
