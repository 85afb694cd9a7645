"""Deadlines as rows: started, met, missed and cancelled by the transitions of the
procedure, with due moments from the rules, across a bank-holiday weekend, Christmas and
the end of a month."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.deadlines.calendar import LONDON, end_of_day
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.deadlines.selectors import overdue_deadlines
from casereviews.decisions import services as decisions
from casereviews.notifications.models import Notification, ReviewSought, Status
from casereviews.workflow.services import notification_transition
from casereviews.workflow.transitions import TRANSITIONS
from tests.factories import NotificationFactory, OrganisationFactory
from tests.workflow.procedure import actor_for, prepare, staff

pytestmark = pytest.mark.django_db


def london(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=LONDON)


def move(case: Notification, name: str, people) -> Notification:
    transition = TRANSITIONS[name]
    prepare(case, transition, people)
    case.refresh_from_db()
    actor = actor_for(transition, case, people)
    return notification_transition(
        notification=case, name=name, by=actor, expected_version=case.version, reason="Recorded"
    )


def due(case: Notification, code: str) -> datetime:
    return Deadline.objects.get(notification=case, rule_code=code).due_at


def states(case: Notification) -> dict[str, str]:
    return dict(Deadline.objects.filter(notification=case).values_list("rule_code", "state"))


def _tell(case: Notification, people: dict[Role, User], body: str, how: str) -> None:
    """The Business Manager records, now, that `body` was told of the case."""
    decisions.external_notification_record(
        notification=case,
        by=people[Role.BUSINESS_MANAGER],
        body=body,
        told_at=datetime.now(UTC),
        how=how,
    )


def test_submitting_before_a_bank_holiday_weekend_starts_three_deadlines(board) -> None:
    """Submitted on Friday 22 May 2026, before the spring bank holiday (Monday 25 May):
    verification by the end of Wednesday 27 May (2 working days), the Chair's SCR decision
    by the end of Monday 22 June (one month) and the LISG by Monday 15 June (5 working
    days before it)."""
    people = staff(board)
    with time_machine.travel(london(2026, 5, 22, 10, 0), tick=False):
        case = NotificationFactory.create(
            board=board, notifier=people[Role.NOTIFIER], status=Status.DRAFT
        )
        move(case, "submit", people)
    assert due(case, "verification_due") == end_of_day(date(2026, 5, 27))
    assert due(case, "scr_decision_within_one_month") == end_of_day(date(2026, 6, 22))
    assert due(case, "lisg_recommendation_due") == end_of_day(date(2026, 6, 15))
    assert set(states(case).values()) == {DeadlineState.OPEN}


def test_verifying_on_time_meets_and_late_misses_the_verification_deadline(board) -> None:
    people = staff(board)
    with time_machine.travel(london(2026, 12, 24, 9, 0), tick=False):
        on_time = NotificationFactory.create(
            board=board, notifier=people[Role.NOTIFIER], status=Status.DRAFT
        )
        late = NotificationFactory.create(
            board=board, notifier=people[Role.NOTIFIER], status=Status.DRAFT
        )
        move(on_time, "submit", people)
        move(late, "submit", people)
    # Christmas Eve + 2 working days skips Christmas, Boxing Day's substitute and the weekend.
    assert due(on_time, "verification_due") == end_of_day(date(2026, 12, 30))
    with time_machine.travel(london(2026, 12, 30, 23, 0), tick=False):
        move(on_time, "verify", people)
    with time_machine.travel(london(2026, 12, 31, 0, 0, 1), tick=False):
        move(late, "verify", people)
    assert states(on_time)["verification_due"] == DeadlineState.MET
    assert states(late)["verification_due"] == DeadlineState.MISSED
    assert states(late)["scr_decision_within_one_month"] == DeadlineState.OPEN


def test_an_scr_decision_before_christmas_starts_the_notifications_and_the_review(board) -> None:
    """Decided on Wednesday 23 December 2026: Ofsted and the Panel by Monday 4 January
    2027 (5 working days), the review completed by 23 June 2027 (six months)."""
    people = staff(board)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.DRAFT
    )
    with time_machine.travel(london(2026, 12, 1, 9, 0), tick=False):
        for name in ("submit", "verify", "lisg_recommend"):
            case = move(case, name, people)
    with time_machine.travel(london(2026, 12, 23, 15, 0), tick=False):
        move(case, "decide_scr", people)
    assert states(case) == {
        "verification_due": DeadlineState.MET,
        "lisg_recommendation_due": DeadlineState.MET,
        "scr_decision_within_one_month": DeadlineState.MET,
        "ofsted_and_panel_told": DeadlineState.OPEN,
        "review_completed_within_six_months": DeadlineState.OPEN,
    }
    assert due(case, "ofsted_and_panel_told") == end_of_day(date(2027, 1, 4))
    assert due(case, "review_completed_within_six_months") == end_of_day(date(2027, 6, 23))

    with time_machine.travel(london(2026, 12, 29, 10, 0), tick=False):
        _tell(case, people, "ofsted", "Ofsted online form")
        assert states(case)["ofsted_and_panel_told"] == DeadlineState.OPEN  # the Panel too
        _tell(case, people, "national_panel", "Panel notification form")
    assert states(case)["ofsted_and_panel_told"] == DeadlineState.MET


def test_a_no_scr_decision_at_the_end_of_a_month_gives_the_panel_14_days(board) -> None:
    """Decided no review on Saturday 31 January 2026: the Panel by the end of Saturday
    14 February (calendar days, not moved), and Ofsted by the same day; telling each on
    time meets its deadline, telling it late records it as met late."""
    people = staff(board)
    with time_machine.travel(london(2026, 1, 31, 11, 0), tick=False):
        case = NotificationFactory.create(
            board=board, notifier=people[Role.NOTIFIER], status=Status.DRAFT
        )
        for name in ("submit", "verify", "lisg_recommend", "decide_no_review"):
            case = move(case, name, people)
    assert due(case, "scr_decision_within_one_month") == end_of_day(date(2026, 2, 28))
    assert due(case, "panel_told_within_14_days") == end_of_day(date(2026, 2, 14))
    # Ofsted is told of every decision too (C 1(iii)), by the board's standard.
    assert due(case, "ofsted_told_of_no_scr") == end_of_day(date(2026, 2, 14))
    assert "review_completed_within_six_months" not in states(case)
    with time_machine.travel(london(2026, 2, 14, 20, 0), tick=False):
        _tell(case, people, "ofsted", "Ofsted online form")
    assert states(case)["ofsted_told_of_no_scr"] == DeadlineState.MET
    with time_machine.travel(london(2026, 2, 16, 9, 0), tick=False):
        assert overdue_deadlines().filter(notification=case).get().rule_code == (
            "panel_told_within_14_days"
        )
        _tell(case, people, "national_panel", "Panel notification form")
    assert states(case)["panel_told_within_14_days"] == DeadlineState.MISSED
    assert not overdue_deadlines().filter(notification=case).exists()


def test_each_agency_request_has_its_own_due_date_in_working_days(board) -> None:
    """Asked on Friday 30 January 2026: the default 10 working days give Friday 13
    February; a request given 3 working days is due Wednesday 4 February."""
    people = staff(board)
    police = OrganisationFactory.create(name="Thames Valley Police")
    health = OrganisationFactory.create(name="Frimley Health NHS Foundation Trust")
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.UNDER_CONSIDERATION
    )
    with time_machine.travel(london(2026, 1, 30, 14, 0), tick=False):
        first = decisions.involvement_request_send(
            notification=case, organisation=police, by=people[Role.BUSINESS_MANAGER]
        )
        second = decisions.involvement_request_send(
            notification=case,
            organisation=health,
            by=people[Role.BUSINESS_MANAGER],
            working_days=3,
        )
    rows = Deadline.objects.filter(notification=case, rule_code="agency_return_due")
    assert {(d.responsible_organisation, d.due_at) for d in rows} == {
        (police, end_of_day(date(2026, 2, 13))),
        (health, end_of_day(date(2026, 2, 4))),
    }
    assert (first.due_at, second.due_at) == (
        end_of_day(date(2026, 2, 13)),
        end_of_day(date(2026, 2, 4)),
    )


def test_escalating_a_cpir_replaces_its_deadlines_with_the_scrs(board) -> None:
    people = staff(board)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.LISG_RECOMMENDED
    )
    with time_machine.travel(london(2026, 3, 2, 10, 0), tick=False):
        case = move(case, "decide_cpir", people)
    with time_machine.travel(london(2026, 4, 1, 10, 0), tick=False):
        decisions.chair_decision_escalate(
            notification=case,
            by=people[Role.INDEPENDENT_CHAIR],
            expected_version=case.version,
            rationale="New information about the police's involvement",
        )
    rows = list(
        Deadline.objects.filter(notification=case).values_list("rule_code", "state", "due_at")
    )
    assert (
        "panel_told_within_14_days",
        DeadlineState.CANCELLED,
        end_of_day(date(2026, 3, 16)),
    ) in rows
    assert (
        "review_completed_within_six_months",
        DeadlineState.CANCELLED,
        end_of_day(date(2026, 9, 2)),
    ) in rows
    assert (
        "review_completed_within_six_months",
        DeadlineState.OPEN,
        end_of_day(date(2026, 10, 1)),
    ) in rows
    # Wednesday 1 April 2026 + 5 working days skips Good Friday and Easter Monday.
    assert ("ofsted_and_panel_told", DeadlineState.OPEN, end_of_day(date(2026, 4, 10))) in rows
    scr = case.chair_decisions.get(decision="scr")
    assert scr.escalates == case.chair_decisions.get(decision="cpir")


def test_the_report_meets_the_six_months_and_withdrawal_cancels_everything(board) -> None:
    people = staff(board)
    reviewed = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.LISG_RECOMMENDED
    )
    with time_machine.travel(london(2026, 1, 15, 10, 0), tick=False):
        for name in ("decide_other_review", "start_review", "receive_report"):
            reviewed = move(reviewed, name, people)
    assert states(reviewed)["review_completed_within_six_months"] == DeadlineState.MET

    withdrawn = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.DRAFT
    )
    move(withdrawn, "submit", people)
    move(withdrawn, "withdraw", people)
    assert set(states(withdrawn).values()) == {DeadlineState.CANCELLED}


@pytest.mark.parametrize(
    ("hours_after_consultation", "state"),
    [(23, DeadlineState.MET), (25, DeadlineState.MISSED)],
)
def test_the_crnf_a_is_due_24_hours_after_the_consultation(
    board, hours_after_consultation: int, state: str
) -> None:
    """An inter-agency CPIR request submitted 23 hours after the consultation is on time;
    one submitted after 25 hours is accepted and its lateness recorded (Christmas Eve:
    the 24 hours are elapsed hours, holidays or not)."""
    people = staff(board)
    consulted = london(2026, 12, 24, 16, 0)
    case = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        status=Status.DRAFT,
        review_sought=ReviewSought.INTER_AGENCY_CPIR,
        consulted_at=consulted,
    )
    with time_machine.travel(consulted + timedelta(hours=hours_after_consultation), tick=False):
        move(case, "submit", people)
    crnf = Deadline.objects.get(notification=case, rule_code="crnf_a_within_24_hours")
    assert crnf.due_at == consulted + timedelta(hours=24)
    assert crnf.state == state


def test_without_a_consultation_there_is_no_24_hour_clock(board) -> None:
    """The 24 hours run from the consultation: a notifier who consulted nobody is not
    given a deadline that never started."""
    people = staff(board)
    case = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        status=Status.DRAFT,
        review_sought=ReviewSought.INTER_AGENCY_CPIR,
    )
    move(case, "submit", people)
    assert not Deadline.objects.filter(notification=case, rule_code="crnf_a_within_24_hours")


def test_the_verification_clock_stops_while_the_notifier_answers(board) -> None:
    """Returned for information on Tuesday 3 November 2026, the Business Manager is not
    late while waiting: verification is cancelled, and starts again when the notification
    comes back on Monday 9 November (due the end of Wednesday 11 November). The month for
    the SCR decision keeps running from the original notification."""
    people = staff(board)
    with time_machine.travel(london(2026, 11, 2, 10, 0), tick=False):
        case = NotificationFactory.create(
            board=board, notifier=people[Role.NOTIFIER], status=Status.DRAFT
        )
        move(case, "submit", people)
    month = due(case, "scr_decision_within_one_month")
    with time_machine.travel(london(2026, 11, 3, 10, 0), tick=False):
        move(case, "return_for_information", people)
    assert states(case)["verification_due"] == DeadlineState.CANCELLED
    with time_machine.travel(london(2026, 11, 9, 10, 0), tick=False):
        move(case, "resubmit", people)
    verification = Deadline.objects.get(
        notification=case, rule_code="verification_due", state=DeadlineState.OPEN
    )
    assert verification.due_at == end_of_day(date(2026, 11, 11))
    assert due(case, "scr_decision_within_one_month") == month


def test_a_reopened_case_is_due_a_recommendation_and_a_decision_again(board) -> None:
    """Withdrawn, then reopened by the Business Manager on Monday 7 December 2026: the
    LISG recommendation and the SCR decision are due again, the decision by the end of
    Thursday 7 January 2027 (one month from the reopening)."""
    people = staff(board)
    with time_machine.travel(london(2026, 11, 2, 10, 0), tick=False):
        case = NotificationFactory.create(
            board=board, notifier=people[Role.NOTIFIER], status=Status.DRAFT
        )
        move(case, "submit", people)
        move(case, "withdraw", people)
    assert DeadlineState.OPEN not in states(case).values()
    with time_machine.travel(london(2026, 12, 7, 10, 0), tick=False):
        move(case, "reopen", people)
    reopened = Deadline.objects.filter(notification=case, state=DeadlineState.OPEN)
    assert set(reopened.values_list("rule_code", flat=True)) == {
        "lisg_recommendation_due",
        "scr_decision_within_one_month",
    }
    decision = reopened.get(rule_code="scr_decision_within_one_month")
    assert decision.due_at == end_of_day(date(2027, 1, 7))
