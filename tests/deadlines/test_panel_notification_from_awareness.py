"""A partnership's 5 working days for notifying the Child Safeguarding Practice Review Panel
run from the day the local authority became aware of the incident (Children Act 2004 s16C;
Working Together 2023, chapter 5), when the notification gives it, and from submission
otherwise. The rapid review's 15 working days still run from the notification to the Panel."""

from __future__ import annotations

import datetime

import holidays
import pytest
import time_machine
from django.urls import reverse

from casereviews.boards.models import Board, BoardFramework, Role
from casereviews.deadlines.calendar import LONDON, WorkingCalendar, end_of_day
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.deadlines.selectors import overdue_deadlines
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.services import notification_transition
from tests.factories import NotificationFactory, moved
from tests.partnership import judged_notifiable
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

WT = "wt-2023"
PANEL = "panel_notified_within_5_working_days"
RAPID_REVIEW = "rapid_review_within_15_working_days"


@pytest.fixture
def partnership(board: Board) -> Board:
    BoardFramework.objects.create(
        board=board, framework=WT, effective_from=datetime.date(2024, 9, 1)
    )
    return board


def _submitted(
    board: Board, people, aware_on: datetime.date | None, at: datetime.datetime
) -> Notification:
    case = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        status=Status.DRAFT,
        framework=WT,
        local_authority_aware_on=aware_on,
        # Named as the submission service names it (the workflow does not).
        reference=f"{board.code}-{at.year}-{Notification.objects.count() + 1:04d}",
    )
    with time_machine.travel(at, tick=False):
        case = notification_transition(
            notification=case, name="submit", by=people[Role.NOTIFIER], expected_version=1
        )
        return judged_notifiable(case, people[Role.BUSINESS_MANAGER])


def _panel(case: Notification) -> Deadline:
    return Deadline.objects.get(notification=case, rule_code=PANEL, state=DeadlineState.OPEN)


def test_the_five_working_days_run_from_awareness_across_christmas_and_sooner_than_submission(
    partnership: Board,
) -> None:
    """Aware on Christmas Eve 2026 (a Thursday) and sent on Tuesday 29 December: Christmas
    Day, the Boxing Day substitute (Monday 28 December) and New Year's Day are not working
    days, so the Panel is due by the end of Tuesday 5 January 2027, a working day sooner
    than the Wednesday counted from submission."""
    england = holidays.country_holidays("GB", subdiv="ENG", years=[2026, 2027])
    for day in (
        datetime.date(2026, 12, 25),
        datetime.date(2026, 12, 28),
        datetime.date(2027, 1, 1),
    ):
        assert day in england
    people = staff(partnership)
    sent = datetime.datetime(2026, 12, 29, 10, tzinfo=LONDON)
    aware = _submitted(partnership, people, datetime.date(2026, 12, 24), sent)
    unknown = _submitted(partnership, people, None, sent)
    calendar = WorkingCalendar()
    assert calendar.add_working_days(datetime.date(2026, 12, 24), 5) == datetime.date(2027, 1, 5)
    assert _panel(aware).due_at == end_of_day(datetime.date(2027, 1, 5))
    assert _panel(unknown).due_at == end_of_day(datetime.date(2027, 1, 6))
    assert _panel(aware).due_at < _panel(unknown).due_at


def test_aware_more_than_five_working_days_before_sending_it_is_overdue_at_once_where_people_look(
    partnership: Board, signed_in
) -> None:
    """Aware on Monday 2 November 2026, sent on Tuesday 10 November: the Panel was due by the
    end of Monday 9 November, so the deadline is overdue from the moment the case arrives,
    on the case page and on /due/ alike."""
    people = staff(partnership)
    sent = datetime.datetime(2026, 11, 10, 9, tzinfo=LONDON)
    case = _submitted(partnership, people, datetime.date(2026, 11, 2), sent)
    assert _panel(case).due_at == end_of_day(datetime.date(2026, 11, 9))
    with time_machine.travel(sent + datetime.timedelta(minutes=1), tick=False):
        assert list(
            overdue_deadlines().filter(notification=case).values_list("rule_code", flat=True)
        ) == [PANEL]
        client = signed_in(people[Role.BUSINESS_MANAGER])
        due = client.get(reverse("deadlines:due"))
        shown = client.get(reverse("notifications:detail", args=[case.reference]))
        assert shown.status_code == 200, shown
        page = shown.content.decode()
    rows = [row for row in due.context["rows"] if row.deadline.notification_id == case.pk]
    assert [(row.deadline.rule_code, row.tag[0]) for row in rows] == [(PANEL, "Overdue")]
    deadlines = page[page.index("Deadlines") :]
    assert "Local authority notifies the Child Safeguarding Practice Review Panel" in deadlines
    assert "Overdue" in deadlines
    assert "9 November 2026" in deadlines


def test_the_rapid_review_still_counts_from_the_notification_to_the_panel(
    partnership: Board,
) -> None:
    """Knowing the day of awareness moves only the Panel's 5 days: the rapid review's 15
    working days start when the notification to the Panel is recorded (Thursday 5
    November 2026: due by the end of Thursday 26 November)."""
    people = staff(partnership)
    case = _submitted(
        partnership,
        people,
        datetime.date(2026, 11, 2),
        datetime.datetime(2026, 11, 3, 9, tzinfo=LONDON),
    )
    with time_machine.travel(datetime.datetime(2026, 11, 5, 11, tzinfo=LONDON), tick=False):
        moved(case, "notify_panel", people[Role.BUSINESS_MANAGER])
    panel = Deadline.objects.get(notification=case, rule_code=PANEL)
    assert panel.state == DeadlineState.MET  # by the end of Monday 9 November
    rapid = Deadline.objects.get(notification=case, rule_code=RAPID_REVIEW)
    assert rapid.due_at == end_of_day(datetime.date(2026, 11, 26))
