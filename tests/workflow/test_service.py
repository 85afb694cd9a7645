"""Every state change goes through one service that writes the status row, the timeline
entry and the audit event, or nothing at all."""

from __future__ import annotations

import pytest

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.notifications.models import Status
from casereviews.workflow.models import StatusChange, TimelineEntry
from casereviews.workflow.services import (
    NotificationChanged,
    TransitionRefused,
    notification_transition,
)
from tests.factories import NotificationFactory, person

pytestmark = pytest.mark.django_db


def test_the_notifier_submits_their_draft_and_every_record_is_written(board, notifier) -> None:
    draft = NotificationFactory.create(board=board, notifier=notifier, status=Status.DRAFT)
    done = notification_transition(
        notification=draft, name="submit", by=notifier, expected_version=1
    )
    assert (done.status, done.version) == (Status.SUBMITTED, 2)
    change = StatusChange.objects.get(notification=draft)
    assert (change.from_status, change.to_status, change.by) == (
        Status.DRAFT,
        Status.SUBMITTED,
        notifier,
    )
    assert TimelineEntry.objects.get(notification=draft).kind == "transition.submit"
    event = AuditEvent.objects.get(action="notification.submit")
    assert (event.actor, event.object_id) == (notifier, str(draft.pk))


def test_another_person_cannot_submit_someone_elses_draft(board, notifier) -> None:
    draft = NotificationFactory.create(board=board, notifier=notifier, status=Status.DRAFT)
    colleague = person(board, Role.NOTIFIER, organisation=notifier.organisation)
    with pytest.raises(TransitionRefused) as refused:
        notification_transition(notification=draft, name="submit", by=colleague, expected_version=1)
    assert refused.value.code == "not_permitted"
    assert not StatusChange.objects.exists()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_returning_for_information_needs_a_reason(board, business_manager) -> None:
    case = NotificationFactory.create(board=board)
    with pytest.raises(TransitionRefused, match="Enter the reason"):
        notification_transition(
            notification=case,
            name="return_for_information",
            by=business_manager,
            expected_version=1,
        )


def test_a_transition_from_the_wrong_state_is_refused(board, business_manager) -> None:
    case = NotificationFactory.create(board=board, status=Status.UNDER_CONSIDERATION)
    with pytest.raises(TransitionRefused) as refused:
        notification_transition(
            notification=case, name="verify", by=business_manager, expected_version=1
        )
    assert refused.value.code == "wrong_state"


def test_acting_on_an_old_version_is_refused_and_changes_nothing(board, business_manager) -> None:
    case = NotificationFactory.create(board=board)
    notification_transition(
        notification=case, name="verify", by=business_manager, expected_version=1
    )
    with pytest.raises(NotificationChanged) as changed:
        notification_transition(
            notification=case,
            name="return_for_information",
            by=business_manager,
            expected_version=1,
            reason="Please add the chronology",
        )
    assert changed.value.current.status == Status.UNDER_CONSIDERATION
    assert StatusChange.objects.filter(notification=case).count() == 1


def test_the_cases_a_person_may_act_on_are_those_with_a_step_for_them(board) -> None:
    """The scope of 'take a step' agrees with the table, case by case and person by person."""
    from casereviews.policy import Action, scope
    from casereviews.workflow.services import available_transitions

    people = [person(board, role) for role in Role]
    cases = [
        NotificationFactory.create(board=board, notifier=people[0], status=status)
        for status in Status
    ]
    for who in people:
        in_scope = set(scope(who, Action.NOTIFICATION_TRANSITION))
        expected = {
            case
            for case in cases
            if case in set(scope(who, Action.NOTIFICATION_VIEW))
            and available_transitions(who, case)
        }
        assert in_scope == expected, who
