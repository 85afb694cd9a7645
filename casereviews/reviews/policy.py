"""Who sees a review and who keeps its records: the Business Manager keeps them, and the
Business Manager, the Independent Chair and the LISG members who see the case see them
(DESIGN.md section 2: the Business Manager "manage[s] reviews and actions"; the LISG
monitors actions), by the rule of sight (`casereviews.notifications.policy.case_sight`):
a LISG member sees the review of a case before their meeting, and not one they are
conflicted in. A case not yet commissioned has no review page. An agency lead sees and
updates the actions their agency owns."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.notifications.models import UNDER_REVIEW, Notification, Status
from casereviews.notifications.policy import case_scope
from casereviews.policy import Action, boards_where
from casereviews.reviews.models import ReviewAction

# Once commissioned, the review's page stays to read after the case is closed.
_REVIEWED = Q(status__in=UNDER_REVIEW) | Q(status=Status.CLOSED, review__isnull=False)

# The roles that monitor a review and its actions.
MONITORS = (Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR, Role.LISG_MEMBER)


@case_scope(Notification, Action.REVIEW_VIEW, roles=MONITORS)
def reviews_i_may_see(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    return cases.filter(_REVIEWED).select_related("board")


@case_scope(Notification, Action.REVIEW_MANAGE, roles=(Role.BUSINESS_MANAGER,))
def reviews_i_keep(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    return cases.filter(status__in=UNDER_REVIEW)


def _my_agencys(user: User) -> Q:
    """The actions the person's agency owns, in the boards where they are its agency lead:
    an agency reports its own progress (DESIGN.md section 3, "Actions monitored")."""
    return Q(board__in=boards_where(user, Role.AGENCY_LEAD), owner_agency=user.organisation_id)


@case_scope(
    ReviewAction, Action.ACTION_VIEW, roles=MONITORS, case="notification", addressed=_my_agencys
)
def actions_i_may_see(
    user: User, action: Action, actions: QuerySet[ReviewAction]
) -> QuerySet[ReviewAction]:
    return actions


@case_scope(
    ReviewAction,
    Action.ACTION_UPDATE,
    roles=(Role.BUSINESS_MANAGER,),
    case="notification",
    addressed=_my_agencys,
)
def actions_i_may_update(
    user: User, action: Action, actions: QuerySet[ReviewAction]
) -> QuerySet[ReviewAction]:
    """Not once the case is closed."""
    return actions.exclude(notification__status=Status.CLOSED)
