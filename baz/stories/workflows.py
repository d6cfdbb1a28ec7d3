"""The editorial workflow "Verhalen nalezen": a second editor approves every story.

Wagtail's group approval task lets anyone in the group approve, including the person who
submitted the page. `SecondEditorApprovalTask` refuses that person (and whoever wrote the
revision under review) everywhere Wagtail asks: the actions it offers in the editor, the
dashboard list of pages to review, and `on_action` itself, so a crafted POST fails too.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

WORKFLOW_NAME = "Verhalen nalezen"
TASK_NAME = "Nalezen door een tweede redacteur"


def _current_task_state(obj: Any) -> TaskState | None:
    workflow_state = getattr(obj, "current_workflow_state", None)
    return workflow_state.current_task_state if workflow_state else None


def is_author_of_submission(task_state: TaskState | None, user: Any) -> bool:
    """True if `user` submitted this review, or wrote the revision that is being reviewed."""
    if task_state is None or not getattr(user, "is_authenticated", False):
        return False
    requested_by = task_state.workflow_state.requested_by_id
    revision_author = task_state.revision.user_id if task_state.revision_id else None
    return user.pk in {requested_by, revision_author}


class SecondEditorApprovalTask(AbstractGroupApprovalTask):
    """Members of the chosen groups approve, but never their own submission."""

    class Meta:
        verbose_name = _("nalezen door een tweede redacteur")
        verbose_name_plural = _("nalezen door een tweede redacteur")

    @classmethod
    def get_description(cls) -> str:
        return str(
            _(
                "Leden van de gekozen groepen keuren goed, maar nooit een pagina die ze zelf "
                "ter nalezing aanboden."
            )
        )

    def user_can_access_editor(self, obj: Any, user: Any) -> bool:
        if is_author_of_submission(_current_task_state(obj), user):
            return False
        return super().user_can_access_editor(obj, user)

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, Any, bool]]:
        if is_author_of_submission(_current_task_state(obj), user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user: Any, **kwargs: Any) -> Any:
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(Q(workflow_state__requested_by=user) | Q(revision__user=user))

    def on_action(self, task_state: TaskState, user: Any, action_name: str, **kwargs: Any) -> None:
        if action_name in {"approve", "reject"} and (
            is_author_of_submission(task_state, user)
            or action_name
            not in {
                name
                for name, _label, _modal in super().get_actions(
                    task_state.workflow_state.content_object, user
                )
            }
        ):
            raise PermissionDenied(_("Een tweede redacteur moet dit verhaal nalezen."))
        super().on_action(task_state, user, action_name, **kwargs)
