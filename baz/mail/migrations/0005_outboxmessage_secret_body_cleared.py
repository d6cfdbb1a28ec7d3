from django.db import migrations, models
from django.utils import timezone


def flag_secret_messages(apps, schema_editor):
    """Mark earlier mail that carries a secret link; clear it if it already left the queue.

    Uses the link check of `baz.mail.links` as it is today: it only reads the URLconf.
    """
    from baz.mail.links import carries_secret_link

    OutboxMessage = apps.get_model("mail", "OutboxMessage")
    now = timezone.now()
    rows = OutboxMessage.objects.only("pk", "state", "body_text", "body_html")
    for message in rows.iterator(chunk_size=500):
        if not carries_secret_link(message.body_text, message.body_html):
            continue
        fields = {"secret": True}
        if message.state != "queued":
            fields.update(body_text="", body_html="", attachments=[], body_cleared_at=now)
        OutboxMessage.objects.filter(pk=message.pk).update(**fields)


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0004_outboxmessage_message_id"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="body_cleared_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="inhoud gewist op"),
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="secret",
            field=models.BooleanField(default=False, verbose_name="bevat een geheime link"),
        ),
        migrations.AddIndex(
            model_name="outboxmessage",
            index=models.Index(
                condition=models.Q(("body_cleared_at__isnull", True)),
                fields=["created_at"],
                name="mail_outbox_body_kept_idx",
            ),
        ),
        migrations.RunPython(flag_secret_messages, migrations.RunPython.noop),
    ]
