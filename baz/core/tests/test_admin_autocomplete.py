"""The admin's type-ahead choosers (municipalities, an entry's owner): what they find, and for
whom they answer."""

import pytest

from baz.accounts.tests.factories import UserFactory
from baz.core.models import Municipality

pytestmark = pytest.mark.django_db

SEARCH = "/beheer/autocomplete/search/"
OBJECTS = "/beheer/autocomplete/objects/"


@pytest.fixture
def places(reference_data):
    """Every Belgian municipality, as staff choose from (loaded once per test session)."""


def _titles(response):
    return [item["title"] for item in response.json()["items"]]


def _found(query):
    return [m.name_nl for m in Municipality.autocomplete_custom_queryset_filter(query)]


def test_a_dutch_or_french_name_or_a_postal_code_finds_the_municipality(places):
    assert _found("Gand") == ["Gent"]
    assert _found("Louvain")[0] == "Leuven"
    assert "Luik" in _found("liège")
    assert _found("9000") == ["Gent"]
    assert set(_found("gen")) >= {"Genk", "Gent"}


def test_staff_search_municipalities_and_see_both_names(client, login_verified, places):
    login_verified(client, UserFactory(is_superuser=True, is_staff=True))

    response = client.post(SEARCH, {"type": "core.Municipality", "query": "Liège"})

    assert "Luik (Liège)" in _titles(response)


def test_the_choosers_answer_for_no_other_model(client, login_verified, places):
    login_verified(client, UserFactory(is_superuser=True, is_staff=True))

    assert client.post(SEARCH, {"type": "accounts.Membership", "query": "a"}).status_code == 400
    assert client.post(SEARCH, {"type": "auth.Group", "query": "Re"}).status_code == 400
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


# --- An entry's owner: accounts, for Redactie only ---------------------------------------------


@pytest.fixture
def people(db):
    return {
        "anke": UserFactory(
            email="anke.peeters@example.org", first_name="Anke", last_name="Peeters"
        ),
        "bert": UserFactory(email="bert@example.org", first_name="Bert", last_name="Janssens"),
        "gone": UserFactory(
            email="anke.oud@example.org", first_name="Anke", last_name="Oud", is_active=False
        ),
    }


def test_redactie_find_an_owner_by_name_or_address_but_not_an_inactive_account(
    client, login_verified, people
):
    login_verified(client, UserFactory(groups=["Redactie"]))

    by_name = client.post(SEARCH, {"type": "accounts.User", "query": "anke pee"})
    by_address = client.post(SEARCH, {"type": "accounts.User", "query": "bert@"})
    anke = client.post(SEARCH, {"type": "accounts.User", "query": "Anke"})

    assert _titles(by_name) == ["Anke Peeters · anke.peeters@example.org"]
    assert _titles(by_address) == ["Bert Janssens · bert@example.org"]
    assert "Anke Oud · anke.oud@example.org" not in _titles(anke)
    shown = client.get(OBJECTS, {"type": "accounts.User", "pks": str(people["bert"].pk)})
    assert _titles(shown) == ["Bert Janssens · bert@example.org"]


def test_one_letter_or_a_huge_limit_does_not_list_every_account(client, login_verified, people):
    from baz.accounts.models import User

    login_verified(client, UserFactory(groups=["Redactie"]))
    for number in range(25):
        UserFactory(email=f"vrijwilliger{number}@example.org")

    one_letter = client.post(SEARCH, {"type": "accounts.User", "query": "a"})
    everyone = client.post(SEARCH, {"type": "accounts.User", "query": "example", "limit": "5000"})

    assert one_letter.status_code == 200
    assert _titles(one_letter) == []
    assert User.objects.filter(email__contains="example").count() > 25
    assert len(_titles(everyone)) == 20


def test_coaches_and_municipality_members_cannot_look_accounts_up(
    client, login_verified, people, places
):
    from baz.accounts.models import Role
    from baz.accounts.tests.factories import member

    login_verified(client, UserFactory(groups=["Coach"]))
    assert client.post(SEARCH, {"type": "accounts.User", "query": "anke"}).status_code == 403
    pks = str(people["anke"].pk)
    assert client.get(OBJECTS, {"type": "accounts.User", "pks": pks}).status_code == 403
    # The coach still chooses municipalities.
    assert client.post(SEARCH, {"type": "core.Municipality", "query": "gent"}).status_code == 200

    client.logout()
    client.force_login(member(Municipality.objects.get(name_nl="Gent"), role=Role.BEHEERDER))
    response = client.post(SEARCH, {"type": "accounts.User", "query": "anke"})
    assert response.status_code in {302, 403}
    assert b"anke.peeters" not in response.content


def test_an_unverified_redactie_session_gets_no_accounts(client, people):
    client.force_login(UserFactory(groups=["Redactie"]))

    response = client.post(SEARCH, {"type": "accounts.User", "query": "anke"})

    assert response.status_code in {302, 403}
    assert b"anke.peeters" not in response.content
