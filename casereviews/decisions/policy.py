"""Who may take each recorded step of the procedure on which cases: the cases they see
through the step's role (`casereviews.notifications.policy.case_sight`) — a LISG member
recommends only on a case before their meeting, and not one they are conflicted in."""

from __future__ import annotations

from django.db.models import QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.notifications.models import Notification
from casereviews.notifications.policy import case_scope
from casereviews.policy import Action

STEP_ROLES: dict[Action, Role] = {
    Action.AGENCY_INFORMATION_REQUEST: Role.BUSINESS_MANAGER,
    Action.EXTERNAL_NOTIFICATION_RECORD: Role.BUSINESS_MANAGER,
    Action.LISG_RECOMMEND: Role.LISG_MEMBER,
    Action.CHAIR_DECIDE: Role.INDEPENDENT_CHAIR,
}


def cases_for_the_step(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    return cases


for _action, _role in STEP_ROLES.items():
    case_scope(Notification, _action, roles=(_role,))(cases_for_the_step)
