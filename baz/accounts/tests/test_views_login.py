import pytest
from django.core import mail
from django.utils.http import urlsafe_base64_encode

from baz.accounts.tests.helpers import post_password

pytestmark = pytest.mark.django_db


def test_the_login_page_speaks_dutch(client):
    response = client.get("/aanmelden/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Aanmelden</h1>" in content
    assert "E-mailadres" in content
    assert "Meld je aan" in content
    assert "Wachtwoord vergeten?" in content


def test_a_municipality_user_logs_in_with_email_and_password_and_lands_on_mijn(
    client, medewerker_a
):
    response = post_password(client, "Medewerker.A@example.org")

    assert response.status_code == 302
    assert response.url == "/mijn/"
    assert client.get("/mijn/").status_code == 200


def test_a_wrong_password_shows_a_dutch_error(client, medewerker_a):
    response = post_password(client, "medewerker.a@example.org", "verkeerd-wachtwoord")

    assert response.status_code == 200
    assert "passen niet bij elkaar" in response.content.decode()


def test_the_login_follows_a_safe_next_address_only(client, medewerker_a):
    response = post_password(client, "medewerker.a@example.org", next_url="/mijn/profiel/")
    assert response.url == "/mijn/profiel/"

    client.logout()
    response = post_password(client, "medewerker.a@example.org", next_url="https://evil.example")
    assert response.url == "/mijn/"


def test_logout_works_only_by_post(client, medewerker_a):
    client.force_login(medewerker_a)

    assert client.get("/afmelden/").status_code == 405
    response = client.post("/afmelden/")

    assert response.status_code == 302
    assert client.get("/mijn/").status_code == 302


def test_wagtails_own_login_form_redirects_to_the_two_factor_login(client):
    response = client.get("/beheer/login/?next=/beheer/pages/")

    assert response.status_code == 302
    assert response.url == "/aanmelden/?next=/beheer/pages/"


def test_the_admin_sends_anonymous_visitors_to_the_site_login(client):
    response = client.get("/beheer/")

    assert response.status_code == 302
    assert response.url.startswith("/aanmelden/?next=/beheer/")


def test_password_reset_does_not_tell_whether_an_account_exists(client, medewerker_a):
    known = client.post("/wachtwoord/vergeten/", {"email": "MEDEWERKER.A@example.org"})
    unknown = client.post("/wachtwoord/vergeten/", {"email": "niemand@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == "/wachtwoord/vergeten/verstuurd/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["medewerker.a@example.org"]
    assert message.subject == "Kies een nieuw wachtwoord voor BurgersAanZet"
    uid = urlsafe_base64_encode(str(medewerker_a.pk).encode())
    assert f"/wachtwoord/nieuw/{uid}/" in message.body
    page = client.get("/wachtwoord/vergeten/verstuurd/")
    assert "Kijk in je mailbox" in page.content.decode()


def test_a_reset_link_lets_you_choose_a_new_password(client, medewerker_a):
    client.post("/wachtwoord/vergeten/", {"email": "medewerker.a@example.org"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/wachtwoord/nieuw/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]

    form_page = client.get("/" + path, follow=True)
    assert "Kies een nieuw wachtwoord" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Nieuw-sterk-wachtwoord-9", "new_password2": "Nieuw-sterk-wachtwoord-9"},
    )

    assert response.status_code == 302
    assert response.url == "/wachtwoord/nieuw/klaar/"
    medewerker_a.refresh_from_db()
    assert medewerker_a.check_password("Nieuw-sterk-wachtwoord-9")


def test_an_invalid_reset_link_explains_itself(client):
    response = client.get("/wachtwoord/nieuw/MQ/bestaat-niet/")

    assert response.status_code == 200
    assert "Deze link werkt niet meer" in response.content.decode()


def test_a_logged_in_user_changes_their_password(client, medewerker_a):
    from baz.accounts.tests.factories import PASSWORD

    client.force_login(medewerker_a)
    assert client.get("/wachtwoord/wijzigen/").status_code == 200

    response = client.post(
        "/wachtwoord/wijzigen/",
        {
            "old_password": PASSWORD,
            "new_password1": "Nieuw-sterk-wachtwoord-9",
            "new_password2": "Nieuw-sterk-wachtwoord-9",
        },
    )

    assert response.url == "/wachtwoord/gewijzigd/"
    medewerker_a.refresh_from_db()
    assert medewerker_a.check_password("Nieuw-sterk-wachtwoord-9")


def test_password_change_needs_a_login(client):
    response = client.get("/wachtwoord/wijzigen/")

    assert response.status_code == 302
    assert response.url.startswith("/aanmelden/?next=")


def test_wagtails_password_reset_stays_open_to_anonymous_staff(client, redactie):
    response = client.post("/beheer/password_reset/", {"email": "redactie@example.org"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
