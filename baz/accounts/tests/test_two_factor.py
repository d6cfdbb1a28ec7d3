"""Staff must pass two-factor authentication before any /beheer/ page."""

import base64

import pytest
from django_otp import DEVICE_ID_SESSION_KEY

from baz.accounts.tests.factories import add_backup_codes, add_totp_device
from baz.accounts.tests.helpers import post_backup_code, post_password, post_token
from baz.accounts.totp import totp_current_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("staff", ["redactie", "coach"])
def test_a_staff_login_with_only_a_password_is_refused_in_the_admin(request, client, staff):
    user = request.getfixturevalue(staff)

    response = post_password(client, user.email, next_url="/beheer/")
    assert response.status_code == 302  # logged in with a password only...

    admin = client.get("/beheer/")
    assert admin.status_code == 302  # ...but the admin sends them to set up 2FA
    assert admin.url == "/mijn/beveiliging/instellen/?next=%2Fbeheer%2F"
    assert client.get("/beheer/pages/").url.startswith("/mijn/beveiliging/instellen/")


def test_a_staff_member_with_a_device_but_an_unverified_session_is_sent_to_the_login(
    client, redactie
):
    add_totp_device(redactie)
    client.force_login(redactie, backend="django.contrib.auth.backends.ModelBackend")

    response = client.get("/beheer/")

    assert response.status_code == 302
    assert response.url == "/aanmelden/?next=%2Fbeheer%2F"


def test_a_staff_member_logs_in_with_password_and_totp_code_and_reaches_the_admin(client, redactie):
    device = add_totp_device(redactie)

    first = post_password(client, redactie.email, next_url="/beheer/")
    assert first.status_code == 200  # the wizard asks for the code
    assert "code van 6 cijfers" in first.content.decode()
    assert "Code van 6 cijfers" in first.content.decode()  # the field label
    assert "API-token" not in first.content.decode()
    assert client.get("/beheer/").status_code == 302  # not logged in yet

    second = post_token(client, totp_current_code(device), next_url="/beheer/")

    assert second.status_code == 302
    assert second.url == "/beheer/"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/beheer/").status_code == 200


def test_a_wrong_totp_code_is_refused(client, redactie):
    add_totp_device(redactie)
    post_password(client, redactie.email)

    response = post_token(client, "000000")

    assert response.status_code == 200
    assert client.get("/beheer/").status_code == 302


def test_a_backup_code_also_completes_the_login(client, coach):
    add_totp_device(coach)
    add_backup_codes(coach, ["reserve123"])
    post_password(client, coach.email)

    response = post_backup_code(client, "reserve123")

    assert response.status_code == 302
    assert response.url == "/beheer/"  # staff without a next address land in the admin
    assert client.get("/beheer/").status_code == 200


def test_staff_can_set_up_their_authenticator_app(client, redactie):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(redactie, backend="django.contrib.auth.backends.ModelBackend")
    url = "/mijn/beveiliging/instellen/?next=/beheer/"
    welcome = client.get(url)
    assert "Tweestapsverificatie instellen" in welcome.content.decode()
    generator = client.post(url, {"setup_view-current_step": "welcome"})
    assert "Scan deze QR-code" in generator.content.decode()
    assert 'autocomplete="one-time-code"' in generator.content.decode()
    key = client.session["django_two_factor-qr_secret_key"]
    qr = client.get("/mijn/beveiliging/qr-code/")
    assert qr.status_code == 200
    totp = TOTP(base64.b32decode(key))

    done = client.post(
        url, {"setup_view-current_step": "generator", "generator-token": f"{totp.token():06d}"}
    )

    assert done.status_code == 302
    assert done.url == "/mijn/beveiliging/ingesteld/?next=%2Fbeheer%2F"
    assert TOTPDevice.objects.filter(user=redactie, confirmed=True).exists()
    complete = client.get(done.url)
    assert 'href="/beheer/"' in complete.content.decode()
    assert client.get("/beheer/").status_code == 200


def test_a_municipality_user_is_not_let_into_the_admin_at_all(client, beheerder_a):
    client.force_login(beheerder_a, backend="django.contrib.auth.backends.ModelBackend")

    response = client.get("/beheer/")

    # Wagtail itself refuses: no two-factor detour for someone who may not enter.
    assert response.status_code == 302
    assert not response.url.startswith("/mijn/beveiliging/")


def test_the_security_page_counts_the_backup_codes(client, coach, login_verified):
    from baz.accounts.tests.factories import add_backup_codes

    login_verified(client, coach)
    add_backup_codes(coach, ["code1111", "code2222"])

    content = client.get("/mijn/beveiliging/").content.decode()

    assert "Tweestapsverificatie staat aan" in content
    assert "Je hebt nog 2 reservecodes." in content


def test_verified_staff_create_backup_codes(client, coach, login_verified):
    login_verified(client, coach)

    response = client.post("/mijn/beveiliging/reservecodes/", follow=True)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Print deze codes" in content
    assert coach.staticdevice_set.get().token_set.count() == 10
