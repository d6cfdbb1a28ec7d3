"""Links follow the address the site is served at (`SITE_URL`), wherever that is."""

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import resolve
from wagtail.models import Site

from baz.atlas.services.proposals import entry_propose
from baz.coaching.services.trajectories import coaching_request_submit
from baz.contact.services import contact_message_submit
from baz.core.services import default_site_follow_site_url, site_structure_ensure
from baz.core.tests.factories import MunicipalityFactory
from baz.mail.models import OutboxMessage

ROOT = Path(__file__).resolve().parents[3]
OTHER_PORT = "http://127.0.0.1:8790"
LINK = re.compile(r"https?://[^\s\"'<>)]+")


def make_site_url(*args: str, env: dict[str, str] | None = None) -> str:
    make = shutil.which("make")
    assert make, "make is installed wherever the README's commands run"
    result = subprocess.run(  # noqa: S603 - fixed arguments, no input from outside
        [make, "--no-print-directory", "-s", "site-url", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", **(env or {})},
    )
    return result.stdout.strip()


def test_make_run_serves_and_links_at_the_port_it_is_given():
    assert make_site_url() == "http://127.0.0.1:8000"
    assert make_site_url("PORT=8790") == OTHER_PORT
    assert make_site_url("HOST=0.0.0.0", "PORT=8001") == "http://0.0.0.0:8001"
    # Behind a proxy the address people use wins.
    assert make_site_url("PORT=8790", env={"SITE_URL": "https://baz.example.org"}) == (
        "https://baz.example.org"
    )


def test_the_makefile_hands_that_address_to_migrate_demo_and_run():
    makefile = (ROOT / "Makefile").read_text()
    assert "migrate demo run: export SITE_URL := $(RUN_SITE_URL)" in makefile


@pytest.mark.django_db
def test_every_link_in_the_mail_uses_the_address_of_the_site(settings):
    settings.WAGTAILADMIN_BASE_URL = OTHER_PORT
    gent = MunicipalityFactory()
    contact_message_submit(
        topic="anders",
        municipality=None,
        name="Jan Peeters",
        email="jan@example.org",
        body="Een vraag over het platform.",
        consent=True,
    )
    coaching_request_submit(
        municipality=gent,
        name="Hanne Verstraeten",
        role="Beleidsmedewerker",
        email="hanne@example.org",
        motivation="Graag coaching.",
    )
    entry_propose(
        kind="burgerinitiatief",
        data={"name": "Soep in de straat", "summary": "Samen soep.", "municipality": gent},
        submitter_email="an@example.org",
    )

    messages = list(OutboxMessage.objects.all())
    assert len(messages) >= 5
    links = [
        link for message in messages for link in LINK.findall(message.body_text + message.body_html)
    ]
    assert links, "the mails hold links back to the site"
    wrong = [link for link in links if link != OTHER_PORT and not link.startswith(OTHER_PORT + "/")]
    assert wrong == []
    # ... and each one leads to a page of the site.
    for link in links:
        path = urlsplit(link).path or "/"
        if path != "/":
            resolve(path)


@pytest.mark.django_db
def test_the_wagtail_site_follows_the_site_url(settings):
    site_structure_ensure()
    settings.WAGTAILADMIN_BASE_URL = OTHER_PORT

    assert default_site_follow_site_url() is True
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8790)
    assert site.root_url == OTHER_PORT
    assert default_site_follow_site_url() is False  # nothing left to change

    settings.WAGTAILADMIN_BASE_URL = "https://baz.example.org"
    site_structure_ensure()
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("baz.example.org", 443)


@pytest.mark.django_db
def test_production_without_site_url_leaves_the_site_alone(settings):
    site_structure_ensure()
    Site.objects.update(hostname="baz.example.org", port=443)
    settings.PRODUCTION = True
    settings.SITE_URL_IS_SET = False

    assert default_site_follow_site_url() is False
    assert Site.objects.get(is_default_site=True).root_url == "https://baz.example.org"


@pytest.mark.django_db
def test_migrate_puts_the_site_url_on_the_wagtail_site(settings):
    site_structure_ensure()
    Site.objects.update(hostname="localhost", port=80)
    settings.WAGTAILADMIN_BASE_URL = OTHER_PORT

    call_command("migrate", verbosity=0)

    assert Site.objects.get(is_default_site=True).root_url == OTHER_PORT


@pytest.mark.django_db
def test_feeds_and_the_sitemap_name_the_site_url_not_localhost(client, settings):
    settings.WAGTAILADMIN_BASE_URL = OTHER_PORT
    site_structure_ensure()

    sitemap = client.get("/sitemap.xml").content.decode()

    assert "http://localhost/" not in sitemap
    assert f"<loc>{OTHER_PORT}/" in sitemap
