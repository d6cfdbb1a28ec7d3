"""The admin's type-ahead municipality choosers: what they find, and for whom they answer."""

import pytest

from baz.accounts.tests.factories import MunicipalityFactory, UserFactory
from baz.core.models import Municipality

pytestmark = pytest.mark.django_db

SEARCH = "/beheer/autocomplete/search/"
OBJECTS = "/beheer/autocomplete/objects/"


@pytest.fixture
def places():
    MunicipalityFactory(name_nl="Gent", search_text="gent gand 9000")
    MunicipalityFactory(name_nl="Luik", name_fr="Liège", search_text="luik liege 4000")
    MunicipalityFactory(name_nl="Genk", search_text="genk 3600")


def _titles(response):
    return [item["title"] for item in response.json()["items"]]


def test_a_dutch_or_french_name_or_a_postal_code_finds_the_municipality(places):
    def found(query):
        return [m.name_nl for m in Municipality.autocomplete_custom_queryset_filter(query)]

    assert found("gen") == ["Genk", "Gent"]
    assert found("Gand") == ["Gent"]
    assert found("liège") == ["Luik"]
    assert found("9000") == ["Gent"]


def test_staff_search_municipalities_and_see_both_names(client, login_verified, places):
    login_verified(client, UserFactory(is_superuser=True, is_staff=True))

    response = client.post(SEARCH, {"type": "core.Municipality", "query": "lui"})

    assert _titles(response) == ["Luik (Liège)"]


def test_the_choosers_answer_for_no_other_model(client, login_verified, places):
    login_verified(client, UserFactory(is_superuser=True, is_staff=True))

    assert client.post(SEARCH, {"type": "accounts.User", "query": "a"}).status_code == 400
    assert client.get(OBJECTS, {"type": "coaching.Agreement", "pks": "1"}).status_code == 400
    assert (
        client.post("/beheer/autocomplete/create/", {"type": "core.Municipality"}).status_code
        == 404
    )


def test_visitors_and_members_without_admin_access_get_nothing(client, places):
    assert client.post(SEARCH, {"type": "core.Municipality", "query": "gent"}).status_code == 302

    client.force_login(UserFactory())
    response = client.post(SEARCH, {"type": "core.Municipality", "query": "gent"})

    assert response.status_code in {302, 403}
