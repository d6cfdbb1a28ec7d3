"""Let Redactie follow the outbox (Beheer → E-mail): view, and resend a failed message.

No group had these permissions, so only superusers saw the outbox. Bodies of messages with a
secret link stay hidden in the admin (`OutboxMessage.secret`). Idempotent: `add`.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_outboxmessage", "change_outboxmessage"]


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("mail")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    redactie = Group.objects.filter(name="Redactie").first()
    if redactie is None:
        return
    redactie.permissions.add(
        *Permission.objects.filter(content_type__app_label="mail", codename__in=CODENAMES)
    )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    redactie = Group.objects.filter(name="Redactie").first()
    if redactie is not None:
        redactie.permissions.remove(
            *Permission.objects.filter(content_type__app_label="mail", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0005_outboxmessage_secret_body_cleared"),
        ("accounts", "0003_create_groups"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
