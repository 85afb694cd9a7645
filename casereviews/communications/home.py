"""The communications on a person's home page: those the Independent Chair approves and
those the LISG agrees (`casereviews.frontend.waiting`)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Board
from casereviews.communications.models import Communication
from casereviews.frontend.templatetags.govuk import govuk_date
from casereviews.frontend.waiting import LIST_LENGTH
from casereviews.notifications.selectors import WaitingItem
from casereviews.policy import Action, scope


def communications_waiting(
    action: Action, state: str
) -> Callable[[User, Board], list[WaitingItem]]:
    def read(user: User, board: Board) -> list[WaitingItem]:
        rows = (
            scope(user, action)
            .filter(notification__board=board, state=state)
            .select_related("notification")
            .order_by("drafted_at", "id")[:LIST_LENGTH]
        )
        return [_communication(c) for c in rows]

    return read


def _communication(communication: Communication) -> WaitingItem:
    reference = communication.notification.reference or ""
    drafted = govuk_date(timezone.localtime(communication.drafted_at))
    return WaitingItem(
        f"{communication.get_audience_display()}, case {reference}",
        reverse("communications:detail", args=[reference, communication.pk]),
        f"{communication.get_channel_display()}, drafted {drafted}",
    )
