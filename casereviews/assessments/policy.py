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
from casereviews.notifications.policy import case_scope
from casereviews.policy import Action


@case_scope(Notification, Action.NOTIFICATION_VERIFY, roles=(Role.BUSINESS_MANAGER,))
def verifiable_notifications(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    return cases.filter(status=Status.SUBMITTED, framework=Framework.BF_LSCB_2015).select_related(
        "board", "organisation", "notifier"
    )
