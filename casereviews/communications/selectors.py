"""Reads of a case's communications log."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Role
from casereviews.communications.models import Communication
from casereviews.notifications.models import Notification

# Shown in the case page's section; the rest is on the log's own (paginated) pages.
CASE_PAGE_ROWS = 5


def case_log(notification: Notification | OuterRef) -> QuerySet[Communication]:
    """The case's communications, newest first, with only what a list shows; also what
    the case page asks the case holds (`notifications.holdings`)."""
    return (
        Communication.objects.filter(notification=notification)
        .only(
            "id", "notification_id", "audience", "audience_detail", "channel", "state", "drafted_at"
        )
        .order_by("-drafted_at", "-id")
    )


def board_people(board: Board, *roles: Role) -> QuerySet[User]:
    return (
        User.objects.filter(role_grants__board=board, role_grants__role__in=roles, is_active=True)
        .distinct()
        .order_by("full_name", "id")
    )
