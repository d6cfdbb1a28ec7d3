"""factory_boy factories for the contact tests (also used by the browser test)."""

from __future__ import annotations

import factory
from django.utils import timezone

from baz.contact.models import (
    ContactMessage,
    ContactPerson,
    ContactTopic,
    PartnerOrganisation,
    Topic,
)
from baz.core.models import Province, Region


def topics(*slugs: str) -> list[ContactTopic]:
    return [ContactTopic.objects.get_or_create(slug=slug)[0] for slug in slugs]


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("refnis",)

    refnis = factory.Sequence(lambda n: f"{80000 + n}")
    name_nl = factory.Sequence(lambda n: f"Provincie Test {n}")
    name_fr = factory.SelfAttribute("name_nl")
    slug = factory.Sequence(lambda n: f"provincie-test-{n}")
    region = factory.LazyFunction(
        lambda: Region.objects.get_or_create(
            refnis="02000", defaults={"name_nl": "Vlaams Gewest", "name_fr": "Région flamande"}
        )[0]
    )


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Partner {n} vzw")
    description = "Een verzonnen partnerorganisatie."
    website = "https://partner.example.org/"


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Contactpersoon {n}")
    role = "coach"
    organisation = factory.SubFactory(PartnerOrganisationFactory)
    email = factory.Sequence(lambda n: f"contact{n}@example.org")

    @factory.post_generation
    def topic_slugs(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(topics(*extracted))


class ContactMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMessage

    topic = Topic.OTHER
    name = "Sara Janssens"
    email = factory.Sequence(lambda n: f"afzender{n}@example.org")
    body = "Hoe kan ik mijn initiatief toevoegen?"
    consent_at = factory.LazyFunction(timezone.now)
    routed_to_name = "Elke Vermeulen"
