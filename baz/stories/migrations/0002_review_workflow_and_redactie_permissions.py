"""Create the workflow "Verhalen nalezen" and give Redactie its permissions on /verhalen/.

Idempotent: rows are fetched or created. On a fresh database the story index does not exist
yet; `baz.stories.services.story_index_ensure()` (called by `load_demo_data`) then assigns the
workflow and the permissions when it creates the index. Reversing keeps the rows: pages may
already be in review.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW_NAME = "Verhalen nalezen"
TASK_NAME = "Nalezen door een tweede redacteur"
INDEX_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def create_workflow(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Task = apps.get_model("stories", "SecondEditorApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    StoryIndexPage = apps.get_model("stories", "StoryIndexPage")

    redactie, _ = Group.objects.get_or_create(name="Redactie")
    task = Task.objects.filter(name=TASK_NAME).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="stories", model="secondeditorapprovaltask"
        )
        task = Task.objects.create(name=TASK_NAME, active=True, content_type=content_type)
        task.groups.add(redactie)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)

    for index in StoryIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page_id=index.pk, defaults={"workflow": workflow})
        for codename in INDEX_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=redactie,
                page_id=index.pk,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_stories_and_good_practices"),
        ("accounts", "0003_create_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
