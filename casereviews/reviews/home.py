"""The review actions an agency lead's agency owns, on their home page
(`casereviews.frontend.waiting`)."""

from __future__ import annotations

from django.urls import reverse

from casereviews.accounts.models import User
from casereviews.boards.models import Board
from casereviews.frontend.templatetags.govuk import govuk_date
from casereviews.frontend.waiting import LIST_LENGTH
from casereviews.notifications.selectors import WaitingItem
from casereviews.policy import Action, scope
from casereviews.reviews.models import ActionStatus, ReviewAction


def actions_waiting(user: User, board: Board) -> list[WaitingItem]:
    """The review actions the person's agency owns that are not complete, soonest due."""
    rows = (
        scope(user, Action.ACTION_VIEW)
        .filter(board=board, owner_agency=user.organisation_id)
        .exclude(status=ActionStatus.COMPLETE)
        .select_related("notification")
        .order_by("due_on", "id")[:LIST_LENGTH]
    )
    return [_action(a) for a in rows]


def _action(action: ReviewAction) -> WaitingItem:
    return WaitingItem(
        action.description if len(action.description) <= 80 else action.description[:77] + "…",
        reverse("reviews:action", args=[action.pk]),
        f"Case {action.notification.reference}, due {govuk_date(action.due_on)}: "
        f"{action.get_status_display().lower()}",
    )
