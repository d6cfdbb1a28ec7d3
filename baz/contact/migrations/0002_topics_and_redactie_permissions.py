"""Create the five contact topics and let Redactie edit partners and contact persons.

Idempotent: get_or_create for the topics, `add` for the permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TOPICS = ["coaching", "atlas", "verhaal", "pers", "anders"]
MODELS = ["partnerorganisation", "contactperson"]


def forwards(apps, schema_editor):
    ContactTopic = apps.get_model("contact", "ContactTopic")
    for slug in TOPICS:
        ContactTopic.objects.get_or_create(slug=slug)

    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("contact")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    redactie = Group.objects.filter(name="Redactie").first()
    if redactie is None:
        return
    perms = Permission.objects.filter(
        content_type__app_label="contact",
        content_type__model__in=MODELS,
        codename__regex=r"^(add|change|delete|view)_",
    )
    redactie.permissions.add(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_partners_contact_messages"),
        ("accounts", "0003_create_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
