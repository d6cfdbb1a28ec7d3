"""Create the four groups and give Redactie and Coach what they need in the Wagtail admin.

Idempotent: every row is fetched or created, so running it on a database where some groups or
permissions already exist changes nothing there. Permissions are normally created after all
migrations; they are created here first so that a fresh `migrate` can assign them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Redactie", "Coach", "Gemeente", "Initiatiefnemer")

# (app_label, codename) of model permissions per group.
GLOBAL_PERMISSIONS = {
    "Redactie": [("wagtailadmin", "access_admin")],
    "Coach": [("wagtailadmin", "access_admin")],
}
PAGE_PERMISSIONS = {
    "Redactie": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Coach": ["add_page", "change_page"],
}
COLLECTION_PERMISSIONS = {
    "Redactie": [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    "Coach": [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GROUPS}
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for name, perms in GLOBAL_PERMISSIONS.items():
        for app_label, codename in perms:
            groups[name].permissions.add(permission(app_label, codename))
    if root_page is not None:
        for name, codenames in PAGE_PERMISSIONS.items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name],
                    page=root_page,
                    permission=permission("wagtailcore", codename),
                )
    if root_collection is not None:
        for name, perms in COLLECTION_PERMISSIONS.items():
            for app_label, codename in perms:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name],
                    collection=root_collection,
                    permission=permission(app_label, codename),
                )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_memberships_and_invitations"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    # Reversing keeps the groups: people may already belong to them.
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
