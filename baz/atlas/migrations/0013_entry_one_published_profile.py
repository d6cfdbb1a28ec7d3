"""At most one published lokaal-bestuur profile per municipality (a partial unique index)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("atlas", "0012_settle_duplicate_profiles")]

    operations = [
        migrations.AddConstraint(
            model_name="entry",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "lokaal-bestuur"), ("status", "gepubliceerd")),
                fields=("municipality",),
                name="atlas_entry_one_published_profile",
                violation_error_message=(
                    "Deze gemeente heeft al een gepubliceerd profiel. Pas dat profiel aan, of "
                    "vraag de redactie om het te archiveren."
                ),
            ),
        ),
    ]
