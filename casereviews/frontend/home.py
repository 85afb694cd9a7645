"""The home page's lists of what waits for a person that is not a case's next step
(issue 28, 5): the communications the Chair approves and the LISG agrees, a LISG
member's meetings and their packs, and the review actions an agency lead's agency owns.
Each read goes through the policy's scope for the action the person would take."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Role
from casereviews.communications.models import Communication, CommunicationState
from casereviews.frontend.templatetags.govuk import govuk_date
from casereviews.involvement.models import LisgMeeting
from casereviews.notifications.selectors import AttentionSection, WaitingItem
from casereviews.policy import Action, board_roles, scope
from casereviews.reviews.models import ActionStatus, ReviewAction

LIST_LENGTH = 20


def _communications(user: User, board: Board, action: Action, state: str) -> list[WaitingItem]:
    rows = (
        scope(user, action)
        .filter(notification__board=board, state=state)
        .select_related("notification")
        .order_by("drafted_at", "id")[:LIST_LENGTH]
    )
    return [_communication(c) for c in rows]


def _communication(communication: Communication) -> WaitingItem:
    reference = communication.notification.reference or ""
    drafted = govuk_date(timezone.localtime(communication.drafted_at))
    return WaitingItem(
        f"{communication.get_audience_display()}, case {reference}",
        reverse("communications:detail", args=[reference, communication.pk]),
        f"{communication.get_channel_display()}, drafted {drafted}",
    )


def _meetings(user: User, board: Board) -> list[WaitingItem]:
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


def _actions(user: User, board: Board) -> list[WaitingItem]:
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


def more_sections(user: User, board: Board | None) -> list[AttentionSection]:
    if board is None:
        return []
    roles = board_roles(user).get(board.pk, frozenset())
    sections = []
    if Role.INDEPENDENT_CHAIR in roles:
        sections.append(
            AttentionSection(
                "Communications waiting for your approval",
                "",
                items=_communications(
                    user, board, Action.COMMUNICATION_APPROVE, CommunicationState.AGREED
                ),
            )
        )
    if Role.LISG_MEMBER in roles:
        sections.append(
            AttentionSection(
                "Communications for the LISG to agree",
                "",
                items=_communications(
                    user, board, Action.COMMUNICATION_AGREE, CommunicationState.DRAFTED
                ),
            )
        )
        sections.append(AttentionSection("Your LISG meetings", "", items=_meetings(user, board)))
    if Role.AGENCY_LEAD in roles:
        sections.append(
            AttentionSection("Review actions your agency owns", "", items=_actions(user, board))
        )
    return sections
