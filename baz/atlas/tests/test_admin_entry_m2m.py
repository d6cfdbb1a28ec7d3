"""Themes, werkvormen, target groups and served municipalities chosen in the admin are kept.

Wagtail saves an edit of a live entry as a revision and publishes from that revision; plain
many-to-many fields are not in a revision, so these choices were lost without a word. Each test
posts the admin's own edit form as a browser would send it.
"""

from __future__ import annotations

import json
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.utils import timezone

from baz.atlas.models import Entry
from baz.atlas.tests.factories import EntryFactory, ThemeFactory, WerkvormFactory

pytestmark = pytest.mark.django_db


class _EditorForm(HTMLParser):
    """The fields a browser sends for Wagtail's editor form (id w-editor-form)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self._inside = False
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._inside = a.get("id") == "w-editor-form"
        if not self._inside:
            return
        name = a.get("name", "")
        if tag == "input" and name and "__prefix__" not in name:
            if a.get("type") in ("submit", "button", "file"):
                return
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value") or "on"))
                return
            self.fields.append((name, a.get("value", "")))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea" and "__prefix__" not in name:
            self._textarea, self._text = name, ""
        elif "data-autocomplete-input-name" in a:
            # The type-ahead chooser writes its hidden input with JavaScript, from this value.
            self.fields.append(
                (a["data-autocomplete-input-name"], a.get("data-autocomplete-input-value", ""))
            )

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text += data


def _form(client, entry: Entry) -> dict[str, list[str]]:
    response = client.get(f"/beheer/snippets/atlas/entry/edit/{entry.pk}/")
    assert response.status_code == 200
    parser = _EditorForm()
    parser.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data


def _post(client, entry: Entry, data: dict[str, list[str]], action: str | None = None):
    if action:
        data = {**data, action: [action]}
    response = client.post(f"/beheer/snippets/atlas/entry/edit/{entry.pk}/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return response


def _ids(manager) -> set[int]:
    return set(manager.values_list("pk", flat=True))


@pytest.fixture
def setting(atlas_gemeente_a, client, login_verified, atlas_redactie):
    from baz.accounts.tests.factories import MunicipalityFactory

    zorg, buren, cultuur = ThemeFactory(), ThemeFactory(), ThemeFactory()
    wandelen = WerkvormFactory()
    melle = MunicipalityFactory(refnis="44088", name_nl="Melle", slug="melle")
    entry = EntryFactory(municipality=atlas_gemeente_a, themes=[zorg])
    login_verified(client, atlas_redactie)
    return {
        "entry": entry,
        "zorg": zorg,
        "buren": buren,
        "cultuur": cultuur,
        "wandelen": wandelen,
        "melle": melle,
    }


def _choose(data, s) -> dict[str, list[str]]:
    return {
        **data,
        "themes": [str(s["buren"].pk), str(s["cultuur"].pk)],
        "werkvormen": [str(s["wandelen"].pk)],
        "served_municipalities": [json.dumps([{"pk": s["melle"].pk}])],
    }


def test_publishing_a_live_entry_keeps_the_choices_made_in_the_admin(client, setting):
    s = setting
    entry = s["entry"]

    _post(client, entry, _choose(_form(client, entry), s), "action-publish")

    entry.refresh_from_db()
    assert entry.live
    assert _ids(entry.themes) == {s["buren"].pk, s["cultuur"].pk}
    assert _ids(entry.werkvormen) == {s["wandelen"].pk}
    assert _ids(entry.served_municipalities) == {s["melle"].pk}


def test_a_draft_keeps_its_choices_apart_from_the_live_entry_until_published(client, setting):
    s = setting
    entry = s["entry"]

    _post(client, entry, _choose(_form(client, entry), s))  # "Opslaan": a draft

    entry.refresh_from_db()
    assert _ids(entry.themes) == {s["zorg"].pk}, "the live entry is unchanged"
    assert _ids(entry.served_municipalities) == set()
    reopened = _form(client, entry)
    assert set(reopened["themes"]) == {str(s["buren"].pk), str(s["cultuur"].pk)}
    assert f'"pk": {s["melle"].pk}' in reopened["served_municipalities"][0]

    # Saving the draft again as it is shown does not undo its choices; publishing applies them.
    _post(client, entry, reopened, "action-publish")

    entry.refresh_from_db()
    assert _ids(entry.themes) == {s["buren"].pk, s["cultuur"].pk}
    assert _ids(entry.served_municipalities) == {s["melle"].pk}


def test_a_scheduled_publication_applies_the_choices_when_it_goes_live(client, setting):
    s = setting
    entry = s["entry"]
    data = _choose(_form(client, entry), s)
    _post(client, entry, data)
    revision = Entry.objects.get(pk=entry.pk).get_latest_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])

    call_command("publish_scheduled", verbosity=0)

    entry.refresh_from_db()
    assert _ids(entry.themes) == {s["buren"].pk, s["cultuur"].pk}


def test_an_entry_that_is_not_live_saves_its_choices_at_once(client, setting):
    s = setting
    entry = s["entry"]
    Entry.objects.filter(pk=entry.pk).update(live=False, status="concept")

    _post(client, entry, _choose(_form(client, entry), s))

    entry.refresh_from_db()
    assert _ids(entry.themes) == {s["buren"].pk, s["cultuur"].pk}
