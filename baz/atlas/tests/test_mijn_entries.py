"""/mijn/fiches/: who sees and edits which entry, and the version check on save."""

from __future__ import annotations

import re

import pytest

from baz.atlas.models import Entry, EntryKind, EntryStatus
from baz.atlas.selectors.reminders import entry_is_fresh
from baz.atlas.services.editing import entry_update
from baz.atlas.tests.factories_contribute import ContributeEntryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("atlas_fast_hashing")]


def _form(entry, **overrides):
    data = {
        "version": entry.version,
        "name": entry.name,
        "summary": entry.summary,
        "description": "",
        "municipality": entry.municipality_id,
    }
    data.update(overrides)
    return data


def test_an_anonymous_visitor_is_sent_to_login(client, atlas_gemeente_a):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a)

    response = client.get(f"/mijn/fiches/{entry.pk}/")

    assert response.status_code == 302
    assert "/aanmelden/" in response["Location"]


def test_a_user_of_another_municipality_gets_403(client, atlas_gemeente_a, atlas_member_b):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a)
    client.force_login(atlas_member_b)

    assert client.get(f"/mijn/fiches/{entry.pk}/").status_code == 403
    assert client.post(f"/mijn/fiches/{entry.pk}/", _form(entry)).status_code == 403
    assert client.post(f"/mijn/fiches/{entry.pk}/publiceren/").status_code == 403


def test_a_user_of_the_municipality_sees_and_edits_its_entry(
    client, atlas_gemeente_a, atlas_member_a
):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a, published=True)
    client.force_login(atlas_member_a)

    assert client.get(f"/mijn/fiches/{entry.pk}/").status_code == 200
    assert entry.name in client.get("/mijn/fiches/").text
    assert "Jouw fiches" in client.get("/mijn/").text
    assert entry.name in client.get("/mijn/fiches/paneel/").text

    response = client.post(f"/mijn/fiches/{entry.pk}/", _form(entry, name="Soep voor Gent"))

    assert response.status_code == 302
    row = Entry.objects.get(pk=entry.pk)
    assert (row.name, row.live) == ("Soep voor Gent", True)


def test_a_municipality_user_publishes_a_concept_directly(client, atlas_gemeente_a, atlas_member_a):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a)
    client.force_login(atlas_member_a)

    client.post(f"/mijn/fiches/{entry.pk}/publiceren/")

    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.PUBLISHED


def test_an_owner_edit_of_a_published_entry_waits_for_the_redactie(
    client, atlas_gemeente_a, atlas_owner
):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a, owner=atlas_owner, published=True)
    client.force_login(atlas_owner)

    response = client.post(
        f"/mijn/fiches/{entry.pk}/", _form(entry, name="Nieuwe naam"), follow=True
    )

    assert "De redactie bekijkt ze" in response.text
    assert Entry.objects.get(pk=entry.pk).name == entry.name
    assert 'value="Nieuwe naam"' in response.text


def test_a_save_after_someone_else_saved_says_so_and_keeps_the_input(
    client, atlas_gemeente_a, atlas_member_a, atlas_owner
):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a, owner=atlas_owner)
    entry_update(
        entry=entry,
        data={"name": "Eerst bewaard"},
        expected_version=entry.version,
        user=atlas_member_a,
    )
    client.force_login(atlas_owner)

    response = client.post(f"/mijn/fiches/{entry.pk}/", _form(entry, name="Mijn versie"))

    assert response.status_code == 409
    assert "Iemand anders was je voor" in response.text
    assert 'value="Mijn versie"' in response.text
    assert Entry.objects.get(pk=entry.pk).name == "Eerst bewaard"


def test_xss_typed_in_text_fields_is_escaped_and_the_description_sanitised(
    client, atlas_gemeente_a, atlas_member_a
):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a)
    client.force_login(atlas_member_a)

    client.post(
        f"/mijn/fiches/{entry.pk}/",
        _form(
            entry,
            name="<script>alert(1)</script>",
            description='<img src=x onerror="alert(1)"><p>Goed</p>',
        ),
    )
    row = Entry.objects.get(pk=entry.pk)
    assert "<img" not in row.description
    assert row.description == "<p>Goed</p>"

    page = client.get(f"/mijn/fiches/{entry.pk}/").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_local_government_profile_shows_and_saves_the_support_offer_checklist(
    client, atlas_gemeente_a, atlas_member_a
):
    entry = ContributeEntryFactory(
        municipality=atlas_gemeente_a, kind=EntryKind.LOCAL_GOVERNMENT, name="Stad Gent"
    )
    client.force_login(atlas_member_a)
    assert "Ondersteuningsaanbod" in client.get(f"/mijn/fiches/{entry.pk}/").text

    client.post(
        f"/mijn/fiches/{entry.pk}/",
        _form(entry, offer_ruimte="on", offer_ruimte_text="Zaal in het buurthuis"),
    )

    offers = Entry.objects.get(pk=entry.pk).get_latest_revision_as_object().support_offers.all()
    assert [(o.item, o.text) for o in offers] == [("ruimte", "Zaal in het buurthuis")]


