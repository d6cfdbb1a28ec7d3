"""`manage.py atlas_freshness`: reminders for entries not confirmed for 12 months."""

from __future__ import annotations

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command

from baz.atlas.models import Entry
from baz.atlas.selectors.reminders import entry_is_fresh
from baz.atlas.tests.factories_contribute import ContributeEntryFactory
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db

OLD = datetime.date(2020, 1, 1)


def _run(*args):
    out = StringIO()
    call_command("atlas_freshness", *args, stdout=out)
    return out.getvalue()


def test_a_stale_published_entry_gets_one_reminder_with_a_confirm_link(atlas_gemeente_a):
    entry = ContributeEntryFactory(
        municipality=atlas_gemeente_a,
        published=True,
        last_confirmed_at=OLD,
        submitter_email="eigenaar@example.org",
    )
    ContributeEntryFactory(municipality=atlas_gemeente_a, published=True)  # fresh
    ContributeEntryFactory(municipality=atlas_gemeente_a, last_confirmed_at=OLD)  # concept

    assert "Herinnerd: 1" in _run()
    message = OutboxMessage.objects.get()
    assert message.to == ["eigenaar@example.org"]
    assert "/inspireer-elkaar/klopt-nog/" in message.body_text
    assert not entry_is_fresh(entry)

    assert "Herinnerd: 0" in _run()
    assert OutboxMessage.objects.count() == 1


def test_after_the_interval_a_new_reminder_goes_out(atlas_gemeente_a, settings):
    ContributeEntryFactory(municipality=atlas_gemeente_a, published=True, last_confirmed_at=OLD)
    _run()
    settings.ATLAS_FRESHNESS_REMINDER_INTERVAL_DAYS = 0

    _run()

    assert OutboxMessage.objects.count() == 2


def test_a_dry_run_sends_nothing(atlas_gemeente_a):
    ContributeEntryFactory(municipality=atlas_gemeente_a, published=True, last_confirmed_at=OLD)

    assert "Zou herinneren: 1" in _run("--dry-run")
    assert not OutboxMessage.objects.exists()


def test_the_link_shows_a_button_and_only_the_button_confirms(client, atlas_gemeente_a):
    entry = ContributeEntryFactory(
        municipality=atlas_gemeente_a, published=True, last_confirmed_at=OLD
    )
    _run()
    url = re.search(
        r"(/inspireer-elkaar/klopt-nog/[^/\s]+/)", OutboxMessage.objects.get().body_text
    )
    assert url is not None

    assert client.get(url.group(1)).status_code == 200
    assert Entry.objects.get(pk=entry.pk).last_confirmed_at == OLD

    response = client.post(url.group(1))

    assert response.status_code == 200
    assert entry_is_fresh(Entry.objects.get(pk=entry.pk))
    assert client.post(url.group(1)).status_code == 410


def test_fresh_means_confirmed_within_calendar_months(settings):
    settings.ATLAS_FRESHNESS_MONTHS = 12
    today = datetime.date(2026, 11, 27)
    entry = Entry(last_confirmed_at=datetime.date(2025, 11, 27))

    assert entry_is_fresh(entry, today=today)
    entry.last_confirmed_at = datetime.date(2025, 11, 26)
    assert not entry_is_fresh(entry, today=today)
