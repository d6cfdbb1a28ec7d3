"""The cleaned description stored beside the rich text, filled for existing entries."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from baz.atlas.richtext import rich_text_stored

    Entry = apps.get_model("atlas", "Entry")
    Entry.objects.filter(description="").update(description_html="")
    batch = []
    for pk, description in (
        Entry.objects.exclude(description="").values_list("pk", "description").iterator()
    ):
        batch.append(Entry(pk=pk, description_html=rich_text_stored(description)))
        if len(batch) >= 500:
            Entry.objects.bulk_update(batch, ["description_html"])
            batch = []
    Entry.objects.bulk_update(batch, ["description_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("atlas", "0007_correction_request_handled"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="description_html",
            field=models.TextField(default=None, editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
