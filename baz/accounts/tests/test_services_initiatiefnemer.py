import pytest
from django.core import mail

from baz.accounts.services import initiatiefnemer_account_ensure
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_a_new_initiatiefnemer_gets_an_account_and_a_link_to_choose_a_password(client, site_pages):
    user, created = initiatiefnemer_account_ensure(email="Wout@Example.org", first_name="Wout")

    assert created
    assert user.email == "wout@example.org"
    assert list(user.groups.values_list("name", flat=True)) == ["Initiatiefnemer"]
    message = OutboxMessage.objects.get()
    assert message.to == ["wout@example.org"]
    assert message.subject == "Je account op BurgersAanZet"
    link = next(line for line in message.body_text.splitlines() if "/wachtwoord/nieuw/" in line)

    form = client.get(link.split("://", 1)[1].split("/", 1)[1].join(["/", ""]), follow=True)
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Mijn-eigen-wachtwoord-1", "new_password2": "Mijn-eigen-wachtwoord-1"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Mijn-eigen-wachtwoord-1")


def test_an_existing_account_is_reused_without_mail(medewerker_a):
    user, created = initiatiefnemer_account_ensure(email="MEDEWERKER.A@example.org")

    assert not created
    assert user == medewerker_a
    assert set(user.groups.values_list("name", flat=True)) == {"Gemeente", "Initiatiefnemer"}
    assert not OutboxMessage.objects.exists()


def test_the_new_account_can_use_password_reset_later(client):
    initiatiefnemer_account_ensure(email="wout@example.org")

    client.post("/wachtwoord/vergeten/", {"email": "wout@example.org"})

    assert len(mail.outbox) == 1
