"""Reads of deadlines: what each person must do, by when; and a case's deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Board
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.deadlines.rules import (
    DeadlineStatus,
    deadline_status,
    due_soon_window,
    get_rule,
)
from casereviews.notifications.models import Notification
from casereviews.notifications.policy import visible_in_board
from casereviews.policy import board_roles


@dataclass(frozen=True)
class DeadlineRow:
    deadline: Deadline
    title: str
    status: DeadlineStatus | None

    @property
    def tag(self) -> tuple[str, str]:
        """The GOV.UK tag text and colour class for this deadline."""
        if self.status is None:
            return self.deadline.get_state_display(), "govuk-tag--grey"
        return {
            DeadlineStatus.ON_TRACK: ("On track", "govuk-tag--green"),
            DeadlineStatus.DUE_SOON: ("Due soon", "govuk-tag--yellow"),
            DeadlineStatus.OVERDUE: ("Overdue", "govuk-tag--red"),
        }[self.status]


def deadline_row(deadline: Deadline, now: datetime) -> DeadlineRow:
    rule = get_rule(deadline.rule_code)
    status = (
        deadline_status(
            deadline.due_at,
            now,
            due_soon=due_soon_window(rule, deadline.started_at, deadline.due_at),
        )
        if deadline.state == DeadlineState.OPEN
        else None
    )
    return DeadlineRow(deadline, rule.title, status)


def overdue_deadlines(now: datetime | None = None) -> QuerySet[Deadline]:
    """Overdue is a query: open and past its due moment."""
    return Deadline.objects.filter(state=DeadlineState.OPEN, due_at__lt=now or timezone.now())


def deadlines_of_case(notification: Notification) -> list[DeadlineRow]:
    now = timezone.now()
    # Each agency's deadline names the agency: read with the deadlines, not one by one.
    deadlines = notification.deadlines.select_related("responsible_organisation")
    return [deadline_row(d, now) for d in deadlines.order_by("due_at", "id")]


# Soonest first; the id makes each deadline's place unique (index `deadline_open_of_board`).
SOONEST_FIRST = ("due_at", "id")


def open_deadlines(
    user: User, board: Board, *, whose: str = "mine", overdue: bool = False
) -> QuerySet[Deadline]:
    """The open deadlines of the board's cases this person may see, soonest first.

    `whose="mine"`: those they must act on — owned by a role they hold in the board,
    their organisation's agency returns, and their own CRNF As. `whose="board"`: every
    one of the board they may see. `overdue`: only those past their due moment."""
    roles = board_roles(user).get(board.pk, frozenset())
    queryset = Deadline.objects.filter(
        visible_in_board(user, board, through="notification__"),
        board=board,
        state=DeadlineState.OPEN,
    )
    if whose == "mine":
        mine = Q(responsible_role__in=[str(role) for role in roles] + ["__none__"])
        mine &= ~Q(responsible_role="notifier") & ~Q(responsible_role="agency_lead")
        mine |= Q(responsible_role="notifier", notification__notifier=user)
        if "agency_lead" in roles:
            mine |= Q(responsible_role="agency_lead", responsible_organisation=user.organisation_id)
        queryset = queryset.filter(mine)
    if overdue:
        queryset = queryset.filter(due_at__lt=timezone.now())
    return queryset.select_related("notification", "responsible_organisation").only(
        "started_at",  # the due-soon window is the deadline's own (`due_soon_window`)
        "due_at",
        "rule_code",
        "state",
        "notification__reference",
        "notification__imported_at",
        "responsible_organisation__name",
    )


def deadline_rows(deadlines: list[Deadline]) -> list[DeadlineRow]:
    now = timezone.now()
    return [deadline_row(d, now) for d in deadlines]
