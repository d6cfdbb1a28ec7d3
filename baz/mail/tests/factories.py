import factory
from django.contrib.auth import get_user_model

from baz.mail.models import OutboxMessage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    is_active = True

    @factory.post_generation
    def permissions(self, create, codenames, **kwargs):
        """`UserFactory(permissions=["mail.change_outboxmessage"])`"""
        if not create or not codenames:
            return
        from django.contrib.auth.models import Permission

        for codename in codenames:
            app_label, _, name = codename.partition(".")
            self.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=name)
            )


class StaffUserFactory(UserFactory):
    is_staff = True


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    to = factory.Sequence(lambda n: [f"ontvanger{n}@example.org"])
    from_email = "BurgersAanZet <noreply@example.org>"
    subject = factory.Sequence(lambda n: f"Nieuws over je initiatief {n}")
    body_text = "Dag Lien,\n\nJe initiatief staat nu in de atlas.\n"
    body_html = "<p>Dag Lien,</p><p>Je initiatief staat nu in de atlas.</p>"
    headers = factory.LazyFunction(dict)
