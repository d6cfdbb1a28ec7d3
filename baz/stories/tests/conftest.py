import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def story_index(site_pages):
    from baz.stories.services import story_index_ensure

    index, _created = story_index_ensure()
    return index


@pytest.fixture
def redactie_a(db):
    from baz.accounts.tests.factories import UserFactory

    return UserFactory(email="redacteur.a@example.org", first_name="Anke", groups=["Redactie"])


@pytest.fixture
def redactie_b(db):
    from baz.accounts.tests.factories import UserFactory

    return UserFactory(email="redacteur.b@example.org", first_name="Bert", groups=["Redactie"])
