"""The full-text structures beside the search table, one kind per database.

PostgreSQL: a stored generated tsvector column (title weighted A, body B) over the normalised
text with the `simple` configuration (the text is already stemmed by the Dutch normaliser;
`dutch` would stem it again and drop tokens that equal a Dutch stop word, e.g. "kan" from
"kans"), a GIN index on it, and pg_trgm with a trigram index on the
normalised title for the spelling-tolerant fallback (skipped when the extension cannot be created).
SQLite: an FTS5 table over the normalised text, kept in step with the table by triggers.
Other databases get neither; the selector then falls back to a plain `contains` match.
"""

from django.db import migrations, transaction

POSTGRES_VECTOR = """
ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, coalesce(normalised_title, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(normalised_body, '')), 'B')
) STORED;
CREATE INDEX search_document_vector ON search_searchdocument USING GIN (search_vector);
"""
POSTGRES_TRIGRAM = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX search_document_trigram ON search_searchdocument
    USING GIN (normalised_title gin_trgm_ops);
"""
POSTGRES_DROP = """
DROP INDEX IF EXISTS search_document_trigram;
DROP INDEX IF EXISTS search_document_vector;
ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector;
"""

SQLITE_FTS = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        normalised_title, normalised_body,
        content='search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, normalised_title, normalised_body)
        VALUES (new.id, new.normalised_title, new.normalised_body);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, normalised_title, normalised_body)
        VALUES ('delete', old.id, old.normalised_title, old.normalised_body);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, normalised_title, normalised_body)
        VALUES ('delete', old.id, old.normalised_title, old.normalised_body);
        INSERT INTO search_fts(rowid, normalised_title, normalised_body)
        VALUES (new.id, new.normalised_title, new.normalised_body);
    END""",
    # Rows that existed before this migration.
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_VECTOR)
        try:
            # A savepoint: without the right to create the extension, only the fallback goes.
            with transaction.atomic(using=schema_editor.connection.alias):
                schema_editor.execute(POSTGRES_TRIGRAM)
        except Exception:  # noqa: BLE001 - any failure here only disables the fallback
            pass
    elif vendor == "sqlite":
        for statement in SQLITE_FTS:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
