"""Limits on password resets (site and Wagtail) and on password spraying from one address.

Every limit keys on the visitor's address behind nginx (`baz.core.ratelimit.client_ip`), and
no answer tells whether an account exists.
"""

import pytest
from django.core import mail

from baz.accounts.tests.factories import PASSWORD, UserFactory
from baz.accounts.tests.helpers import post_password

pytestmark = pytest.mark.django_db

RESET = "/wachtwoord/vergeten/"
ADMIN_RESET = "/beheer/password_reset/"


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    def visitor(address):
        # The test client connects from 127.0.0.1, nginx's own address.
        return {"HTTP_X_FORWARDED_FOR": address}

    return visitor


def test_password_resets_are_limited_per_visitor(client, settings, behind_nginx, medewerker_a):
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 2
    one = behind_nginx("203.0.113.1")
    for email in ("niemand@example.org", "medewerker.a@example.org"):
        assert client.post(RESET, {"email": email}, **one).status_code == 302

    refused = client.post(RESET, {"email": "medewerker.a@example.org"}, **one)

    assert refused.status_code == 429
    assert "Je vroeg veel nieuwe wachtwoorden na elkaar" in refused.content.decode()
    assert len(mail.outbox) == 1
    # Another visitor behind the same nginx is not blocked.
    other = client.post(RESET, {"email": "medewerker.a@example.org"}, **behind_nginx("203.0.113.2"))
    assert other.status_code == 302
    assert len(mail.outbox) == 2


def test_one_address_gets_few_reset_mails_and_the_answer_never_changes(
    client, settings, behind_nginx, medewerker_a
):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 2
    answers = set()
    for n in range(4):
        for email in ("Medewerker.A@example.org", "niemand@example.org"):
            response = client.post(RESET, {"email": email}, **behind_nginx(f"203.0.113.{n}"))
            answers.add((response.status_code, response["Location"]))

    # Same answer for a known and an unknown address, over the limit or not ...
    assert answers == {(302, "/wachtwoord/vergeten/verstuurd/")}
    # ... but the mailbox of the account holder is not flooded.
    assert [m.to for m in mail.outbox] == [["medewerker.a@example.org"]] * 2


def test_wagtails_password_reset_is_limited_per_visitor_too(
    client, settings, behind_nginx, redactie
):
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 1
    one = behind_nginx("203.0.113.1")
    assert client.post(ADMIN_RESET, {"email": "redactie@example.org"}, **one).status_code == 302

    refused = client.post(ADMIN_RESET, {"email": "redactie@example.org"}, **one)

    assert refused.status_code == 429
    assert "Je vroeg veel nieuwe wachtwoorden na elkaar" in refused.content.decode()
    assert len(mail.outbox) == 1


def test_failed_logins_over_many_accounts_block_the_address(client, settings, behind_nginx):
    """Password spraying: one wrong password for each of many accounts never trips axes'
    lock per account, so one address is limited across all accounts."""
    settings.LOGIN_FAILURE_LIMIT_PER_CLIENT = 3
    users = [UserFactory(email=f"persoon{n}@example.org") for n in range(4)]
    one = behind_nginx("203.0.113.1")
    for user in users[:3]:
        response = client.post(*_login(user.email, "Zomer2026!"), **one)
        assert response.status_code == 200

    blocked = client.post(*_login(users[3].email, PASSWORD), **one)

    assert blocked.status_code == 429
    assert "Te veel mislukte pogingen vanaf dit adres" in blocked.content.decode()
    assert client.get("/mijn/").status_code == 302  # not logged in, even with the right password
    # Someone else behind the same nginx logs in as usual.
    other = client.post(*_login(users[3].email, PASSWORD), **behind_nginx("203.0.113.2"))
    assert other.status_code == 302
    assert client.get("/mijn/").status_code == 200


def test_successful_logins_do_not_count_toward_the_address_limit(client, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_CLIENT = 2
    user = UserFactory(email="persoon@example.org")
    for _ in range(3):
        assert post_password(client, user.email).status_code == 302
        client.post("/afmelden/")


def _login(email, password):
    return (
        "/aanmelden/",
        {"login_view-current_step": "auth", "auth-username": email, "auth-password": password},
    )
