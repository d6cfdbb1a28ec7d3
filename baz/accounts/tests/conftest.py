import pytest

from baz.accounts.models import Role
from baz.accounts.tests.factories import MunicipalityFactory, UserFactory, member


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The production hasher is slow on purpose; these tests hash hundreds of passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def gemeente_a(db):
    return MunicipalityFactory(refnis="44021", name_nl="Gent", slug="gent")


@pytest.fixture
def gemeente_b(db):
    return MunicipalityFactory(refnis="24062", name_nl="Leuven", slug="leuven")


@pytest.fixture
def redactie(db):
    return UserFactory(email="redactie@example.org", groups=["Redactie"])


@pytest.fixture
def coach(db):
    return UserFactory(email="coach@example.org", groups=["Coach"])


@pytest.fixture
def beheerder_a(gemeente_a):
    return member(gemeente_a, Role.BEHEERDER, email="beheerder.a@example.org")


@pytest.fixture
def medewerker_a(gemeente_a):
    return member(gemeente_a, Role.MEDEWERKER, email="medewerker.a@example.org")


@pytest.fixture
def medewerker_b(gemeente_b):
    return member(gemeente_b, Role.MEDEWERKER, email="medewerker.b@example.org")


@pytest.fixture
def initiatiefnemer(db):
    return UserFactory(email="initiatiefnemer@example.org", groups=["Initiatiefnemer"])
