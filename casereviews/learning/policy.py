"""Who may see and write the entries of the lessons library: the roles that hold the
board-level actions, in the board of the entry."""

from __future__ import annotations

from django.db.models import QuerySet

from casereviews.accounts.models import User
from casereviews.assessments.models import PastReview
from casereviews.policy import Action, boards_where, register_scope
from casereviews.policy.core import BOARD_ACTIONS


@register_scope(PastReview, Action.LESSONS_VIEW, Action.LESSONS_RECORD)
def library_entries(user: User, action: Action) -> QuerySet[PastReview]:
    return PastReview.objects.filter(
        board__in=boards_where(user, *BOARD_ACTIONS[action])
    ).select_related("board", "notification")
