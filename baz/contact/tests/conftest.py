import pytest

from baz.accounts.tests.factories import MunicipalityFactory, UserFactory
from baz.contact.tests.factories import ProvinceFactory


@pytest.fixture(autouse=True)
def contact_settings(settings):
    settings.CONTACT_MIN_FILL_SECONDS = 3
    settings.CONTACT_RATE_LIMIT = 5
    settings.CONTACT_RETENTION_MONTHS = 12
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.cache import cache

    cache.clear()
    return settings


@pytest.fixture
def oost_vlaanderen(db):
    return ProvinceFactory(refnis="40000", name_nl="Provincie Oost-Vlaanderen", slug="ovl")


@pytest.fixture
def limburg(db):
    return ProvinceFactory(refnis="70000", name_nl="Provincie Limburg", slug="limburg")


@pytest.fixture
def gent(oost_vlaanderen):
    return MunicipalityFactory(
        refnis="44021", name_nl="Gent", slug="gent", province=oost_vlaanderen
    )


@pytest.fixture
def aalst(oost_vlaanderen):
    return MunicipalityFactory(
        refnis="41002", name_nl="Aalst", slug="aalst", province=oost_vlaanderen
    )


@pytest.fixture
def hasselt(limburg):
    return MunicipalityFactory(refnis="71072", name_nl="Hasselt", slug="hasselt", province=limburg)


@pytest.fixture
def redactie(db):
    return UserFactory(email="redactie@example.org", first_name="Griet", groups=["Redactie"])


@pytest.fixture
def coach(db):
    return UserFactory(email="coach@example.org", first_name="Koen", groups=["Coach"])


@pytest.fixture
def initiatiefnemer(db):
    return UserFactory(email="initiatiefnemer@example.org", groups=["Initiatiefnemer"])
