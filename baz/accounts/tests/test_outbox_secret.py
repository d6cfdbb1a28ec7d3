"""Mail of accounts that carries a key (invitation, first password, password reset) is stored
in the outbox as secret: staff never read it and its body is cleared at delivery."""

import pytest

from baz.accounts.services import initiatiefnemer_account_ensure, invitation_create
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def outbox_backend(settings):
    """pytest-django swaps EMAIL_BACKEND for locmem; these tests need the real outbox."""
    settings.EMAIL_BACKEND = "baz.mail.backends.OutboxBackend"


def test_an_invitation_is_stored_as_a_secret_message(redactie):
    invitation_create(created_by=redactie, email="nieuwe.coach@example.org", group_name="Coach")

    message = OutboxMessage.objects.get()
    assert message.secret
    assert "X-BAZ-Secret" not in message.headers


def test_the_welcome_mail_with_a_password_link_is_secret():
    initiatiefnemer_account_ensure(email="wout@example.org", first_name="Wout")

    assert OutboxMessage.objects.get(to=["wout@example.org"]).secret


@pytest.mark.parametrize("path", ["/wachtwoord/vergeten/", "/beheer/password_reset/"])
def test_a_password_reset_mail_is_secret(client, redactie, path):
    """Django's and Wagtail's own forms build the mail: the reset link gives it away."""
    response = client.post(path, {"email": redactie.email})

    assert response.status_code == 302
    assert OutboxMessage.objects.get().secret
