from django.db import migrations, models


class Migration(migrations.Migration):
    """A relay's e-mail is queued in the outbox, not sent by the request: the field says so."""

    dependencies = [
        ("atlas", "0014_baz_trajectory_municipality"),
    ]

    operations = [
        migrations.RenameField(
            model_name="contactrelay",
            old_name="sent_at",
            new_name="queued_at",
        ),
        migrations.AlterField(
            model_name="contactrelay",
            name="queued_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="in de wachtrij gezet op"
            ),
        ),
    ]
