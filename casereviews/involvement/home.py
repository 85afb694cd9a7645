"""A LISG member's meetings on their home page (`casereviews.frontend.waiting`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Board
from casereviews.frontend.templatetags.govuk import govuk_date
from casereviews.frontend.waiting import LIST_LENGTH
from casereviews.involvement.models import LisgMeeting
from casereviews.notifications.selectors import WaitingItem
from casereviews.policy import Action, scope


def meetings_waiting(user: User, board: Board) -> list[WaitingItem]:
    """The person's own meetings from today, soonest first, with whether the pack is out."""
    rows = (
        scope(user, Action.LISG_MEETING_VIEW)
        .filter(board=board, members__user=user, date__gte=timezone.localdate())
        .order_by("date", "id")[:LIST_LENGTH]
    )
    return [_meeting(m) for m in rows]


def _meeting(meeting: LisgMeeting) -> WaitingItem:
    at = f" at {meeting.time:%H:%M}" if meeting.time else ""
    pack = "The pack is issued: read it before the meeting" if meeting.pack_version else ""
    return WaitingItem(
        f"LISG meeting on {govuk_date(meeting.date)}{at}",
        reverse("involvement:lisg-meeting", args=[meeting.pk]),
        pack or "The pack is not issued yet",
    )
