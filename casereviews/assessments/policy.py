"""Who may verify which notifications: the Business Manager of the case's board, while
the notification is submitted (Section B of the procedure, "on receipt")."""

from __future__ import annotations

from django.db.models import QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.notifications.models import Notification, Status
from casereviews.policy import Action, boards_where, register_scope


@register_scope(Notification, Action.NOTIFICATION_VERIFY)
def verifiable_notifications(user: User, action: Action) -> QuerySet[Notification]:
    boards = boards_where(user, Role.BUSINESS_MANAGER)
    return Notification.objects.filter(board__in=boards, status=Status.SUBMITTED).select_related(
        "board", "organisation", "notifier"
    )
