"""Whose legal holds a person may see and lift: those of the boards where they are the
Business Manager."""

from __future__ import annotations

from django.db.models import QuerySet

from casereviews.accounts.models import User
from casereviews.policy import Action, boards_where, register_scope
from casereviews.policy.core import BOARD_ACTIONS
from casereviews.retention.models import LegalHold


@register_scope(LegalHold, Action.RETENTION_MANAGE)
def legal_holds(user: User, action: Action) -> QuerySet[LegalHold]:
    return LegalHold.objects.filter(
        board__in=boards_where(user, *BOARD_ACTIONS[action])
    ).select_related("board", "notification", "placed_by")
