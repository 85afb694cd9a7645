"""Who sees a review and who keeps its records: the Business Manager keeps them, and the
Business Manager, the Independent Chair and the LISG members of the case's board see them
(DESIGN.md section 2: the Business Manager "manage[s] reviews and actions"; the LISG
monitors actions). A case not yet commissioned has no review page."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.notifications.models import UNDER_REVIEW, Notification, Status
from casereviews.policy import Action, boards_where, register_scope, scope

# Once commissioned, the review's page stays to read after the case is closed.
_REVIEWED = Q(status__in=UNDER_REVIEW) | Q(status=Status.CLOSED, review__isnull=False)


@register_scope(Notification, Action.REVIEW_VIEW)
def reviews_i_may_see(user: User, action: Action) -> QuerySet[Notification]:
    boards = boards_where(user, Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR, Role.LISG_MEMBER)
    return Notification.objects.filter(_REVIEWED, board__in=boards).select_related("board")


@register_scope(Notification, Action.REVIEW_MANAGE)
def reviews_i_keep(user: User, action: Action) -> QuerySet[Notification]:
    return scope(user, Action.NOTIFICATION_VIEW).filter(
        board__in=boards_where(user, Role.BUSINESS_MANAGER), status__in=UNDER_REVIEW
    )
