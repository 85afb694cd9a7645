"""The Working Together 2023 table (`casereviews.workflow.wt_2023`), through the same
service as the 2015 one: each step allowed and refused by role, by state and for want of
a reason, generated from the table; the table is picked by the case's framework; and the
partnership's deadlines (the Panel within 5 working days, the rapid review within 15)
counted across bank holidays from the steps that start them."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from casereviews.assessments.notifiability import notifiability_record
from casereviews.audit.actions import ACTION_LABELS
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board, BoardFramework, Role
from casereviews.deadlines.models import Deadline
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.models import StatusChange, TimelineEntry
from casereviews.workflow.services import TransitionRefused, notification_transition
from casereviews.workflow.transitions import TRANSITIONS, Transition
from casereviews.workflow.words import status_sentence
from casereviews.workflow.wt_2023 import WT_2023_TRANSITIONS
from tests.factories import NotificationFactory
from tests.workflow.procedure import actor_for, prepare, staff

pytestmark = pytest.mark.django_db

ALL = sorted(WT_2023_TRANSITIONS.values(), key=lambda t: t.name)
WT = "wt-2023"


@pytest.fixture
def partnership(board: Board) -> Board:
    BoardFramework.objects.create(
        board=board, framework=WT, effective_from=datetime.date(2024, 9, 1)
    )
    return board


def _case(board: Board, people, transition: Transition, status: str | None = None):
    status = status or sorted(transition.sources)[0]
    return NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=status, framework=WT
    )


def test_every_step_of_the_table_has_an_audit_label() -> None:
    for name in WT_2023_TRANSITIONS:
        assert ACTION_LABELS[f"notification.{name}"]


@pytest.mark.parametrize("transition", ALL, ids=lambda t: t.name)
def test_the_permitted_person_makes_the_step_and_every_record_is_written(
    partnership: Board, transition: Transition
) -> None:
    people = staff(partnership)
    case = _case(partnership, people, transition)
    from_status = case.status
    # The review's records guard the steps an LCSPR shares with an SCR.
    prepare(case, transition, people)
    actor = actor_for(transition, case, people)
    done = notification_transition(
        notification=case, name=transition.name, by=actor, expected_version=1, reason="Because"
    )
    assert (done.status, done.version, done.framework) == (transition.target, 2, WT)
    change = StatusChange.objects.get(notification=case)
    assert (change.transition, change.from_status, change.to_status, change.by) == (
        transition.name,
        from_status,
        transition.target,
        actor,
    )
    entry = TimelineEntry.objects.get(notification=case, kind=f"transition.{transition.name}")
    assert entry.text == ACTION_LABELS[f"notification.{transition.name}"]
    assert AuditEvent.objects.filter(action=f"notification.{transition.name}").count() == 1


@pytest.mark.parametrize("transition", ALL, ids=lambda t: t.name)
def test_every_other_role_is_refused_and_nothing_is_written(
    partnership: Board, transition: Transition
) -> None:
    people = staff(partnership)
    case = _case(partnership, people, transition)
    status = case.status
    refused = [
        people[role]
        for role in Role
        if role not in transition.roles and people[role] != case.notifier
    ]
    if not transition.notifier_may:
        refused.append(case.notifier)
    for someone in refused:
        with pytest.raises(TransitionRefused) as raised:
            notification_transition(
                notification=case, name=transition.name, by=someone, expected_version=1, reason="x"
            )
        assert raised.value.code == "not_permitted"
    case.refresh_from_db()
    assert (case.status, case.version) == (status, 1)
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize("transition", ALL, ids=lambda t: t.name)
def test_the_step_is_refused_from_every_other_state(
    partnership: Board, transition: Transition
) -> None:
    people = staff(partnership)
    for status in set(Status) - transition.sources:
        case = _case(partnership, people, transition, status=status)
        with pytest.raises(TransitionRefused):
            notification_transition(
                notification=case,
                name=transition.name,
                by=actor_for(transition, case, people),
                expected_version=1,
                reason="x",
            )
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize("transition", [t for t in ALL if t.needs_reason], ids=lambda t: t.name)
def test_a_judgement_without_a_reason_is_refused(
    partnership: Board, transition: Transition
) -> None:
    people = staff(partnership)
    case = _case(partnership, people, transition)
    with pytest.raises(TransitionRefused, match="Enter the reason"):
        notification_transition(
            notification=case,
            name=transition.name,
            by=actor_for(transition, case, people),
            expected_version=1,
            reason=" ",
        )


def test_a_2015_case_cannot_take_a_partnership_step_nor_a_partnership_case_a_2015_one(
    partnership: Board,
) -> None:
    """The table is the case's framework's, whatever the board has in force now."""
    people = staff(partnership)
    old = NotificationFactory.create(board=partnership, notifier=people[Role.NOTIFIER])
    assert old.framework == "bf-lscb-2015"
    with pytest.raises(LookupError):
        notification_transition(
            notification=old,
            name="notify_panel",
            by=people[Role.BUSINESS_MANAGER],
            expected_version=1,
        )
    new = _case(partnership, people, WT_2023_TRANSITIONS["notify_panel"])
    with pytest.raises(LookupError):
        notification_transition(
            notification=new, name="verify", by=people[Role.BUSINESS_MANAGER], expected_version=1
        )
    assert "verify" in TRANSITIONS  # the 2015 table is untouched


def test_a_draft_takes_the_framework_in_force_when_it_is_first_submitted(board: Board) -> None:
    """Before the board's change date a case is submitted under 2015; on and after, under
    wt-2023 — and keeps it."""
    BoardFramework.objects.create(
        board=board, framework=WT, effective_from=datetime.date(2027, 1, 4)
    )
    people = staff(board)
    before = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.DRAFT
    )
    after = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.DRAFT
    )
    with time_machine.travel(datetime.datetime(2027, 1, 1, 12, tzinfo=datetime.UTC)):
        notification_transition(
            notification=before, name="submit", by=people[Role.NOTIFIER], expected_version=1
        )
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, tzinfo=datetime.UTC)):
        notification_transition(
            notification=after, name="submit", by=people[Role.NOTIFIER], expected_version=1
        )
    before.refresh_from_db()
    after.refresh_from_db()
    assert (before.framework, after.framework) == ("bf-lscb-2015", WT)
    assert "verified" in status_sentence(before)
    assert "Child Safeguarding Practice Review Panel" in status_sentence(after)
    assert set(
        Deadline.objects.filter(notification=before).values_list("rule_code", flat=True)
    ) == {
        "verification_due",
        "lisg_recommendation_due",
        "scr_decision_within_one_month",
    }


def _due_day(case: Notification, code: str) -> datetime.date:
    deadline = Deadline.objects.get(notification=case, rule_code=code)
    return timezone.localtime(deadline.due_at).date()


def test_the_panel_is_due_within_5_working_days_and_the_rapid_review_within_15_across_bank_holidays(
    partnership: Board,
) -> None:
    """Submitted and judged notifiable on Christmas Eve 2026: Christmas Day, the Boxing Day
    substitute (Monday 28 December) and New Year's Day are not working days, so the Panel is
    due by Tuesday 5 January 2027. Notified on Thursday 25 March 2027: Good Friday and
    Easter Monday fall in the 15 working days, so the rapid review is due by Monday 19
    April 2027."""
    people = staff(partnership)
    case = NotificationFactory.create(
        board=partnership, notifier=people[Role.NOTIFIER], status=Status.DRAFT, framework=WT
    )
    with time_machine.travel(datetime.datetime(2026, 12, 24, 10, tzinfo=datetime.UTC)):
        case = notification_transition(
            notification=case, name="submit", by=people[Role.NOTIFIER], expected_version=1
        )
        # No Panel clock until the incident is judged notifiable.
        assert not Deadline.objects.filter(notification=case).exists()
        notifiability_record(
            notification=case,
            notifiable=True,
            by=people[Role.BUSINESS_MANAGER],
            expected_version=case.version,
            reason="The facts given say so",
        )
        case.refresh_from_db()
    assert _due_day(case, "panel_notified_within_5_working_days") == datetime.date(2027, 1, 5)
    assert not Deadline.objects.filter(notification=case, rule_code="verification_due").exists()
    with time_machine.travel(datetime.datetime(2027, 3, 25, 10, tzinfo=datetime.UTC)):
        case = notification_transition(
            notification=case,
            name="notify_panel",
            by=people[Role.BUSINESS_MANAGER],
            expected_version=case.version,
        )
    panel = Deadline.objects.get(
        notification=case, rule_code="panel_notified_within_5_working_days"
    )
    assert panel.state == "missed"  # met, but late: March is long after 5 January
    assert _due_day(case, "rapid_review_within_15_working_days") == datetime.date(2027, 4, 19)
