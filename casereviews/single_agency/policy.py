"""The Business Manager records a single-agency CPIR and its outcome (Procedure B 1(i))."""

from __future__ import annotations

from django.db.models import QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.notifications.models import Notification
from casereviews.notifications.policy import case_scope
from casereviews.policy import Action


@case_scope(Notification, Action.SINGLE_AGENCY_CPIR_RECORD, roles=(Role.BUSINESS_MANAGER,))
def cases_of_the_business_manager(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    return cases
