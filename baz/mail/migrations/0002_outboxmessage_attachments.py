from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="attachments",
            field=models.JSONField(blank=True, default=list, verbose_name="bijlagen"),
        ),
    ]
