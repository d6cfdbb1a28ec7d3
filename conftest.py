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


@pytest.fixture
def login_verified():
    """Log a test client in as someone who passed two-factor authentication.

    Everyone with access to the Wagtail admin must be OTP-verified before any /beheer/ page
    (baz.accounts.middleware), so admin tests log in with `login_verified(client, user)`
    instead of `client.force_login(user)`. The user gets a TOTP device if they have none.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def login(client, user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return device

    return login


@pytest.fixture(scope="session")
def learning_demo_media(tmp_path_factory):
    """A media folder shared by the learning tests, so the demo video is encoded only once."""
    return tmp_path_factory.mktemp("learning-media")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Every test starts with an empty cache: rate limits and cached pages never leak across."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and generated files (demo images) go to a temporary folder, never ./media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin_client(client, admin_user, login_verified):
    """pytest-django's admin_client, but past two-factor authentication like a real editor."""
    login_verified(client, admin_user)
    return client


# --- Atlas write side (baz/atlas/tests/test_contribute_* and friends) -------------------------


@pytest.fixture
def atlas_fast_hashing(settings):
    """Accounts made while confirming a proposal need no slow password hashing in tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def atlas_gemeente_a(db):
    from baz.accounts.tests.factories import MunicipalityFactory
    from baz.core.models import PostalCode

    municipality = MunicipalityFactory(
        refnis="44021", name_nl="Gent", slug="gent", latitude=51.05, longitude=3.72
    )
    PostalCode.objects.get_or_create(
        code="9000", municipality=municipality, defaults={"latitude": 51.06, "longitude": 3.71}
    )
    return municipality


@pytest.fixture
def atlas_gemeente_b(db):
    from baz.accounts.tests.factories import MunicipalityFactory

    return MunicipalityFactory(
        refnis="24062", name_nl="Leuven", slug="leuven", latitude=50.88, longitude=4.70
    )


@pytest.fixture
def atlas_redactie(db):
    from baz.accounts.tests.factories import UserFactory

    return UserFactory(email="redactie.atlas@example.org", groups=["Redactie"])


@pytest.fixture
def atlas_member_a(atlas_gemeente_a):
    from baz.accounts.tests.factories import member

    return member(atlas_gemeente_a, email="medewerker.gent@example.org")


@pytest.fixture
def atlas_member_b(atlas_gemeente_b):
    from baz.accounts.tests.factories import member

    return member(atlas_gemeente_b, email="medewerker.leuven@example.org")


@pytest.fixture
def atlas_owner(db):
    from baz.accounts.tests.factories import UserFactory

    return UserFactory(email="initiatiefnemer.atlas@example.org", groups=["Initiatiefnemer"])


# --- Coaching (baz/coaching/tests/test_request*, test_states*, test_workspace* and friends) ---


@pytest.fixture
def coaching_coach(db):
    from baz.accounts.tests.factories import UserFactory

    return UserFactory(
        email="coach.coaching@example.org", first_name="Carla", last_name="Coach", groups=["Coach"]
    )


@pytest.fixture
def coaching_trajectory_a(atlas_gemeente_a):
    from baz.coaching.models import State, Trajectory

    return Trajectory.objects.create(municipality=atlas_gemeente_a, state=State.ANALYSIS)


@pytest.fixture
def coaching_trajectory_b(atlas_gemeente_b):
    from baz.coaching.models import State, Trajectory

    return Trajectory.objects.create(municipality=atlas_gemeente_b, state=State.ANALYSIS)
