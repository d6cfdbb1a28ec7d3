"""Demo partners: invented, example.org only, and loading twice adds nothing."""

import io

import pytest

from baz.contact.demo import load_demo_data
from baz.contact.models import ContactPerson, PartnerOrganisation

pytestmark = pytest.mark.django_db


def test_demo_partners_are_invented_and_loaded_once():
    first = load_demo_data(stdout=io.StringIO())
    second = load_demo_data(stdout=io.StringIO())

    assert "contactpersoon Elke Vermeulen" in first
    assert second == []
    assert PartnerOrganisation.objects.count() == 2
    assert all(p.email.endswith("@example.org") for p in ContactPerson.objects.all())
    assert ContactPerson.objects.filter(is_default=True).count() == 1
