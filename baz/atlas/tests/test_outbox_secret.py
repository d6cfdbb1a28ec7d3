"""Atlas mail whose link is a key (proposal confirmation, freshness) is secret in the outbox."""

import datetime

import pytest

from baz.atlas.services.freshness import freshness_reminder_send
from baz.atlas.services.proposals import entry_propose
from baz.atlas.tests.factories_contribute import ContributeEntryFactory
from baz.mail.models import OutboxMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("atlas_fast_hashing")]


def test_the_confirmation_link_of_a_proposal_is_a_secret_message(atlas_gemeente_a):
    entry_propose(
        kind="burgerinitiatief",
        data={"name": "Soep in Gent", "summary": "Samen.", "municipality": atlas_gemeente_a},
        submitter_email="an@example.org",
    )

    assert OutboxMessage.objects.get().secret


def test_the_freshness_link_is_a_secret_message(atlas_gemeente_a):
    entry = ContributeEntryFactory(
        municipality=atlas_gemeente_a,
        published=True,
        last_confirmed_at=datetime.date(2020, 1, 1),
        submitter_email="eigenaar@example.org",
    )

    freshness_reminder_send(entry=entry)

    assert OutboxMessage.objects.get().secret
