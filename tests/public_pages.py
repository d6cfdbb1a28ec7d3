"""The public pages of the site as the demo data fills them, and the HTML checker.

One list serves the HTML check and the findability test (tests/test_public_pages.py) and the
console sweep in the browser (tests/browser/test_console.py), so a page added here is checked
by all three. `indexable` says whether search engines may list the page: search results, the
reflection tool, login, confirmations and private pages say `noindex` on purpose; None makes
no claim (the 404 page, which search engines drop by its status).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: str
    indexable: bool | None = True
    status: int = 200


def public_pages() -> list[PublicPage]:
    """Every kind of public page, with the demo data loaded (`manage.py load_demo_data`)."""
    from django.urls import reverse

    from baz.atlas.models import Entry, EntryKind
    from baz.learning.services import reflection_start
    from baz.stories.models import GoodPracticePage, StoryPage

    entries = Entry.objects.published().order_by("pk")
    initiative = entries.filter(kind=EntryKind.INITIATIVE).first()
    government = entries.filter(kind=EntryKind.LOCAL_GOVERNMENT).first()
    organisation = entries.filter(kind=EntryKind.ORGANISATION).first()
    assert initiative, "the demo data has an initiative"
    assert government, "the demo data has a local government"
    assert organisation, "the demo data has an organisation"
    municipality = government.municipality
    story = StoryPage.objects.live().order_by("pk").first()
    good_practice = GoodPracticePage.objects.live().order_by("pk").first()
    assert story, "the demo data has a story"
    assert good_practice, "the demo data has a good practice"
    token = reflection_start().token

    return [
        PublicPage("home", "/"),
        PublicPage("lokale besturen", "/lokale-besturen/"),
        PublicPage("over dit platform", "/over-dit-platform/"),
        PublicPage("toegankelijkheid", "/toegankelijkheid/"),
        PublicPage("atlas", reverse("atlas:index")),
        PublicPage("atlas gefilterd", reverse("atlas:index") + "?kind=lokaal-bestuur"),
        PublicPage("fiche initiatief", initiative.get_absolute_url()),
        PublicPage("fiche lokaal bestuur", government.get_absolute_url()),
        PublicPage("fiche organisatie", organisation.get_absolute_url()),
        PublicPage(
            "gemeente",
            reverse(
                "atlas:municipality",
                kwargs={"refnis": municipality.refnis, "slug": municipality.slug},
            ),
        ),
        PublicPage("voorstellen", reverse("atlas_contribute:propose")),
        PublicPage("verhalen", "/verhalen/"),
        PublicPage("verhalen gefilterd", "/verhalen/?type=praktijkvoorbeeld"),
        PublicPage("verhaal", story.url),
        PublicPage("praktijkvoorbeeld", good_practice.url),
        PublicPage("leren", "/leren/"),
        PublicPage("screencast", "/leren/rol-van-lokale-besturen/"),
        PublicPage("reflectie starten", reverse("learning:reflection_start"), indexable=False),
        PublicPage(
            "reflectie stap 1",
            reverse("learning:reflection_step", kwargs={"token": token, "step": 1}),
            indexable=False,
        ),
        PublicPage("coaching", reverse("coaching:index")),
        PublicPage("coaching aanvragen", reverse("coaching:request")),
        PublicPage("waar is BAZ actief", reverse("coaching:waar_actief")),
        PublicPage("contact", reverse("contact:form")),
        PublicPage("partners", reverse("contact:partners")),
        PublicPage("privacy", reverse("contact:privacy")),
        PublicPage("zoeken", reverse("search:index"), indexable=False),
        PublicPage("zoekresultaten", reverse("search:index") + "?q=vrijwilligers", indexable=False),
        PublicPage("aanmelden", reverse("two_factor:login"), indexable=False),
        PublicPage("wachtwoord vergeten", reverse("accounts:password_reset"), indexable=False),
        PublicPage("voorstel verstuurd", reverse("atlas_contribute:propose_done"), indexable=False),
        PublicPage("mail verstuurd", reverse("accounts:password_reset_done"), indexable=False),
        PublicPage(
            "bevestigingslink verlopen",
            reverse("atlas_contribute:confirm", kwargs={"token": "verlopen"}),
            indexable=False,
            status=404,
        ),
        PublicPage(
            "reflectielink verlopen",
            reverse("learning:reflection_resume", kwargs={"token": "verlopen"}),
            indexable=False,
            status=404,
        ),
        PublicPage(
            "evaluatielink verlopen",
            reverse("coaching:evaluation", kwargs={"token": "verlopen"}),
            indexable=False,
            status=404,
        ),
        PublicPage(
            "uitnodiging verlopen",
            reverse("accounts:invitation_accept", kwargs={"token": "verlopen"}),
            indexable=False,
        ),
        PublicPage("pagina bestaat niet", "/bestaat-niet/", indexable=None, status=404),
        PublicPage("API-documentatie", "/api/v1/docs"),
    ]


def vnu_errors(documents: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """Run the Nu Html Checker once over `documents` (name → HTML); its errors per name.

    Needs Java and `npm install` (the vnu-jar package). Where either is missing on a
    developer's machine the test is skipped with the reason; with CI=true it fails.
    """
    java = shutil.which("java")
    missing = None
    if java is None:
        missing = "Java not found: install it (apt-get install default-jre-headless)"
    elif not VNU_JAR.exists():
        missing = "vnu-jar not installed: run `npm install` (make test does this)"
    if missing:
        if IN_CI:
            pytest.fail(f"{missing} (CI=true: the HTML check must run)")
        pytest.skip(missing)

    files: dict[str, str] = {}  # file name → document name
    for number, (name, html) in enumerate(documents.items()):
        path = folder / f"page-{number:02d}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
        + [str(folder / file_name) for file_name in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    assert result.returncode in {0, 1}, result.stderr or result.stdout
    report = json.loads(result.stderr)
    errors: dict[str, list[str]] = {}
    for message in report["messages"]:
        url = message.get("url", "?")
        name = files.get(url.rsplit("/", 1)[-1], url)
        where = f"line {message['lastLine']}: " if "lastLine" in message else ""
        errors.setdefault(name, []).append(f"{where}{message['message']}")
    assert bool(errors) == (result.returncode == 1), result.stderr
    return errors
