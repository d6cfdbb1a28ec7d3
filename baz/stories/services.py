"""Writes of the stories app: the `/verhalen/` index and its review workflow.

Both are ensured idempotently (only what is missing is created, nothing an editor changed is
overwritten), so `make run`, tests and a fresh production database get the same structure.
"""

from __future__ import annotations

from django.db import transaction

from baz.stories.models import StoryIndexPage
from baz.stories.workflows import TASK_NAME, WORKFLOW_NAME, SecondEditorApprovalTask

INDEX_SLUG = "verhalen"
INDEX_TITLE = "Verhalen"
INDEX_INTRO = (
    "Hier lees je hoe mensen samen zorg en steun regelen. In een praktijkvoorbeeld lees je hoe "
    "een gemeente hen helpt. Lees wat werkte, wat moeilijk was en hoe je zelf begint."
)
REDACTIE = "Redactie"
# What Redactie needs on the story index: write, lock and unlock stories. "publish" only lets
# editors unpublish: publishing itself goes through the review workflow.
INDEX_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


@transaction.atomic
def story_workflow_ensure() -> SecondEditorApprovalTask:
    """The workflow "Verhalen nalezen" with its one task, approved by the Redactie group."""
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow, WorkflowTask

    task = SecondEditorApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = SecondEditorApprovalTask.objects.create(name=TASK_NAME)
        group, _created = Group.objects.get_or_create(name=REDACTIE)
        task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return task


@transaction.atomic
def story_index_ensure() -> tuple[StoryIndexPage | None, bool]:
    """Make sure `/verhalen/` exists under the home page, with its workflow and permissions.

    Returns (index, created). Without a home page (an empty database) there is nothing to do.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Locale, Workflow, WorkflowPage

    from baz.core.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        return None, False
    created = False
    index = StoryIndexPage.objects.first()
    if index is None:
        locale, _ = Locale.objects.get_or_create(language_code="nl-be")
        index = StoryIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG, intro=INDEX_INTRO, locale=locale)
        home.add_child(instance=index)
        index.save_revision().publish()
        created = True

    story_workflow_ensure()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    if not WorkflowPage.objects.filter(page=index).exists():
        WorkflowPage.objects.create(page=index, workflow=workflow)

    redactie, _created = Group.objects.get_or_create(name=REDACTIE)
    for codename in INDEX_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=redactie,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return index, created
