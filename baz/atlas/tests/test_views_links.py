"""The public atlas pages lead into the write side: propose, and edit for those allowed."""

import pytest
from django.contrib.auth import get_user_model

from baz.atlas.tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def test_the_atlas_page_invites_visitors_to_propose_an_initiative(client):
    html = client.get("/inspireer-elkaar/").content.decode()

    assert 'href="/inspireer-elkaar/voorstellen/"' in html
    assert "Stel een initiatief voor" in html


def test_only_someone_who_may_edit_sees_the_edit_link(client):
    owner = get_user_model().objects.create_user(email="eigenaar@example.org", password="x" * 16)
    stranger = get_user_model().objects.create_user(email="ander@example.org", password="x" * 16)
    entry = EntryFactory(owner=owner)
    edit_url = f'href="/mijn/fiches/{entry.pk}/"'

    assert edit_url not in client.get(entry.get_absolute_url()).content.decode()
    client.force_login(stranger)
    assert edit_url not in client.get(entry.get_absolute_url()).content.decode()
    client.force_login(owner)
    assert edit_url in client.get(entry.get_absolute_url()).content.decode()
