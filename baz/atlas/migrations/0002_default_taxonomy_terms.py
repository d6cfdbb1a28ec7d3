"""Create the starting themes, werkvormen and target groups. Idempotent: existing slugs stay."""

from django.db import migrations


def create_terms(apps, schema_editor):
    from baz.atlas.taxonomy import TARGET_GROUPS, THEMES, WERKVORMEN

    for model_name, terms in [
        ("Theme", [(n, s, "") for n, s in THEMES]),
        ("Werkvorm", WERKVORMEN),
        ("TargetGroup", [(n, s, "") for n, s in TARGET_GROUPS]),
    ]:
        model = apps.get_model("atlas", model_name)
        for order, (name, slug, description) in enumerate(terms):
            model.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "description": description, "sort_order": order},
            )


class Migration(migrations.Migration):
    dependencies = [("atlas", "0001_entries_and_taxonomies")]

    operations = [migrations.RunPython(create_terms, migrations.RunPython.noop)]
