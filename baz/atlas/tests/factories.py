"""factory_boy factories for atlas entries. Invented people, example.org addresses only."""

import factory
from django.utils import timezone
from django.utils.text import slugify

from baz.atlas.models import (
    Entry,
    EntryKind,
    EntryStatus,
    SupportOffer,
    SupportOfferItem,
    TargetGroup,
    Theme,
    Werkvorm,
)
from baz.core.tests.factories import MunicipalityFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testthema {n}")
    slug = factory.LazyAttribute(lambda t: slugify(t.name))


class WerkvormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Werkvorm
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testwerkvorm {n}")
    slug = factory.LazyAttribute(lambda t: slugify(t.name))


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testdoelgroep {n}")
    slug = factory.LazyAttribute(lambda t: slugify(t.name))


class EntryFactory(factory.django.DjangoModelFactory):
    """A published citizen initiative at its municipality's position."""

    class Meta:
        model = Entry
        skip_postgeneration_save = True

    kind = EntryKind.INITIATIVE
    name = factory.Sequence(lambda n: f"Buurtinitiatief {n}")
    slug = factory.LazyAttribute(lambda e: slugify(e.name))
    summary = "Buren helpen elkaar met boodschappen en een babbel."
    municipality = factory.SubFactory(MunicipalityFactory)
    latitude = factory.LazyAttribute(lambda e: e.municipality.latitude or 51.0)
    longitude = factory.LazyAttribute(lambda e: e.municipality.longitude or 3.7)
    status = EntryStatus.PUBLISHED
    live = True
    published_at = factory.LazyFunction(timezone.now)
    contact_name = "An Voorbeeld"
    contact_phone = "09 123 45 67"
    contact_email = factory.Sequence(lambda n: f"initiatief{n}@example.org")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def werkvormen(self, create, extracted, **kwargs):
        if create and extracted:
            self.werkvormen.set(extracted)

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)


class SupportOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportOffer

    entry = factory.SubFactory(EntryFactory, kind=EntryKind.LOCAL_GOVERNMENT)
    item = SupportOfferItem.CONTACT_POINT
    text = "Je kunt terecht bij de dienst Welzijn."
