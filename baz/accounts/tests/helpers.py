"""Steps of the two-factor login wizard over HTTP."""

from baz.accounts.tests.factories import PASSWORD


def post_password(client, email, password=PASSWORD, next_url=None):
    url = "/aanmelden/" + (f"?next={next_url}" if next_url else "")
    return client.post(
        url,
        {
            "login_view-current_step": "auth",
            "auth-username": email,
            "auth-password": password,
        },
    )


def post_token(client, code, next_url=None):
    url = "/aanmelden/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login_view-current_step": "token", "token-otp_token": code})


def post_backup_code(client, code, next_url=None):
    url = "/aanmelden/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login_view-current_step": "backup", "backup-otp_token": code})
