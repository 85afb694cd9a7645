"""A case with a child whose identity must never leave the service, before a LISG meeting
of the board's LISG member, the board's people, and communications at each step."""

from __future__ import annotations

from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Role
from casereviews.communications.models import Communication, CommunicationState
from casereviews.notifications.models import Notification, Status
from tests.factories import NotificationFactory, with_a_child
from tests.lisg import before_the_lisg

MESSAGE = "The board has commissioned a review and will share what it learns."


def case_with_a_child(
    board: Board, people: dict[Role, User], status: str = Status.CPIR_COMMISSIONED
) -> Notification:
    case = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER], status=status)
    with_a_child(case)
    # The LISG member sees the case through the meeting that has it (ADR 0011, 0027).
    before_the_lisg(case, people[Role.LISG_MEMBER])
    return case


def communication(
    case: Notification, people: dict[Role, User], state: str = CommunicationState.DRAFTED
) -> Communication:
    """A communication to the press, taken as far as `state` by the right people."""
    now = timezone.now()
    fields: dict[str, object] = {}
    if state != CommunicationState.DRAFTED:
        fields |= {"agreed_by": people[Role.LISG_MEMBER], "agreed_at": now}
    if state == CommunicationState.APPROVED:
        fields |= {
            "approved_by": people[Role.INDEPENDENT_CHAIR],
            "approved_at": now,
            "consulted": "The Director of Children's Services",
        }
    return Communication.objects.create(
        notification=case,
        audience="press",
        message=MESSAGE,
        channel="press_statement",
        deliverer=people[Role.BUSINESS_MANAGER],
        drafted_by=people[Role.BUSINESS_MANAGER],
        drafted_at=now,
        state=state,
        **fields,
    )
