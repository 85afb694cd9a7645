"""Which cases wait for whom, read from the transition table: the staff's "needs your
attention" lists on the home page; and the safeguarding partners' decision on a case."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Role
from casereviews.frameworks.vocabulary import Framework
from casereviews.notifications.models import Notification, Status
from casereviews.notifications.policy import case_sight
from casereviews.notifications.selectors import (
    AttentionSection,
    notification_list,
)
from casereviews.policy import board_roles
from casereviews.workflow.models import StatusChange
from casereviews.workflow.tables import awaiting_by_framework
from casereviews.workflow.wt_2023 import PARTNERS_DECISIONS

LIST_LENGTH = 20

# Each staff role's list: its title, what it says when empty, and the states it leaves
# to another list (the Business Manager verifies submitted notifications from their own).
_WAITING: tuple[tuple[Role, str, str, frozenset[Status]], ...] = (
    (
        Role.BUSINESS_MANAGER,
        "Cases waiting for you",
        "No verified case is waiting for you.",
        frozenset({Status.SUBMITTED}),
    ),
    (Role.LISG_MEMBER, "Cases before the LISG", "There are no cases before the LISG.", frozenset()),
    (
        Role.INDEPENDENT_CHAIR,
        "Cases waiting for your decision",
        "There are no cases waiting for your decision.",
        frozenset(),
    ),
    # A safeguarding partner's representative: the partnership's cases waiting for the
    # three partners' agreement (`workflow.partners`).
    *(
        (
            role,
            "Cases waiting for your agreement",
            "There are no cases waiting for the safeguarding partners' agreement.",
            frozenset(),
        )
        for role in (Role.PARTNER_LOCAL_AUTHORITY, Role.PARTNER_ICB, Role.PARTNER_POLICE)
    ),
)


def waiting_sections(user: User, board: Board | None) -> list[AttentionSection]:
    """For each staff role the person holds in the board: the cases whose next step is
    theirs in their case's framework's table (`tables.awaiting_by_framework`), however far
    along the procedure they are."""
    if board is None:
        return []
    roles = board_roles(user).get(board.pk, frozenset())
    sections = []
    for role, title, empty, elsewhere in _WAITING:
        if role not in roles:
            continue
        # The cases the person sees in this role: a LISG member's list holds the cases
        # before their meetings, not those they see as their agency's lead.
        visible = Notification.objects.filter(case_sight(user, {role}, board=board), board=board)
        waiting = Q()
        for framework, statuses in awaiting_by_framework(role).items():
            # The other lists are the 2015 procedure's (verification); a partnership's
            # submitted case waits here for the notification to the Panel.
            if framework is Framework.BF_LSCB_2015:
                statuses -= elsewhere
            waiting |= Q(framework=framework, status__in=sorted(statuses))
        waiting_here = notification_list(visible.filter(waiting))
        section = AttentionSection(title, empty, list(waiting_here[:LIST_LENGTH]))
        if role == Role.BUSINESS_MANAGER:
            section.link_text = "All cases of the board"
            section.link_url = reverse("notifications:board")
        sections.append(section)
    return sections


def partners_decision_of(notification: Notification) -> StatusChange | None:
    """The safeguarding partners' decision on a partnership's case (framework wt-2023): the
    newest of their steps (a reopened case decided again counts its new decision). Its
    `transition` names it (`wt_2023.PARTNERS_DECISIONS`); `reason` holds their reasons."""
    return (
        StatusChange.objects.filter(notification=notification, transition__in=PARTNERS_DECISIONS)
        .only("transition", "at", "notification_id")
        .order_by("-at", "-id")
        .first()
    )
