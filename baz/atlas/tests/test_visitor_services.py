"""Writes a visitor makes without an account: the relay and the correction request."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from baz.atlas.models import ContactRelay
from baz.atlas.tests.factories import EntryFactory
from baz.atlas.visitor_services import (
    RateLimited,
    contact_relay_create,
    correction_request_create,
    entry_relay_recipient,
)
from baz.core.ratelimit import client_key
from baz.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_the_owner_account_receives_relayed_messages_before_the_contact_address():
    owner = get_user_model().objects.create_user(email="eigenaar@example.org", password="x" * 16)
    entry = EntryFactory(owner=owner, contact_email="contact@example.org")

    assert entry_relay_recipient(entry) == "eigenaar@example.org"
    assert entry_relay_recipient(
        EntryFactory(contact_email="", submitter_email="s@example.org")
    ) == ("s@example.org")


def test_a_relay_is_stored_even_when_there_is_nobody_to_mail():
    entry = EntryFactory(contact_email="", submitter_email="")

    relay = contact_relay_create(
        entry=entry,
        sender_name="Piet",
        sender_email="piet@example.org",
        message="Hallo",
        key="k",
    )

    assert ContactRelay.objects.get() == relay
    assert relay.recipient_email == ""
    assert relay.queued_at is None
    assert not OutboxMessage.objects.exists()


def test_the_client_key_hides_the_ip_address():
    key = client_key("192.0.2.10")

    assert "192.0.2.10" not in key
    assert key == client_key("192.0.2.10")
    assert key != client_key("192.0.2.11")


def test_correction_requests_are_rate_limited_per_client():
    entry = EntryFactory()
    for _ in range(10):
        correction_request_create(entry=entry, message="Fout adres", reporter_email="", key="a")

    with pytest.raises(RateLimited):
        correction_request_create(entry=entry, message="Fout adres", reporter_email="", key="a")
    # Another client is not affected.
    correction_request_create(entry=entry, message="Fout adres", reporter_email="", key="b")
