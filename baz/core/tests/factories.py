"""factory_boy factories for reference data. Invented places use codes outside the real range."""

import factory
from django.utils.text import slugify

from baz.core.models import Municipality, PostalCode, Province, Region
from baz.core.text import normalize


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("refnis",)

    refnis = "02000"
    name_nl = "Vlaams Gewest"
    name_fr = "Région flamande"


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("refnis",)

    refnis = "40000"
    name_nl = "Provincie Oost-Vlaanderen"
    name_fr = "Province de Flandre orientale"
    slug = "oost-vlaanderen"
    region = factory.SubFactory(RegionFactory)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    refnis = factory.Sequence(lambda n: f"9{n:04d}")
    name_nl = factory.Sequence(lambda n: f"Testdorp {n}")
    name_fr = factory.LazyAttribute(lambda m: m.name_nl)
    slug = factory.LazyAttribute(lambda m: slugify(m.name_nl))
    province = factory.SubFactory(ProvinceFactory)
    region = factory.LazyAttribute(lambda m: m.province.region)
    latitude = 51.0
    longitude = 3.7
    search_text = factory.LazyAttribute(lambda m: f"{normalize(m.name_nl)} {normalize(m.name_fr)}")


class PostalCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostalCode

    code = factory.Sequence(lambda n: f"{1000 + n % 9000}")
    municipality = factory.SubFactory(MunicipalityFactory)
    latitude = 51.0
    longitude = 3.7
