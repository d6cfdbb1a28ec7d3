"""/mijn/fiches/nieuw/ and `entry_add`: who adds where, published at once or moderated; the
public proposal form for a logged-in person; descriptions as plain text in the forms."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from baz.accounts.models import Membership
from baz.atlas.forms import ProposeForm
from baz.atlas.models import Entry, EntryEvent, EntryEventKind, EntryStatus
from baz.atlas.richtext import description_html_to_text, description_text_to_html
from baz.atlas.services.common import description_sanitise
from baz.atlas.services.editing import entry_add
from baz.atlas.tests.factories_contribute import ContributeEntryFactory
from baz.mail.models import OutboxMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("atlas_fast_hashing")]

URL = "/mijn/fiches/nieuw/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _data(municipality, **overrides):
    data = {
        "kind": "burgerinitiatief",
        "name": "Soep op zondag",
        "summary": "Buren koken samen soep.",
        "description": "Iedereen is welkom.\n\n- soep\n- brood",
        "municipality": municipality.pk,
    }
    data.update(overrides)
    return data


# --- The service -----------------------------------------------------------------------------


def test_a_municipality_user_adds_an_entry_that_is_online_at_once(atlas_gemeente_a, atlas_member_a):
    entry = entry_add(
        kind="burgerinitiatief",
        data={"name": "Soep", "summary": "Samen soep.", "municipality": atlas_gemeente_a},
        user=atlas_member_a,
    )

    row = Entry.objects.get(pk=entry.pk)
    assert (row.status, row.live, row.owner) == (EntryStatus.PUBLISHED, True, atlas_member_a)
    assert EntryEvent.objects.filter(entry=row, kind=EntryEventKind.PUBLISHED).exists()


def test_an_initiatiefnemer_adds_an_entry_that_waits_for_the_redactie(
    atlas_gemeente_a, atlas_owner
):
    entry = entry_add(
        kind="burgerinitiatief",
        data={"name": "Soep", "summary": "Samen soep.", "municipality": atlas_gemeente_a},
        user=atlas_owner,
    )

    row = Entry.objects.get(pk=entry.pk)
    assert (row.status, row.live, row.owner) == (EntryStatus.SUBMITTED, False, atlas_owner)
    assert row.submitter_email == atlas_owner.email
    assert EntryEvent.objects.filter(entry=row, kind=EntryEventKind.SUBMITTED).exists()
    assert not OutboxMessage.objects.exists()  # no mail to confirm: the account is known


def test_a_municipality_user_adding_elsewhere_waits_for_the_redactie(
    atlas_gemeente_b, atlas_member_a
):
    entry = entry_add(
        kind="burgerinitiatief",
        data={"name": "Soep", "summary": "Samen soep.", "municipality": atlas_gemeente_b},
        user=atlas_member_a,
    )

    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.SUBMITTED


def test_an_anonymous_visitor_cannot_add(atlas_gemeente_a):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        entry_add(
            kind="burgerinitiatief",
            data={"name": "Soep", "summary": "Samen soep.", "municipality": atlas_gemeente_a},
            user=AnonymousUser(),  # type: ignore[arg-type]
        )
    assert not Entry.objects.exists()


def test_nobody_adds_a_local_government_profile_this_way(atlas_gemeente_a, atlas_member_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        entry_add(
            kind="lokaal-bestuur",
            data={"name": "Gent", "summary": "Profiel.", "municipality": atlas_gemeente_a},
            user=atlas_member_a,
        )


# --- The page --------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_login(client, atlas_gemeente_a):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/aanmelden/" in response["Location"]

    response = client.post(URL, _data(atlas_gemeente_a))
    assert response.status_code == 302
    assert not Entry.objects.exists()


def test_the_only_municipality_of_a_user_is_chosen_already(
    client, atlas_gemeente_a, atlas_member_a
):
    client.force_login(atlas_member_a)

    response = client.get(URL)

    assert response.status_code == 200
    assert f'<option value="{atlas_gemeente_a.pk}" selected>' in response.text
    assert "Leuven" not in response.text


def test_a_user_with_several_municipalities_chooses_one_of_them(
    client, atlas_gemeente_a, atlas_gemeente_b, atlas_member_a
):
    from baz.accounts.tests.factories import MunicipalityFactory

    MunicipalityFactory(name_nl="Brugge", latitude=51.2, longitude=3.2)
    Membership.objects.create(user=atlas_member_a, municipality=atlas_gemeente_b, role="medewerker")
    client.force_login(atlas_member_a)

    page = client.get(URL).text

    assert f'<option value="{atlas_gemeente_a.pk}">' in page
    assert f'<option value="{atlas_gemeente_b.pk}">' in page
    assert "Brugge" not in page
    assert "selected>Gent" not in page


def test_a_user_of_another_municipality_cannot_add_there(client, atlas_gemeente_a, atlas_member_b):
    client.force_login(atlas_member_b)

    response = client.post(URL, _data(atlas_gemeente_a))

    assert response.status_code == 400
    assert not Entry.objects.exists()


def test_a_municipality_user_adds_and_the_entry_is_online(client, atlas_gemeente_a, atlas_member_a):
    client.force_login(atlas_member_a)

    response = client.post(URL, _data(atlas_gemeente_a), follow=True)

    entry = Entry.objects.get()
    assert response.redirect_chain[-1][0] == f"/mijn/fiches/{entry.pk}/"
    assert "Je fiche staat online." in response.text
    assert (entry.status, entry.live) == (EntryStatus.PUBLISHED, True)
    assert entry.description == "<p>Iedereen is welkom.</p><ul><li>soep</li><li>brood</li></ul>"
    # The edit form shows it as the person typed it, never as tag codes.
    assert "&lt;p&gt;" not in response.text
    assert "Iedereen is welkom.\n\n- soep\n- brood</textarea>" in response.text


def test_an_initiatiefnemer_adds_and_the_redactie_reviews(client, atlas_gemeente_a, atlas_owner):
    client.force_login(atlas_owner)

    response = client.post(URL, _data(atlas_gemeente_a), follow=True)

    entry = Entry.objects.get()
    assert entry.status == EntryStatus.SUBMITTED
    assert "De redactie bekijkt ze" in response.text


def test_the_dashboard_panel_links_to_a_new_entry(client, atlas_member_a):
    client.force_login(atlas_member_a)

    assert 'href="/mijn/fiches/nieuw/"' in client.get("/mijn/").text


# --- The public form for a logged-in person ----------------------------------------------------


def _proposal(municipality, **overrides):
    data = {
        "kind": "burgerinitiatief",
        "name": "Soep op zondag",
        "summary": "Buren koken samen soep.",
        "description": "Iedereen is welkom.",
        "municipality": municipality.pk,
        "homepage": "",
        "started": ProposeForm.human_check_token(now=time.time() - 60),
    }
    data.update(overrides)
    return data


def test_a_logged_in_person_is_not_asked_to_confirm_their_address(
    client, atlas_gemeente_a, atlas_owner
):
    client.force_login(atlas_owner)
    page = client.get("/inspireer-elkaar/voorstellen/").text
    assert 'name="submitter_email"' not in page

    response = client.post(
        "/inspireer-elkaar/voorstellen/", _proposal(atlas_gemeente_a), follow=True
    )

    entry = Entry.objects.get()
    assert (entry.status, entry.owner) == (EntryStatus.SUBMITTED, atlas_owner)
    assert "Je voorstel is ingediend" in response.text
    assert "Kijk in je mailbox" not in response.text
    assert not OutboxMessage.objects.exists()


def test_the_public_form_never_publishes_directly(client, atlas_gemeente_a, atlas_member_a):
    client.force_login(atlas_member_a)

    client.post("/inspireer-elkaar/voorstellen/", _proposal(atlas_gemeente_a))

    assert Entry.objects.get().status == EntryStatus.SUBMITTED


# --- Descriptions as plain text --------------------------------------------------------------


def test_plain_text_becomes_paragraphs_lists_and_links_and_back():
    text = "Eerste regel\ntweede regel\n\n- een\n- twee\n\n1. eerst\n2. dan\n\nZie https://x.be"

    html = description_sanitise(description_text_to_html(text))

    assert html.startswith("<p>Eerste regel<br>tweede regel</p><ul><li>een</li>")
    assert "<ol><li>eerst</li><li>dan</li></ol>" in html
    assert '<a href="https://x.be" rel="noopener noreferrer nofollow">' in html
    assert description_html_to_text(html) == text


def test_what_looks_like_a_tag_but_is_not_one_stays_text():
    html = description_sanitise(description_text_to_html("a < b & <3"))

    assert html == "<p>a &lt; b &amp; &lt;3</p>"


def test_an_unchanged_description_keeps_the_formatting_of_the_admin(
    client, atlas_gemeente_a, atlas_member_a
):
    entry = ContributeEntryFactory(
        municipality=atlas_gemeente_a, description="<p>Een <strong>vette</strong> zin</p>"
    )
    client.force_login(atlas_member_a)
    page = client.get(f"/mijn/fiches/{entry.pk}/").text
    assert "Een vette zin</textarea>" in page

    client.post(
        f"/mijn/fiches/{entry.pk}/",
        {
            "version": entry.version,
            "name": "Nieuwe naam",
            "summary": entry.summary,
            "description": "Een vette zin",
            "municipality": atlas_gemeente_a.pk,
        },
    )

    row = Entry.objects.get(pk=entry.pk)
    assert row.name == "Nieuwe naam"
    assert row.description == "<p>Een <strong>vette</strong> zin</p>"


def test_an_account_cannot_fill_the_moderation_queue(
    client, atlas_gemeente_a, atlas_owner, settings
):
    settings.ATLAS_PROPOSE_RATE_LIMIT = 1
    client.force_login(atlas_owner)
    assert client.post(URL, _data(atlas_gemeente_a)).status_code == 302

    response = client.post(URL, _data(atlas_gemeente_a, name="Nog een"))

    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.text
    assert 'value="Nog een"' in response.text
    assert Entry.objects.count() == 1


def test_publishing_for_ones_own_municipality_has_no_limit(
    client, atlas_gemeente_a, atlas_member_a, settings
):
    settings.ATLAS_PROPOSE_RATE_LIMIT = 1
    client.force_login(atlas_member_a)

    for name in ("Een", "Twee", "Drie"):
        assert client.post(URL, _data(atlas_gemeente_a, name=name)).status_code == 302
    assert Entry.objects.filter(status=EntryStatus.PUBLISHED).count() == 3
