"""Stored GeoJSON feature text per entry, and the PostgreSQL triggers that forget it.

Each trigger deletes the stored text of every entry whose feature may have changed; the
export rebuilds missing rows. Triggers see every write path, including queryset `update()`
and raw SQL, which Django signals do not. SQLite never uses the table and gets no triggers.
"""

import django.db.models.deletion
from django.db import migrations, models

FORWARD = r"""
CREATE FUNCTION atlas_feature_forget_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM atlas_entryfeature WHERE entry_id = OLD.id;
    RETURN NULL;
END $$;
CREATE TRIGGER atlas_feature_entry AFTER UPDATE OR DELETE ON atlas_entry
    FOR EACH ROW EXECUTE FUNCTION atlas_feature_forget_entry();

CREATE FUNCTION atlas_feature_forget_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM atlas_entryfeature WHERE entry_id = OLD.entry_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        DELETE FROM atlas_entryfeature WHERE entry_id = NEW.entry_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER atlas_feature_themes AFTER INSERT OR UPDATE OR DELETE ON atlas_entry_themes
    FOR EACH ROW EXECUTE FUNCTION atlas_feature_forget_link();
CREATE TRIGGER atlas_feature_werkvormen AFTER INSERT OR UPDATE OR DELETE
    ON atlas_entry_werkvormen FOR EACH ROW EXECUTE FUNCTION atlas_feature_forget_link();
CREATE TRIGGER atlas_feature_target_groups AFTER INSERT OR UPDATE OR DELETE
    ON atlas_entry_target_groups FOR EACH ROW EXECUTE FUNCTION atlas_feature_forget_link();

-- A term's slug, name or order (the order of the slug lists): every entry linked to it.
-- TG_ARGV: the link table and its term column.
CREATE FUNCTION atlas_feature_forget_term() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.slug, OLD.name, OLD.sort_order) IS DISTINCT FROM
       (NEW.slug, NEW.name, NEW.sort_order) THEN
        EXECUTE format(
            'DELETE FROM atlas_entryfeature f USING %I r '
            'WHERE r.%I = $1 AND f.entry_id = r.entry_id', TG_ARGV[0], TG_ARGV[1]
        ) USING OLD.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER atlas_feature_theme AFTER UPDATE ON atlas_theme FOR EACH ROW
    EXECUTE FUNCTION atlas_feature_forget_term('atlas_entry_themes', 'theme_id');
CREATE TRIGGER atlas_feature_werkvorm AFTER UPDATE ON atlas_werkvorm FOR EACH ROW
    EXECUTE FUNCTION atlas_feature_forget_term('atlas_entry_werkvormen', 'werkvorm_id');
CREATE TRIGGER atlas_feature_targetgroup AFTER UPDATE ON atlas_targetgroup FOR EACH ROW
    EXECUTE FUNCTION atlas_feature_forget_term('atlas_entry_target_groups', 'targetgroup_id');

CREATE FUNCTION atlas_feature_forget_municipality() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.refnis, OLD.name_nl, OLD.province_id) IS DISTINCT FROM
       (NEW.refnis, NEW.name_nl, NEW.province_id) THEN
        DELETE FROM atlas_entryfeature f USING atlas_entry e
        WHERE e.municipality_id = OLD.id AND f.entry_id = e.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER atlas_feature_municipality AFTER UPDATE ON core_municipality FOR EACH ROW
    EXECUTE FUNCTION atlas_feature_forget_municipality();

CREATE FUNCTION atlas_feature_forget_province() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.slug IS DISTINCT FROM NEW.slug THEN
        DELETE FROM atlas_entryfeature f USING atlas_entry e, core_municipality m
        WHERE m.province_id = OLD.id AND e.municipality_id = m.id AND f.entry_id = e.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER atlas_feature_province AFTER UPDATE ON core_province FOR EACH ROW
    EXECUTE FUNCTION atlas_feature_forget_province();
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS atlas_feature_entry ON atlas_entry;
DROP TRIGGER IF EXISTS atlas_feature_themes ON atlas_entry_themes;
DROP TRIGGER IF EXISTS atlas_feature_werkvormen ON atlas_entry_werkvormen;
DROP TRIGGER IF EXISTS atlas_feature_target_groups ON atlas_entry_target_groups;
DROP TRIGGER IF EXISTS atlas_feature_theme ON atlas_theme;
DROP TRIGGER IF EXISTS atlas_feature_werkvorm ON atlas_werkvorm;
DROP TRIGGER IF EXISTS atlas_feature_targetgroup ON atlas_targetgroup;
DROP TRIGGER IF EXISTS atlas_feature_municipality ON core_municipality;
DROP TRIGGER IF EXISTS atlas_feature_province ON core_province;
DROP FUNCTION IF EXISTS atlas_feature_forget_entry();
DROP FUNCTION IF EXISTS atlas_feature_forget_link();
DROP FUNCTION IF EXISTS atlas_feature_forget_term();
DROP FUNCTION IF EXISTS atlas_feature_forget_municipality();
DROP FUNCTION IF EXISTS atlas_feature_forget_province();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("atlas", "0008_entry_description_html"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="EntryFeature",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="atlas.entry",
                    ),
                ),
                ("recipe", models.CharField(max_length=32)),
                ("text", models.TextField()),
            ],
            options={
                "verbose_name": "GeoJSON-tekst van een fiche",
                "verbose_name_plural": "GeoJSON-teksten van fiches",
            },
        ),
        migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD)),
    ]
