"""Redactie follows the outbox, as the README promises; secret bodies stay hidden."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from baz.mail.models import OutboxMessage
from baz.mail.tests.factories import OutboxMessageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def redactie_client(client, login_verified):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Redactie"))
    login_verified(client, user)
    return client


def test_redactie_sees_the_outbox_in_the_menu_and_the_list(redactie_client):
    OutboxMessageFactory(subject="Welkom op het platform")

    dashboard = redactie_client.get("/beheer/").content.decode()
    listing = redactie_client.get(reverse("outbox:index"))

    assert reverse("outbox:index") in dashboard
    assert listing.status_code == 200
    assert "Welkom op het platform" in listing.content.decode()


def test_redactie_reads_a_plain_message_but_not_one_with_a_secret_link(redactie_client):
    plain = OutboxMessageFactory(body_text="Je fiche staat online.")
    secret = OutboxMessageFactory(body_text="Kies je wachtwoord: https://x/sleutel", secret=True)

    plain_page = redactie_client.get(reverse("outbox:inspect", args=[plain.pk])).content.decode()
    secret_page = redactie_client.get(reverse("outbox:inspect", args=[secret.pk])).content.decode()

    assert "Je fiche staat online." in plain_page
    assert "sleutel" not in secret_page
    assert "Verborgen" in secret_page


def test_a_member_of_a_municipality_does_not_see_the_outbox(client, login_verified):
    login_verified(client, UserFactory())

    response = client.get(reverse("outbox:index"))

    assert response.status_code in {302, 403}


def test_the_outbox_shows_dutch_dates_in_brussels_time(redactie_client):
    # 16:33 UTC on 3 December is 17:33 in Brussels (winter time).
    queued = datetime(2026, 12, 3, 16, 33, tzinfo=UTC)
    message = OutboxMessageFactory(subject="Uitnodiging")
    OutboxMessage.objects.filter(pk=message.pk).update(created_at=queued, next_attempt_at=queued)

    listing = redactie_client.get(reverse("outbox:index")).content.decode()
    detail = redactie_client.get(reverse("outbox:inspect", args=[message.pk])).content.decode()

    assert "3 december 2026 17:33" in listing
    assert "3 december 2026 17:33" in detail
    assert "16:33" not in detail
    for english in ("Dec.", "December", "a.m.", "p.m."):
        assert english not in listing
        assert english not in detail
