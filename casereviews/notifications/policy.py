"""Who may see which notifications (DESIGN.md section 6: need to know)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.notifications.models import (
    BEFORE_THE_LISG,
    EDITABLE_BY_NOTIFIER,
    Notification,
    Status,
)
from casereviews.policy import Action, boards_where, register_scope


@register_scope(Notification, Action.NOTIFICATION_VIEW)
def viewable_notifications(user: User, action: Action) -> QuerySet[Notification]:
    """A notifier sees their own; an Agency lead those of their organisation in their
    boards; the Business Manager and the Independent Chair every submitted notification of
    their board; a LISG member those before the LISG. Drafts are their author's alone.
    An administrator, as such, sees none."""
    submitted = ~Q(status=Status.DRAFT)
    visible = Q(notifier=user)
    visible |= submitted & Q(
        board__in=boards_where(user, Role.AGENCY_LEAD), organisation=user.organisation_id
    )
    visible |= submitted & Q(board__in=boards_where(user, Role.BUSINESS_MANAGER))
    visible |= submitted & Q(board__in=boards_where(user, Role.INDEPENDENT_CHAIR))
    visible |= Q(board__in=boards_where(user, Role.LISG_MEMBER), status__in=BEFORE_THE_LISG)
    return Notification.objects.filter(visible).select_related("board", "organisation", "notifier")


@register_scope(Notification, Action.NOTIFICATION_EDIT_DRAFT)
def editable_notifications(user: User, action: Action) -> QuerySet[Notification]:
    """A draft (or a notification returned for information) is its author's alone to edit."""
    return Notification.objects.filter(
        notifier=user, status__in=EDITABLE_BY_NOTIFIER
    ).select_related("board", "organisation", "notifier")
