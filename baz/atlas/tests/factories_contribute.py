"""factory_boy factories for the atlas write-side tests (the read side has `factories.py`)."""

from __future__ import annotations

import factory
from django.utils.text import slugify

from baz.accounts.tests.factories import MunicipalityFactory
from baz.atlas.models import Entry, EntryKind, EntryStatus


class ContributeEntryFactory(factory.django.DjangoModelFactory):
    """An entry as the services leave it; `published=True` makes it live and gepubliceerd."""

    class Meta:
        model = Entry
        skip_postgeneration_save = True

    kind = EntryKind.INITIATIVE
    name = factory.Sequence(lambda n: f"Buurtsoep {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    summary = "Elke week koken buren samen soep voor wie alleen is."
    municipality = factory.SubFactory(MunicipalityFactory, latitude=51.05, longitude=3.72)
    latitude = 51.05
    longitude = 3.72
    status = EntryStatus.DRAFT
    live = False
    submitter_email = factory.Sequence(lambda n: f"indiener{n}@example.org")

    class Params:
        published = factory.Trait(status=EntryStatus.PUBLISHED, live=True)
        submitted = factory.Trait(status=EntryStatus.SUBMITTED, live=False)
