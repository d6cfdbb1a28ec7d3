import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from baz.accounts.services import user_profile_update

pytestmark = pytest.mark.django_db


def test_a_user_changes_their_name(medewerker_a):
    user_profile_update(user=medewerker_a, first_name=" Lies ", last_name="Van Acker")

    medewerker_a.refresh_from_db()
    assert medewerker_a.get_full_name() == "Lies Van Acker"


def test_an_anonymous_visitor_has_no_profile():
    with pytest.raises(PermissionDenied):
        user_profile_update(user=AnonymousUser(), first_name="X", last_name="Y")
