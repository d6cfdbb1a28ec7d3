"""Production pieces that need no running stack: the Dutch 503, error pages, nginx config."""

from __future__ import annotations

import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.test import RequestFactory

from baz.core.resilience import server_error

pytestmark = pytest.mark.django_db


def test_a_lost_database_connection_gives_a_dutch_503(settings):
    settings.ERROR_PAGES_DIR = ""
    request = RequestFactory().get("/")
    try:
        raise OperationalError("connection to server failed")
    except OperationalError:
        assert sys.exc_info()[0] is OperationalError
        response = server_error(request)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "De website is even niet beschikbaar" in response.content.decode()


def test_the_503_page_comes_from_the_rendered_file_when_there_is_one(settings, tmp_path):
    (tmp_path / "503.html").write_text("<p>Vooraf gemaakte pagina</p>", encoding="utf-8")
    settings.ERROR_PAGES_DIR = str(tmp_path)
    try:
        raise OperationalError("gone")
    except OperationalError:
        response = server_error(RequestFactory().get("/"))
    assert "Vooraf gemaakte pagina" in response.content.decode()


def test_other_errors_stay_a_500(rf):
    try:
        raise ValueError("bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500


def test_error_pages_are_rendered_as_dutch_pages_of_the_site(tmp_path, site_pages):
    call_command("render_error_pages", "--output", str(tmp_path))

    texts = {code: (tmp_path / f"{code}.html").read_text() for code in (413, 502, 503, 504)}
    assert "Wat je stuurde is te groot" in texts[413]
    assert "6 MB" in texts[413]
    assert "niet bereikbaar" in texts[502]
    assert "niet beschikbaar" in texts[503]
    assert "Dat duurde te lang" in texts[504]
    for html in texts.values():
        assert '<html lang="nl-BE">' in html
        assert 'href="#inhoud"' in html
        assert "<script>" not in html


def test_the_nginx_config_uses_the_apps_upload_limit(settings, capsys, tmp_path):
    settings.REQUEST_BODY_MAX_BYTES = 7 * 1024 * 1024
    call_command(
        "nginx_config",
        "--error-pages-dir",
        str(tmp_path),
        "--upstream",
        "127.0.0.1:9001",
        "--upstream",
        "127.0.0.1:9002",
    )
    config = capsys.readouterr().out
    assert f"client_max_body_size {7 * 1024 * 1024};" in config
    assert f"client_max_body_size {settings.ADMIN_REQUEST_BODY_MAX_BYTES};" in config
    assert "error_page 413 /__fout/413.html;" in config
    assert "error_page 502 /__fout/502.html;" in config
    assert "server 127.0.0.1:9001" in config
    assert "server 127.0.0.1:9002" in config
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in config
    assert "proxy_read_timeout 30s;" in config
    assert "{{" not in config


def test_the_nginx_read_timeout_is_an_option_and_checked(capsys, tmp_path):
    call_command("nginx_config", "--error-pages-dir", str(tmp_path), "--read-timeout", "6s")
    config = capsys.readouterr().out
    assert "proxy_read_timeout 6s;" in config
    assert "proxy_read_timeout 30s;" not in config
    with pytest.raises(CommandError, match="read-timeout"):
        call_command("nginx_config", "--error-pages-dir", str(tmp_path), "--read-timeout", "6; x")


def test_every_page_gets_a_permissions_policy(client, site_pages):
    response = client.get("/")
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_kept_database_connections_are_checked_before_use(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
