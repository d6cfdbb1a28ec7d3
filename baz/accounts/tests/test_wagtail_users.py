"""Wagtail's own user screens work with the e-mail user model."""

import pytest

from baz.accounts.models import User
from baz.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, login_verified):
    login_verified(client, UserFactory(email="super@example.org", is_superuser=True))
    return client


def test_the_user_list_and_forms_open(superuser_client, medewerker_a):
    assert superuser_client.get("/beheer/users/").status_code == 200
    assert superuser_client.get("/beheer/users/new/").status_code == 200
    assert superuser_client.get(f"/beheer/users/edit/{medewerker_a.pk}/").status_code == 200


def test_a_user_created_in_wagtail_logs_in_with_their_email(superuser_client):
    response = superuser_client.post(
        "/beheer/users/new/",
        {
            "email": "Nieuw@Example.org",
            "first_name": "Nele",
            "last_name": "Smets",
            "password1": "Een-lang-nieuw-wachtwoord-7",
            "password2": "Een-lang-nieuw-wachtwoord-7",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(email="nieuw@example.org").get_full_name() == "Nele Smets"


def test_wagtail_refuses_an_address_that_differs_only_in_capitals(superuser_client, medewerker_a):
    response = superuser_client.post(
        "/beheer/users/new/",
        {
            "email": "MEDEWERKER.A@example.org",
            "first_name": "X",
            "last_name": "Y",
            "password1": "Een-lang-nieuw-wachtwoord-7",
            "password2": "Een-lang-nieuw-wachtwoord-7",
        },
    )

    assert response.status_code == 200
    assert User.objects.filter(email__iexact="medewerker.a@example.org").count() == 1
