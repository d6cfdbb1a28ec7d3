"""/partners/: organisations with their public contact persons, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from baz.atlas.models import Werkvorm
from baz.contact.tests.factories import ContactPersonFactory, PartnerOrganisationFactory

pytestmark = pytest.mark.django_db


def add_partner(n):
    organisation = PartnerOrganisationFactory(name=f"Partner {n} vzw")
    werkvorm, _ = Werkvorm.objects.get_or_create(name="Buddywerking", slug="buddywerking")
    organisation.werkvormen.add(werkvorm)
    ContactPersonFactory(name=f"Publiek {n}", organisation=organisation, topic_slugs=["pers"])
    ContactPersonFactory(name=f"Verborgen {n}", organisation=organisation, is_public=False)
    return organisation


def test_the_page_lists_organisations_and_only_their_public_contact_persons(client):
    add_partner(1)

    content = client.get("/partners/").content.decode()

    assert "Partner 1 vzw" in content
    assert "Publiek 1" in content
    assert "Buddywerking" in content
    assert "Verborgen 1" not in content


def test_the_number_of_queries_does_not_grow_with_the_partners(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # measure rendering, not the anonymous page cache
    add_partner(1)
    client.get("/partners/")  # warm up caches (site, navigation)
    with CaptureQueriesContext(connection) as few:
        client.get("/partners/")
    for n in range(2, 8):
        add_partner(n)
    client.get("/partners/")  # warm up again: the new partners made the shared fragments stale

    with CaptureQueriesContext(connection) as many:
        response = client.get("/partners/")

    assert response.status_code == 200
    assert len(many) == len(few)
    assert len(many) <= 10
