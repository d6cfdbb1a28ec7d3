"""The review workflow "Verhalen nalezen": a second editor approves, never the submitter."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, TaskState, Workflow, WorkflowState

from baz.stories.models import StoryPage
from baz.stories.services import story_index_ensure, story_workflow_ensure
from baz.stories.tests.factories import story_create
from baz.stories.workflows import WORKFLOW_NAME, SecondEditorApprovalTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(story_index, redactie_a):
    page = story_create(story_index, title="Een buddy in de stad", live=False)
    page.save_revision(user=redactie_a)
    return page


def _submit(page, user):
    page.get_workflow().start(page, user)
    page.refresh_from_db()
    return page.current_workflow_task_state.specific


def test_the_index_gets_the_workflow_and_redactie_its_permissions(story_index):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    task = workflow.workflow_tasks.get().task.specific

    assert story_index.get_workflow() == workflow
    assert isinstance(task, SecondEditorApprovalTask)
    assert [g.name for g in task.groups.all()] == ["Redactie"]
    codenames = set(
        GroupPagePermission.objects.filter(group__name="Redactie", page=story_index).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "lock_page"} <= codenames


def test_ensuring_twice_creates_nothing_new(story_index):
    counts = (Workflow.objects.count(), SecondEditorApprovalTask.objects.count())

    index, created = story_index_ensure()
    story_workflow_ensure()

    assert (index, created) == (story_index, False)
    assert (Workflow.objects.count(), SecondEditorApprovalTask.objects.count()) == counts


def test_a_draft_is_not_public(client, draft):
    assert client.get(draft.url or "/verhalen/een-buddy-in-de-stad/").status_code == 404
    assert "Een buddy in de stad" not in client.get("/verhalen/").content.decode()


def test_a_second_editor_approves_and_the_story_goes_live(client, draft, redactie_a, redactie_b):
    task_state = _submit(draft, redactie_a)
    assert client.get("/verhalen/een-buddy-in-de-stad/").status_code == 404

    task_state.task.specific.on_action(task_state, redactie_b, "approve", comment="Mooi.")

    draft.refresh_from_db()
    assert draft.live
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED
    assert client.get("/verhalen/een-buddy-in-de-stad/").status_code == 200
    assert draft.get_latest_revision().user == redactie_a


def test_the_submitter_cannot_approve_their_own_story(draft, redactie_a, redactie_b):
    task_state = _submit(draft, redactie_a)
    task = task_state.task.specific

    assert task.get_actions(draft, redactie_a) == []
    assert [name for name, _label, _modal in task.get_actions(draft, redactie_b)] == [
        "reject",
        "approve",
        "approve",
    ]
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, redactie_a, "approve")
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, redactie_a, "reject")

    draft.refresh_from_db()
    assert not draft.live
    assert TaskState.objects.get().status == TaskState.STATUS_IN_PROGRESS


def test_whoever_wrote_the_revision_cannot_approve_it_either(story_index, redactie_a, redactie_b):
    from baz.accounts.tests.factories import UserFactory

    writer = UserFactory(email="schrijver@example.org", groups=["Redactie"])
    page = story_create(story_index, title="Geschreven door een ander", live=False)
    page.save_revision(user=writer)
    task_state = _submit(page, redactie_a)

    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, writer, "approve")
    task_state.task.specific.on_action(task_state, redactie_b, "approve")
    page.refresh_from_db()
    assert page.live


def test_someone_outside_redactie_cannot_approve(draft, redactie_a):
    from baz.accounts.tests.factories import UserFactory

    coach = UserFactory(email="coach.verhalen@example.org", groups=["Coach"])
    task_state = _submit(draft, redactie_a)

    assert task_state.task.specific.get_actions(draft, coach) == []
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, coach, "approve")


def test_the_dashboard_does_not_ask_the_submitter_to_review(draft, redactie_a, redactie_b):
    _submit(draft, redactie_a)

    assert list(TaskState.objects.reviewable_by(redactie_a)) == []
    assert len(TaskState.objects.reviewable_by(redactie_b)) == 1


def test_editors_cannot_publish_directly_but_can_unpublish(story_index, draft, redactie_a):
    from django.contrib.auth import get_user_model

    superuser = get_user_model().objects.create_superuser(
        email="beheer@example.org", password="Een-lang-wachtwoord-2026"
    )
    live = story_create(story_index, title="Al gepubliceerd")

    assert not draft.permissions_for_user(redactie_a).can_publish()
    assert not story_index.permissions_for_user(redactie_a).can_publish_subpage()
    assert draft.permissions_for_user(redactie_a).can_submit_for_moderation()
    assert live.permissions_for_user(redactie_a).can_unpublish()
    assert draft.permissions_for_user(superuser).can_publish()


def test_a_scheduled_story_goes_live_at_its_time(client, draft, redactie_a, redactie_b):
    draft.go_live_at = timezone.now() + timedelta(days=2)
    draft.save_revision(user=redactie_a)
    task_state = _submit(draft, redactie_a)

    task_state.task.specific.on_action(task_state, redactie_b, "approve")

    draft.refresh_from_db()
    revision = draft.get_latest_revision()
    assert not draft.live
    assert revision.approved_go_live_at is not None
    # Two days later, the scheduler (cron: publish_scheduled) publishes it. We move the
    # schedule into the past instead of waiting.
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", verbosity=0)
    draft.refresh_from_db()
    assert draft.live
    assert client.get("/verhalen/een-buddy-in-de-stad/").status_code == 200


# --- The same rules through the Wagtail admin ------------------------------------------------


def test_in_the_admin_the_publish_button_does_not_publish_for_an_editor(
    client, login_verified, draft, redactie_a
):
    login_verified(client, redactie_a)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])

    html = client.get(edit_url).content.decode()
    assert 'name="action-publish"' not in html
    assert "action-submit" in html

    response = client.post(
        edit_url,
        {
            "title": draft.title,
            "slug": draft.slug,
            "intro": draft.intro,
            "author_name": draft.author_name,
            "publication_date": "2026-11-27",
            "body-count": "0",
            "atlas_links-TOTAL_FORMS": "0",
            "atlas_links-INITIAL_FORMS": "0",
            "atlas_links-MIN_NUM_FORMS": "0",
            "atlas_links-MAX_NUM_FORMS": "1000",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
            "action-publish": "action-publish",
        },
    )

    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert not draft.live


def test_in_the_admin_the_submitter_is_refused_and_a_second_editor_publishes(
    client, login_verified, draft, redactie_a, redactie_b
):
    task_state = _submit(draft, redactie_a)
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])

    login_verified(client, redactie_a)
    refused = client.post(url, {"comment": ""})
    # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard.
    assert (refused.status_code, refused.get("Location")) in ((403, None), (302, "/beheer/"))
    draft.refresh_from_db()
    assert not draft.live

    client.logout()
    login_verified(client, redactie_b)
    response = client.post(url, {"comment": "Goed zo."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    assert StoryPage.objects.live().filter(pk=draft.pk).exists()


def test_editors_can_compare_revisions_and_see_who_changed_what(
    client, login_verified, draft, redactie_a, redactie_b
):
    first = draft.get_latest_revision()
    draft.title = "Een buddy in een nieuwe stad"
    second = draft.save_revision(user=redactie_b)
    login_verified(client, redactie_b)

    history = client.get(reverse("wagtailadmin_pages:history", args=[draft.pk]))
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[draft.pk, first.pk, second.pk])
    )
    revert = client.get(reverse("wagtailadmin_pages:revisions_revert", args=[draft.pk, first.pk]))

    assert history.status_code == 200
    assert compare.status_code == 200
    assert "Een buddy in een nieuwe stad" in compare.content.decode()
    assert revert.status_code == 200


def test_the_admin_menu_opens_the_story_index(client, login_verified, story_index, redactie_a):
    login_verified(client, redactie_a)

    html = client.get("/beheer/").content.decode()

    assert f"/beheer/pages/{story_index.pk}/" in html


def test_an_editor_can_preview_a_draft(client, login_verified, draft, redactie_a):
    login_verified(client, redactie_a)

    response = client.get(
        reverse("wagtailadmin_pages:revisions_view", args=[draft.pk, draft.latest_revision_id])
    )

    assert response.status_code == 200
    assert "Een buddy in de stad" in response.content.decode()