def test_the_owner_confirms_the_entry_is_still_fresh(client, atlas_gemeente_a, atlas_owner):
    import datetime

    entry = ContributeEntryFactory(
        municipality=atlas_gemeente_a,
        owner=atlas_owner,
        last_confirmed_at=datetime.date(2020, 1, 1),
    )
    client.force_login(atlas_owner)
    assert "niet recent bevestigd" in client.get(f"/mijn/fiches/{entry.pk}/").text

    client.post(f"/mijn/fiches/{entry.pk}/klopt-nog/")

    assert entry_is_fresh(Entry.objects.get(pk=entry.pk))


def test_a_municipality_user_opens_the_profile_of_their_municipality_once(
    client, atlas_gemeente_a, atlas_member_a
):
    client.force_login(atlas_member_a)
    assert "Bewerk het profiel van Gent" in client.get("/mijn/fiches/").text

    first = client.post("/mijn/fiches/profiel/44021/")
    second = client.post("/mijn/fiches/profiel/44021/")

    profile = Entry.objects.get(kind=EntryKind.LOCAL_GOVERNMENT)
    assert first["Location"] == second["Location"] == f"/mijn/fiches/{profile.pk}/"
    assert profile.status == EntryStatus.DRAFT


def test_a_user_of_another_municipality_cannot_make_its_profile(
    client, atlas_gemeente_a, atlas_member_b
):
    client.force_login(atlas_member_b)

    assert client.post("/mijn/fiches/profiel/44021/").status_code == 403
    assert not Entry.objects.exists()


def test_the_edit_form_shows_the_pending_themes_not_the_live_ones(
    client, atlas_gemeente_a, atlas_owner
):
    from baz.atlas.models import Theme

    live_theme, pending_theme = Theme.objects.order_by("pk")[:2]
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a, owner=atlas_owner, published=True)
    entry.themes.set([live_theme])
    entry_update(
        entry=entry,
        data={"themes": [pending_theme]},
        expected_version=entry.version,
        user=atlas_owner,
    )
    client.force_login(atlas_owner)

    html = client.get(f"/mijn/fiches/{entry.pk}/").text

    checked = set(re.findall(r'name="themes" value="(\d+)"[^>]*checked', html))
    assert checked == {str(pending_theme.pk)}
    assert list(Entry.objects.get(pk=entry.pk).themes.all()) == [live_theme]  # still live


def test_the_description_accepts_a_small_safe_subset_and_shows_a_clean_preview(
    client, atlas_gemeente_a, atlas_member_a
):
    entry = ContributeEntryFactory(municipality=atlas_gemeente_a, published=True)
    client.force_login(atlas_member_a)
    typed = (
        "<p>Wij <strong>koken</strong> <em>samen</em>.</p><ul><li>maandag</li></ul>"
        '<a href="https://example.org" onclick="x()">site</a><script>alert(1)</script>'
        '<a href="javascript:alert(1)">kwaad</a><img src=x onerror=alert(1)>'
    )

    client.post(f"/mijn/fiches/{entry.pk}/", _form(entry, description=typed))

    stored = Entry.objects.get(pk=entry.pk).description
    for kept in ("<strong>koken</strong>", "<em>samen</em>", "<li>maandag</li>"):
        assert kept in stored
    for removed in ("<script", "onclick", "javascript:", "<img", "onerror"):
        assert removed not in stored
    page = client.get(f"/mijn/fiches/{entry.pk}/")
    assert "Zo ziet je bewaarde beschrijving eruit" in page.text
    assert "<strong>koken</strong>" in page.text
    # Neither the help text nor the textarea shows tag codes: the text is what people read.
    assert "&lt;strong&gt;" not in page.text
    assert "Wij koken samen.\n\n- maandag" in page.text
    assert "<script>alert(1)" not in page.text
