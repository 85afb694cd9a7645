"""Who may see which notifications (DESIGN.md section 6: need to know)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Role
from casereviews.notifications.models import (
    EDITABLE_BY_NOTIFIER,
    OPEN,
    Notification,
    Status,
)
from casereviews.policy import Action, board_roles, boards_where, register_scope


def lisg_member_sees(user: User, boards: list[int], *, through: str = "") -> Q:
    """The one rule of a LISG member's sight (docs/adr/0011-lisg-meetings.md): in the
    boards where they hold the role, the open cases on the agenda of a LISG meeting they
    belong to, except a case for which they declared a conflict of interest. They keep
    seeing a case after the Chair decides, while it is open, because the LISG agrees the
    family's and the press's communications throughout (Procedure A 4(v)).

    Written over the meeting's relations by name: the meetings live in a higher app
    (`involvement`), which this layer does not import."""
    if not boards:
        return Q(pk__in=[])
    on_my_agenda = (
        Notification.objects.filter(
            board__in=boards,
            status__in=OPEN,
            lisg_meeting_case__meeting__members__user=user,
        )
        .exclude(lisg_conflicts__member=user)
        .values("pk")
    )
    return Q(**{f"{through}pk__in": on_my_agenda})


@register_scope(Notification, Action.NOTIFICATION_VIEW)
def viewable_notifications(user: User, action: Action) -> QuerySet[Notification]:
    """A notifier sees their own; an Agency lead those of their organisation in their
    boards; the Business Manager and the Independent Chair every submitted notification of
    their board; a LISG member the open cases on their meetings' agendas
    (`lisg_member_sees`). Drafts are their author's alone. An administrator, as such,
    sees none."""
    submitted = ~Q(status=Status.DRAFT)
    visible = Q(notifier=user)
    visible |= submitted & Q(
        board__in=boards_where(user, Role.AGENCY_LEAD), organisation=user.organisation_id
    )
    visible |= submitted & Q(board__in=boards_where(user, Role.BUSINESS_MANAGER))
    visible |= submitted & Q(board__in=boards_where(user, Role.INDEPENDENT_CHAIR))
    visible |= lisg_member_sees(user, boards_where(user, Role.LISG_MEMBER))
    return Notification.objects.filter(visible).select_related("board", "organisation", "notifier")


def visible_in_board(user: User, board: Board, *, through: str = "") -> Q:
    """`viewable_notifications` within one board, the same rule written for that board's
    roles alone: one `board = …` condition that the indexes beginning with the board can
    serve, instead of an OR over every board of the person that none can. `through` is
    the path to the notification from another model (`"notification__"`).
    `tests/notifications/test_visibility_in_board.py` holds the two to the same answer."""
    roles = board_roles(user).get(board.pk, frozenset())
    submitted = ~Q(**{f"{through}status": Status.DRAFT})
    visible = Q(**{f"{through}notifier": user})
    if roles & {Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR}:
        visible |= submitted
    else:
        if Role.AGENCY_LEAD in roles:
            visible |= submitted & Q(**{f"{through}organisation": user.organisation_id})
        if Role.LISG_MEMBER in roles:
            visible |= lisg_member_sees(user, [board.pk], through=through)
    return visible


def viewable_in_board(user: User, board: Board) -> QuerySet[Notification]:
    return Notification.objects.filter(visible_in_board(user, board), board=board)


@register_scope(Notification, Action.NOTIFICATION_EDIT_DRAFT)
def editable_notifications(user: User, action: Action) -> QuerySet[Notification]:
    """A draft (or a notification returned for information) is its author's alone to edit."""
    return Notification.objects.filter(
        notifier=user, status__in=EDITABLE_BY_NOTIFIER
    ).select_related("board", "organisation", "notifier")
