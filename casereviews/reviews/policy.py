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
from casereviews.reviews.models import ReviewAction

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


def _monitors(user: User) -> list[int]:
    """The boards in which the person monitors every action."""
    return boards_where(user, Role.BUSINESS_MANAGER, Role.LISG_MEMBER, Role.INDEPENDENT_CHAIR)


@register_scope(ReviewAction, Action.ACTION_VIEW)
def actions_i_may_see(user: User, action: Action) -> QuerySet[ReviewAction]:
    """Every action of the boards the person monitors; an agency lead's own agency's."""
    own_agency = Q(
        board__in=boards_where(user, Role.AGENCY_LEAD), owner_agency=user.organisation_id
    )
    return ReviewAction.objects.filter(Q(board__in=_monitors(user)) | own_agency)


@register_scope(ReviewAction, Action.ACTION_UPDATE)
def actions_i_may_update(user: User, action: Action) -> QuerySet[ReviewAction]:
    """Agency leads update their own agency's actions only; the Business Manager any of
    the board's. Not once the case is closed."""
    own_agency = Q(
        board__in=boards_where(user, Role.AGENCY_LEAD), owner_agency=user.organisation_id
    )
    board_wide = Q(board__in=boards_where(user, Role.BUSINESS_MANAGER))
    return ReviewAction.objects.filter(own_agency | board_wide).exclude(
        notification__status=Status.CLOSED
    )
