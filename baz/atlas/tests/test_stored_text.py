"""The cleaned description stored by `Entry.save()` and read by the API instead of cleaning."""

import pytest
from django.core.cache import cache

from baz.atlas.models import Entry
from baz.atlas.richtext import rich_text_clean, rich_text_public, rich_text_stored
from baz.atlas.tests.factories import EntryFactory
from baz.core.models import Municipality

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

HOSTILE = '<p>Hallo <b>buren</b></p><script>alert(1)</script><a href="javascript:x()">klik</a>'


@pytest.fixture
def gent():
    return Municipality.objects.get(refnis="44021")


def _api_row(client):
    cache.clear()
    return client.get("/api/v1/initiatives").json()["results"][0]


def test_save_stores_the_cleaned_description_and_the_api_shows_it(client, gent):
    entry = EntryFactory(municipality=gent, description=HOSTILE)

    stored = Entry.objects.values_list("description_html", flat=True).get(pk=entry.pk)
    assert stored == rich_text_clean(HOSTILE)
    assert "<script" not in stored
    assert "javascript:" not in stored
    assert _api_row(client)["description_html"] == stored


def test_saving_only_the_description_keeps_the_stored_copy_in_step(client, gent):
    entry = EntryFactory(municipality=gent, description="<p>Oud</p>")
    entry.description = "<p>Nieuw <i>en beter</i></p>"
    entry.save(update_fields=["description"])

    assert _api_row(client)["description_html"] == "<p>Nieuw <i>en beter</i></p>"


def test_rows_written_without_save_are_cleaned_when_read(client, gent):
    entry = EntryFactory(municipality=gent, description="<p>Oud</p>")
    # A bulk write that skips save(): the stored copy is NULL, the API cleans the text itself.
    Entry.objects.filter(pk=entry.pk).update(description=HOSTILE, description_html=None)

    assert _api_row(client)["description_html"] == rich_text_clean(HOSTILE)


def test_internal_links_are_not_stored_but_resolved_when_read():
    html = '<p>Zie <a linktype="page" id="1">deze pagina</a></p>'

    assert rich_text_stored(html) is None
    assert rich_text_public(html, None) == rich_text_clean(html)
    assert rich_text_stored("") == ""
