"""The Business Manager records a single-agency CPIR and its outcome (Procedure B 1(i))."""

from __future__ import annotations

from django.db.models import QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.notifications.models import Notification
from casereviews.policy import Action, boards_where, register_scope, scope


@register_scope(Notification, Action.SINGLE_AGENCY_CPIR_RECORD)
def cases_of_the_business_manager(user: User, action: Action) -> QuerySet[Notification]:
    return scope(user, Action.NOTIFICATION_VIEW).filter(
        board__in=boards_where(user, Role.BUSINESS_MANAGER)
    )
