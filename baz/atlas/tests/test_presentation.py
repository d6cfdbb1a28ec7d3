"""What the public sees of an entry: safe links, safe rich text, consent, JSON-LD."""

import json

import pytest
from django.test import RequestFactory

from baz.atlas.models import EntryKind
from baz.atlas.presentation import entry_json_ld, public_url
from baz.atlas.richtext import description_after_summary, rich_text_clean
from baz.atlas.tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/", "https://example.org/"),
        ("http://example.org/", "http://example.org/"),
        ("javascript:alert(1)", None),
        ("data:text/html,x", None),
        ("", None),
        (None, None),
    ],
)
def test_only_web_addresses_become_links(value, expected):
    assert public_url(value) == expected


def test_rich_text_keeps_formatting_and_drops_scripts():
    html = rich_text_clean(
        "<p>Hallo <b>buren</b></p><script>alert(1)</script>"
        '<a href="javascript:alert(1)" onclick="x()">klik</a>'
    )

    assert "<b>buren</b>" in html
    assert "<script" not in html
    assert "onclick" not in html
    assert "javascript:" not in html


def test_json_ld_names_the_area_served_and_cannot_close_its_script_tag():
    entry = EntryFactory(name="</script><script>alert(1)</script>", kind=EntryKind.ORGANISATION)
    request = RequestFactory().get("/")

    text = str(entry_json_ld(entry, request))
    data = json.loads(text)

    assert "</script>" not in text
    assert data["@type"] == "NGO"
    assert data["areaServed"][0]["name"] == entry.municipality.name_nl
    assert "email" not in data  # no consent to show it


def test_json_ld_of_a_local_government_is_an_organization():
    entry = EntryFactory(kind=EntryKind.LOCAL_GOVERNMENT, show_contact_email=True)

    data = json.loads(str(entry_json_ld(entry, RequestFactory().get("/"))))

    assert data["@type"] == "Organization"
    assert data["email"] == entry.contact_email


SUMMARY = "Buren helpen elkaar met boodschappen en een babbel."


@pytest.mark.parametrize(
    "first",
    [
        "<p>Buren helpen elkaar met boodschappen en een babbel.</p>",
        "<p>  buren helpen elkaar\n met <b>boodschappen</b> en een babbel </p>",
        "<p>Buren helpen elkaar met boodschappen en een babbel!</p>",
        '<p class="intro">Buren helpen elkaar met boodschappen en een&nbsp;babbel.</p>',
    ],
)
def test_a_first_paragraph_that_repeats_the_summary_is_left_out(first):
    html, show_summary = description_after_summary(first + "<p>Elke vrijdag.</p>", SUMMARY)

    assert html == "<p>Elke vrijdag.</p>"
    assert show_summary


def test_a_description_that_goes_on_after_the_summary_replaces_it():
    html = "<p>Buren helpen elkaar met boodschappen en een babbel. Elke vrijdag.</p>"

    assert description_after_summary(html, SUMMARY) == (html, False)


@pytest.mark.parametrize(
    "html",
    [
        "<p>Elke vrijdag doen we boodschappen voor wie niet buiten kan.</p>",
        "<p>Buren helpen elkaar met boodschappen en een babbeltje.</p>",
        "<ul><li>Buren helpen elkaar met boodschappen en een babbel.</li></ul>",
        "",
    ],
)
def test_a_different_description_is_kept_whole_beside_the_summary(html):
    assert description_after_summary(html, SUMMARY) == (html, True)
