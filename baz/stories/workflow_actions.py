"""What happens when the review workflow of a story is approved.

Kept apart from `workflows.py` and free of model imports at module level: Wagtail imports the
WAGTAIL_FINISH_WORKFLOW_ACTION function while its own models are still loading.
"""

from __future__ import annotations

from typing import Any


def finish_workflow(workflow_state: Any, user: Any = None) -> None:
    """WAGTAIL_FINISH_WORKFLOW_ACTION: publish what the workflow approved.

    Editors may not publish a story directly (`baz.stories.models.ArticlePermissionTester`),
    so for stories the approval itself is the permission: the latest revision is published in
    the approver's name without Wagtail's "may this user publish?" check. Everything else
    keeps Wagtail's default behaviour.
    """
    from wagtail.workflows import publish_workflow_state

    from baz.stories.models import ArticlePage

    content = workflow_state.content_object
    if isinstance(getattr(content, "specific", content), ArticlePage):
        content.get_latest_revision().publish(user=user, skip_permission_checks=True)
    else:
        publish_workflow_state(workflow_state, user=user)
