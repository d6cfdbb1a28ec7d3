"""factory_boy factories for accounts tests (also used by the browser tests)."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from baz.accounts.models import Membership, Role, User
from baz.core.models import Municipality, Region

PASSWORD = "Correct-paard-batterij-42"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("refnis",)

    refnis = factory.Sequence(lambda n: f"{90000 + n}")
    name_nl = factory.Sequence(lambda n: f"Testgemeente {n}")
    name_fr = factory.SelfAttribute("name_nl")
    slug = factory.Sequence(lambda n: f"testgemeente-{n}")
    region = factory.LazyFunction(
        lambda: Region.objects.get_or_create(
            refnis="02000", defaults={"name_nl": "Vlaams Gewest", "name_fr": "Région flamande"}
        )[0]
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    first_name = "An"
    last_name = "Peeters"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))
        if create:
            self.save()


def member(municipality: Municipality, role: str = Role.MEDEWERKER, **kwargs) -> User:
    user = UserFactory(groups=["Gemeente"], **kwargs)
    Membership.objects.create(user=user, municipality=municipality, role=role)
    return user


def add_totp_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def add_backup_codes(user: User, codes: list[str]) -> StaticDevice:
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    for code in codes:
        StaticToken.objects.create(device=device, token=code)
    return device
