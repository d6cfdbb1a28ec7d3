"""`manage.py search_rebuild`: idempotent, same result as the signals, --dry-run writes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from baz.atlas.models import Entry, EntryStatus
from baz.atlas.tests.factories import EntryFactory
from baz.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def _snapshot() -> set[tuple]:
    return set(
        SearchDocument.objects.values_list(
            "content_type_id", "object_id", "kind", "title", "url", "body", "normalised_body"
        )
    )


def test_rebuild_gives_what_the_signals_gave_and_is_idempotent(publish_page):
    publish_page("Buurthuis", "Een buurthuis voor iedereen.")
    EntryFactory(name="Repaircafé")
    EntryFactory(name="Oud initiatief", status=EntryStatus.ARCHIVED, live=False)
    from_signals = _snapshot()

    out = StringIO()
    call_command("search_rebuild", stdout=out)
    assert _snapshot() == from_signals
    call_command("search_rebuild", stdout=StringIO())
    assert _snapshot() == from_signals
    assert "1 atlasfiche(s)" in out.getvalue()


def test_rebuild_picks_up_bulk_writes_and_drops_stale_rows(publish_page, search_urls):
    entry = EntryFactory(name="Repaircafé")
    # Bulk writes send no signals: the index is stale until a rebuild.
    Entry.objects.filter(pk=entry.pk).update(status=EntryStatus.ARCHIVED)
    Entry.objects.bulk_create(
        [
            Entry(
                kind=entry.kind,
                name="Fietsherstelplaats",
                slug="fietsherstelplaats",
                summary="Samen fietsen herstellen.",
                municipality=entry.municipality,
                latitude=51.0,
                longitude=3.7,
                status=EntryStatus.PUBLISHED,
            )
        ]
    )
    assert search_urls("repaircafe") != []
    assert search_urls("fiets") == []

    call_command("search_rebuild", stdout=StringIO())

    assert search_urls("repaircafe") == []
    assert len(search_urls("fiets")) == 1


def test_dry_run_writes_nothing(publish_page):
    publish_page("Buurthuis", "Tekst.")
    SearchDocument.objects.all().delete()

    out = StringIO()
    call_command("search_rebuild", "--dry-run", stdout=out)

    assert SearchDocument.objects.count() == 0
    assert "Zou indexeren" in out.getvalue()
