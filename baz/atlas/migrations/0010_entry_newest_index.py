"""On PostgreSQL, an index in exactly the list's "newest first" order (`published_at DESC NULLS
LAST, id DESC`): with a theme filter the database then walks the newest entries and stops
after one page, instead of sorting every match. PostgreSQL cannot walk the ascending
`atlas_entry_status_published` index for that order (backwards it puts NULLs first); SQLite
can, and cannot build this one (no NULLS LAST in an index), so it gets nothing here.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS atlas_entry_status_newest "
    "ON atlas_entry (status, published_at DESC NULLS LAST, id DESC)"
)
DROP = "DROP INDEX IF EXISTS atlas_entry_status_newest"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("atlas", "0009_entry_feature")]

    operations = [migrations.RunPython(create, drop)]
