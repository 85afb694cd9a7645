"""Whose subject access requests a person may see: those of the boards where they are
the data protection officer."""

from __future__ import annotations

from django.db.models import QuerySet

from casereviews.accounts.models import User
from casereviews.policy import Action, boards_where, register_scope
from casereviews.policy.core import BOARD_ACTIONS
from casereviews.subject_access.models import SubjectAccessRequest


@register_scope(SubjectAccessRequest, Action.SUBJECT_ACCESS)
def subject_access_requests(user: User, action: Action) -> QuerySet[SubjectAccessRequest]:
    return SubjectAccessRequest.objects.filter(
        board__in=boards_where(user, *BOARD_ACTIONS[action])
    ).select_related("board")
