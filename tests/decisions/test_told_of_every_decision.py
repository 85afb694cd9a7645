"""Ofsted and the National Panel are told of every decision, SCR or not (Procedure
C 1(iii)): a case cannot close until both are recorded as told of the latest decision,
and each has a deadline, started by the decision and met (or met late) by telling."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.deadlines import rules
from casereviews.deadlines.calendar import end_of_day, start_of_day
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.deadlines.services import configured
from casereviews.decisions.services import chair_decision_record, external_notification_record
from casereviews.notifications.models import Status
from casereviews.workflow.models import StatusChange
from casereviews.workflow.services import TransitionRefused, notification_transition
from tests.decisions.cases import CPIR_FACTS, case_for_the_chair, commissioned
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

DECIDED = datetime(2026, 3, 2, 11, tzinfo=UTC)  # Monday 2 March 2026


def _deadlines(case) -> dict[str, tuple[str, datetime]]:
    return {
        d.rule_code: (d.state, d.due_at)
        for d in Deadline.objects.filter(notification=case).exclude(
            rule_code="scr_decision_within_one_month"
        )
    }


def _decide(case, people, decision: str) -> None:
    chair_decision_record(
        notification=case,
        by=people[Role.INDEPENDENT_CHAIR],
        expected_version=case.version,
        decision=decision,
        rationale="The Chair's reasons",
        other_review_consideration="A CPIR was considered",
        choice=commissioned(case.board, decision),
    )
    case.refresh_from_db()


def _tell(case, people, body: str, on: date) -> None:
    external_notification_record(
        notification=case,
        by=people[Role.BUSINESS_MANAGER],
        body=body,
        told_at=start_of_day(on),
        how="Secure e-mail",
    )


def _close(case, people):
    case.refresh_from_db()
    return notification_transition(
        notification=case,
        name="close",
        by=people[Role.BUSINESS_MANAGER],
        expected_version=case.version,
    )


def test_a_no_review_case_cannot_close_until_ofsted_and_the_panel_are_both_told(board) -> None:
    people = staff(board)
    case = case_for_the_chair(board, people, facts=CPIR_FACTS, review_type="no_review")
    with time_machine.travel(DECIDED, tick=False):
        _decide(case, people, "no_review")
    assert _deadlines(case) == {
        "panel_told_within_14_days": (DeadlineState.OPEN, end_of_day(date(2026, 3, 16))),
        "ofsted_told_of_no_scr": (DeadlineState.OPEN, end_of_day(date(2026, 3, 16))),
    }

    with time_machine.travel(datetime(2026, 3, 5, 10, tzinfo=UTC), tick=False):
        with pytest.raises(TransitionRefused) as refused:
            _close(case, people)
        assert refused.value.code == "ofsted_not_told"
        assert "Ofsted was told of the Independent Chair's decision" in refused.value.message

        _tell(case, people, "national_panel", date(2026, 3, 4))
        with pytest.raises(TransitionRefused) as refused:
            _close(case, people)
        assert refused.value.code == "ofsted_not_told"
        assert not StatusChange.objects.filter(notification=case, transition="close").exists()

    # Ofsted told after its due day: the deadline is recorded as met late.
    with time_machine.travel(datetime(2026, 3, 20, 10, tzinfo=UTC), tick=False):
        _tell(case, people, "ofsted", date(2026, 3, 18))
        assert _deadlines(case) == {
            "panel_told_within_14_days": (DeadlineState.MET, end_of_day(date(2026, 3, 16))),
            "ofsted_told_of_no_scr": (DeadlineState.MISSED, end_of_day(date(2026, 3, 16))),
        }
        closed = _close(case, people)
    assert closed.status == Status.CLOSED
    assert AuditEvent.objects.filter(action="notification.close").count() == 1


def test_the_panel_alone_is_not_enough_and_ofsted_alone_is_not_either(board) -> None:
    people = staff(board)
    case = case_for_the_chair(board, people, facts=CPIR_FACTS, review_type="no_review")
    with time_machine.travel(DECIDED, tick=False):
        _decide(case, people, "no_review")
    with time_machine.travel(datetime(2026, 3, 3, 10, tzinfo=UTC), tick=False):
        _tell(case, people, "ofsted", date(2026, 3, 3))
        with pytest.raises(TransitionRefused) as refused:
            _close(case, people)
        assert refused.value.code == "panel_not_told"
        case.refresh_from_db()
        assert case.status == Status.NO_REVIEW


def test_an_scr_decision_starts_one_deadline_met_only_when_both_are_told(board) -> None:
    people = staff(board)
    case = case_for_the_chair(board, people, facts=CPIR_FACTS)
    with time_machine.travel(DECIDED, tick=False):
        _decide(case, people, "scr")
    # Monday 2 March + 5 working days: Monday 9 March (local standard).
    assert _deadlines(case)["ofsted_and_panel_told"] == (
        DeadlineState.OPEN,
        end_of_day(date(2026, 3, 9)),
    )
    assert "panel_told_within_14_days" not in _deadlines(case)
    assert "ofsted_told_of_no_scr" not in _deadlines(case)
    with time_machine.travel(datetime(2026, 3, 6, 10, tzinfo=UTC), tick=False):
        _tell(case, people, "ofsted", date(2026, 3, 5))
        assert _deadlines(case)["ofsted_and_panel_told"][0] == DeadlineState.OPEN
        _tell(case, people, "national_panel", date(2026, 3, 6))
    assert _deadlines(case)["ofsted_and_panel_told"][0] == DeadlineState.MET


def test_the_figures_the_procedure_does_not_give_are_the_boards_to_set(board, settings) -> None:
    """National guidance and local standards are configurable (DEADLINE_FIGURES)."""
    settings.DEADLINE_FIGURES = {"panel_told_within_14_days": 10, "ofsted_told_of_no_scr": 7}
    people = staff(board)
    case = case_for_the_chair(board, people, facts=CPIR_FACTS, review_type="cpir")
    with time_machine.travel(DECIDED, tick=False):
        _decide(case, people, "cpir")
    deadlines = _deadlines(case)
    assert deadlines["panel_told_within_14_days"][1] == end_of_day(date(2026, 3, 12))
    assert deadlines["ofsted_told_of_no_scr"][1] == end_of_day(date(2026, 3, 9))


def test_the_procedures_own_month_cannot_be_reconfigured(settings) -> None:
    settings.DEADLINE_FIGURES = {"scr_decision_within_one_month": 2}
    with pytest.raises(ValueError, match="cannot be changed"):
        configured(rules.SCR_DECISION_WITHIN_ONE_MONTH)
