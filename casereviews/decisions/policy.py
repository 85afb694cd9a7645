"""Who may take each recorded step of the procedure on which cases: the cases they may
see, in the boards where they hold the step's role."""

from __future__ import annotations

from django.db.models import QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.notifications.models import Notification
from casereviews.policy import Action, boards_where, register_scope, scope

STEP_ROLES: dict[Action, Role] = {
    Action.AGENCY_INFORMATION_REQUEST: Role.BUSINESS_MANAGER,
    Action.EXTERNAL_NOTIFICATION_RECORD: Role.BUSINESS_MANAGER,
    Action.LISG_RECOMMEND: Role.LISG_MEMBER,
    Action.CHAIR_DECIDE: Role.INDEPENDENT_CHAIR,
}


@register_scope(Notification, *STEP_ROLES)
def cases_for_the_step(user: User, action: Action) -> QuerySet[Notification]:
    return scope(user, Action.NOTIFICATION_VIEW).filter(
        board__in=boards_where(user, STEP_ROLES[action])
    )
