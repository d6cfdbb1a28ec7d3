import pytest
from axes.models import AccessAttempt

from baz.accounts.tests.factories import PASSWORD
from baz.accounts.tests.helpers import post_password

pytestmark = pytest.mark.django_db


def test_five_failed_logins_lock_the_address_for_fifteen_minutes(client, medewerker_a):
    for _ in range(4):
        response = post_password(client, "medewerker.a@example.org", "verkeerd-wachtwoord")
        assert response.status_code == 200

    locked = post_password(client, "MEDEWERKER.A@example.org", "verkeerd-wachtwoord")

    assert locked.status_code == 429
    content = locked.content.decode()
    assert "Te veel mislukte pogingen" in content
    assert "Probeer het opnieuw over 15 minuten." in content
    # Even the right password is refused while the lock lasts.
    again = post_password(client, "medewerker.a@example.org", PASSWORD)
    assert again.status_code == 429
    assert client.get("/mijn/").status_code == 302
    assert AccessAttempt.objects.get().username == "medewerker.a@example.org"


def test_a_successful_login_resets_the_failure_count(client, medewerker_a):
    for _ in range(4):
        post_password(client, "medewerker.a@example.org", "verkeerd-wachtwoord")

    assert post_password(client, "medewerker.a@example.org").status_code == 302
    client.post("/afmelden/")
    for _ in range(4):
        assert post_password(client, "medewerker.a@example.org", "fout").status_code == 200
