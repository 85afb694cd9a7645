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
