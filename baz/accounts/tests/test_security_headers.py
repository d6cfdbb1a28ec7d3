import re

import pytest

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>")


@pytest.mark.parametrize(
    "path",
    ["/aanmelden/", "/wachtwoord/vergeten/", "/mijn/", "/mijn/profiel/", "/mijn/beveiliging/"],
)
def test_account_pages_use_the_strict_policy_without_inline_scripts(client, medewerker_a, path):
    if path.startswith("/mijn/"):
        client.force_login(medewerker_a)

    response = client.get(path)

    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert not INLINE_SCRIPT.search(response.content.decode())


def test_every_form_post_carries_a_csrf_token(client, beheerder_a):
    client.force_login(beheerder_a)

    for path in ["/aanmelden/", "/mijn/", "/mijn/profiel/", "/mijn/gemeenten/44021/uitnodigen/"]:
        content = client.get(path).content.decode()
        forms = content.count('method="post"')
        assert forms >= 1
        assert content.count("csrfmiddlewaretoken") == forms, path


def test_posts_without_a_csrf_token_are_refused(medewerker_a):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(medewerker_a)

    assert strict.post("/afmelden/").status_code == 403
    assert strict.post("/mijn/profiel/", {"first_name": "X", "last_name": "Y"}).status_code == 403
