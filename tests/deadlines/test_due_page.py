"""/due/: the person's open deadlines in the board, soonest first, a page at a time; or
every open deadline of the board's cases they may see; or only the overdue ones."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from casereviews.boards.models import Role
from casereviews.deadlines import rules
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.deadlines.services import deadline_start
from casereviews.notifications.models import Status
from tests.factories import NotificationFactory
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 11, 2, 10, tzinfo=datetime.UTC)


def cases_of(response) -> list[str]:
    return [row.deadline.notification.reference for row in response.context["rows"]]


@pytest.fixture
def people(board):
    return staff(board)


def verification_due(board, people, day: int):
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.SUBMITTED
    )
    deadline_start(
        notification=case, rule=rules.VERIFICATION_DUE, started_at=START.replace(day=day)
    )
    return case


def test_the_business_manager_pages_through_their_deadlines_soonest_first(board, people, signed_in):
    cases = [verification_due(board, people, day) for day in range(2, 27)]
    cases += [verification_due(board, people, 27) for _ in range(30)]
    with time_machine.travel(START, tick=False):
        client = signed_in(people[Role.BUSINESS_MANAGER])
        first = client.get(reverse("deadlines:due"))
        second = client.get(reverse("deadlines:due"), {"after": first.context["page"].next_cursor})
    assert cases_of(first) + cases_of(second) == [c.reference for c in cases]
    assert len(cases_of(first)) == 50
    assert second.context["page"].next_cursor is None
    assert all(row.deadline.board_id == board.pk for row in first.context["rows"])


def test_mine_the_boards_and_only_overdue(board, other_board, people, signed_in):
    on_time = verification_due(board, people, 20)
    late = verification_due(board, people, 2)
    elsewhere = NotificationFactory.create(board=other_board, status=Status.SUBMITTED)
    deadline_start(notification=elsewhere, rule=rules.VERIFICATION_DUE, started_at=START)
    with time_machine.travel(START.replace(day=12), tick=False):
        chair = signed_in(people[Role.INDEPENDENT_CHAIR])
        mine = chair.get(reverse("deadlines:due"))
        boards = chair.get(reverse("deadlines:due"), {"whose": "board"})
        overdue = chair.get(reverse("deadlines:due"), {"whose": "board", "overdue": "yes"})
    # Verification is the Business Manager's: not the Chair's to do, but theirs to see.
    assert cases_of(mine) == []
    assert "You have nothing due." in mine.content.decode()
    assert cases_of(boards) == [late.reference, on_time.reference]
    assert cases_of(overdue) == [late.reference]
    assert "Overdue" in overdue.content.decode()


def test_the_board_list_shows_only_what_the_person_may_see(board, people, signed_in):
    draft = NotificationFactory.create(board=board, status=Status.DRAFT)
    deadline_start(notification=draft, rule=rules.VERIFICATION_DUE, started_at=START)
    with time_machine.travel(START, tick=False):
        response = signed_in(people[Role.BUSINESS_MANAGER]).get(
            reverse("deadlines:due"), {"whose": "board"}
        )
    assert Deadline.objects.filter(notification=draft, state=DeadlineState.OPEN).exists()
    assert cases_of(response) == []
