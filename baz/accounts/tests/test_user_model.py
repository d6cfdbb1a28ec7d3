import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import RequestFactory

from baz.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_the_user_model_is_the_accounts_user():
    assert get_user_model()._meta.label == "accounts.User"
    assert get_user_model().USERNAME_FIELD == "email"


def test_email_is_stored_in_lower_case():
    user = get_user_model().objects.create_user("An.Peeters@Example.ORG", PASSWORD)

    assert user.email == "an.peeters@example.org"


def test_login_with_the_email_address_ignores_capitals():
    UserFactory(email="an@example.org")
    request = RequestFactory().post("/aanmelden/")

    user = authenticate(request, username="AN@Example.org", password=PASSWORD)

    assert user is not None
    assert user.email == "an@example.org"


def test_two_accounts_cannot_share_an_address_in_other_capitals():
    UserFactory(email="an@example.org")

    with pytest.raises(IntegrityError):
        get_user_model().objects.bulk_create([get_user_model()(email="AN@example.org")])


def test_full_clean_reports_a_duplicate_address_in_dutch():
    UserFactory(email="an@example.org")
    user = get_user_model()(email="An@Example.org")
    user.set_password(PASSWORD)

    with pytest.raises(ValidationError) as error:
        user.full_clean()

    assert "Er bestaat al een account met dit e-mailadres." in str(error.value)
