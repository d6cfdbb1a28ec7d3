from django.db import migrations, models


def copy_message_ids(apps, schema_editor):
    """Fill the new column from the stored headers, so earlier mail can be matched too."""
    OutboxMessage = apps.get_model("mail", "OutboxMessage")
    batch = []
    for message in OutboxMessage.objects.only("pk", "headers").iterator(chunk_size=500):
        value = next(
            (str(v) for k, v in (message.headers or {}).items() if k.lower() == "message-id"),
            "",
        )
        if value:
            message.message_id = value.strip()[:255]
            batch.append(message)
        if len(batch) >= 500:
            OutboxMessage.objects.bulk_update(batch, ["message_id"])
            batch = []
    if batch:
        OutboxMessage.objects.bulk_update(batch, ["message_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0003_outboxmessage_bounces"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="message_id",
            field=models.CharField(
                blank=True, db_index=True, max_length=255, verbose_name="Message-ID"
            ),
        ),
        migrations.RunPython(copy_message_ids, migrations.RunPython.noop),
    ]
