"""Settle municipalities with more than one published lokaal-bestuur profile.

Before migration 0013 makes "at most one published profile per municipality" a database
constraint, every municipality that has several keeps exactly one published: the one published
most recently (then the most recently edited, then the highest id, so the choice is the same on
every database and every run). The others are archived: status `gearchiveerd`, not live, with
an `EntryEvent` that says why, so BAZ staff find them in the admin and can merge what is worth
keeping into the profile that stayed. Nothing is deleted. Reversing does nothing: which profile
was published before cannot be told apart from one archived by hand.
"""

from django.db import migrations
from django.db.models import Count, F
from django.utils import timezone

LOCAL_GOVERNMENT = "lokaal-bestuur"
PUBLISHED = "gepubliceerd"
ARCHIVED = "gearchiveerd"
MESSAGE = (
    "Automatisch gearchiveerd: de gemeente had meer dan één gepubliceerd profiel. Het profiel "
    "dat het laatst gepubliceerd werd, bleef online."
)


def settle_duplicate_profiles(apps, schema_editor):
    Entry = apps.get_model("atlas", "Entry")
    EntryEvent = apps.get_model("atlas", "EntryEvent")
    DataVersion = apps.get_model("atlas", "DataVersion")
    published = Entry.objects.filter(kind=LOCAL_GOVERNMENT, status=PUBLISHED)
    crowded = (
        published.values("municipality_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("municipality_id", flat=True)
    )
    now = timezone.now()
    archived = []
    for municipality_id in sorted(crowded):
        profiles = list(
            published.filter(municipality_id=municipality_id)
            .order_by(
                F("published_at").desc(nulls_last=True),
                F("updated_at").desc(nulls_last=True),
                "-pk",
            )
            .values_list("pk", flat=True)
        )
        archived.extend(profiles[1:])
    if not archived:
        return
    Entry.objects.filter(pk__in=archived).update(
        status=ARCHIVED, live=False, version=F("version") + 1
    )
    EntryEvent.objects.bulk_create(
        EntryEvent(entry_id=pk, kind=ARCHIVED, message=MESSAGE, created_at=now) for pk in archived
    )
    # The open-data API's caches key on this counter; update() sends no signals.
    if not DataVersion.objects.filter(pk=1).update(counter=F("counter") + 1, changed_at=now):
        DataVersion.objects.create(pk=1, counter=1, changed_at=now)


class Migration(migrations.Migration):
    dependencies = [("atlas", "0011_entry_contact_consent_by")]

    operations = [migrations.RunPython(settle_duplicate_profiles, migrations.RunPython.noop)]
