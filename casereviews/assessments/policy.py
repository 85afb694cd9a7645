"""Who may verify which notifications: the Business Manager of the case's board, while
the notification is submitted (Section B of the procedure, "on receipt"). Verification is
a step of the 2015 procedure only: a safeguarding partnership's case (framework wt-2023)
goes to the Panel instead (`casereviews.workflow.wt_2023`)."""

from __future__ import annotations

from django.db.models import QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.frameworks.vocabulary import Framework
from casereviews.notifications.models import Notification, Status
from casereviews.policy import Action, boards_where, register_scope


@register_scope(Notification, Action.NOTIFICATION_VERIFY)
def verifiable_notifications(user: User, action: Action) -> QuerySet[Notification]:
    boards = boards_where(user, Role.BUSINESS_MANAGER)
    return Notification.objects.filter(
        board__in=boards, status=Status.SUBMITTED, framework=Framework.BF_LSCB_2015
    ).select_related("board", "organisation", "notifier")
