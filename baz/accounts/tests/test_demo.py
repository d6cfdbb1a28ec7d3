import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from baz.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from baz.accounts.models import Membership, User
from baz.accounts.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gent_and_leuven(db):
    MunicipalityFactory(refnis="44021", name_nl="Gent", slug="gent")
    MunicipalityFactory(refnis="24062", name_nl="Leuven", slug="leuven")


def _load() -> str:
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def test_demo_accounts_are_created_once(gent_and_leuven):
    first = _load()
    secrets_first = re.findall(r"TOTP-geheim: ([A-Z2-7]+)", first)
    second = _load()

    assert User.objects.count() == len(DEMO_ACCOUNTS) == 6
    assert Membership.objects.count() == 3
    assert TOTPDevice.objects.count() == 2
    assert DEMO_PASSWORD in first
    assert "6 demo-accounts" in first
    assert "6 demo-accounts" not in second
    assert re.findall(r"TOTP-geheim: ([A-Z2-7]+)", second) == secrets_first
    assert len(secrets_first) == 2
    gent = User.objects.get(email="beheerder.gent@example.org").memberships.get()
    assert (gent.municipality.refnis, gent.role) == ("44021", "beheerder")
    assert User.objects.get(email="redactie@example.org").check_password(DEMO_PASSWORD)


def test_demo_totp_prints_the_current_code(gent_and_leuven):
    from baz.accounts.totp import totp_current_code

    _load()
    out = StringIO()
    call_command("demo_totp", "Redactie@example.org", stdout=out)

    device = TOTPDevice.objects.get(user__email="redactie@example.org")
    assert out.getvalue().split()[0] in {totp_current_code(device)}
    assert re.match(r"^\d{6} ", out.getvalue())


def test_demo_totp_explains_an_unknown_account():
    with pytest.raises(CommandError, match="Geen app voor tweestapsverificatie"):
        call_command("demo_totp", "niemand@example.org")
