"""Reads of a case's communications log."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.communications.models import Communication
from casereviews.notifications.models import Notification
from casereviews.notifications.policy import people_who_see

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


def case_people(case: Notification, *roles: Role) -> QuerySet[User]:
    """The people who see the case through `roles`, by name (pick-lists and e-mails)."""
    return people_who_see(case, *roles).order_by("full_name", "id")
