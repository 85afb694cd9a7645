"""Every transition of the table, allowed and refused: by role, by state and by each of
its guards. Generated from the table, so a new transition is tested as it is added."""

from __future__ import annotations

import pytest

from casereviews.audit.actions import ACTION_LABELS
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.models import StatusChange, TimelineEntry
from casereviews.workflow.services import TransitionRefused, notification_transition
from casereviews.workflow.transitions import TRANSITIONS, Transition
from tests.factories import NotificationFactory
from tests.workflow.procedure import SATISFY, actor_for, prepare, staff

pytestmark = pytest.mark.django_db

ALL = sorted(TRANSITIONS.values(), key=lambda t: t.name)


def _case(board, people, transition: Transition, status: Status | None = None) -> Notification:
    status = status or sorted(transition.sources)[0]
    return NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER], status=status)


def _assert_nothing_written(case: Notification, transition: Transition, status: str) -> None:
    case.refresh_from_db()
    assert (case.status, case.version) == (status, 1)
    assert not StatusChange.objects.filter(notification=case).exists()
    assert not TimelineEntry.objects.filter(kind__startswith="transition.").exists()
    assert not AuditEvent.objects.filter(action=f"notification.{transition.name}").exists()


def test_every_guard_of_the_table_can_be_satisfied_in_the_tests() -> None:
    """A guard added to the table without a way to meet it here fails this test."""
    codes = {guard.code for t in ALL for guard in t.guards}
    assert codes <= SATISFY.keys()


@pytest.mark.parametrize("transition", ALL, ids=lambda t: t.name)
def test_the_permitted_person_makes_the_transition_and_every_record_is_written(
    board, transition: Transition
) -> None:
    """The status moves, and one status row, one timeline entry and one audit event say
    who moved it, from what, to what and why."""
    people = staff(board)
    case = _case(board, people, transition)
    from_status = case.status
    prepare(case, transition, people)
    actor = actor_for(transition, case, people)
    done = notification_transition(
        notification=case,
        name=transition.name,
        by=actor,
        expected_version=1,
        reason="Because the procedure says so",
    )
    assert (done.status, done.version) == (transition.target, 2)
    change = StatusChange.objects.get(notification=case)
    assert (change.transition, change.from_status, change.to_status, change.by, change.version) == (
        transition.name,
        from_status,
        transition.target,
        actor,
        2,
    )
    assert change.reason == "Because the procedure says so"
    entry = TimelineEntry.objects.get(notification=case, kind=f"transition.{transition.name}")
    assert entry.by == actor
    assert entry.text == ACTION_LABELS[f"notification.{transition.name}"]  # what was done
    event = AuditEvent.objects.get(action=f"notification.{transition.name}")
    assert (event.actor, event.object_id, event.detail) == (
        actor,
        str(case.pk),
        {"from": from_status, "to": transition.target},
    )


@pytest.mark.parametrize("transition", ALL, ids=lambda t: t.name)
def test_every_other_role_is_refused_and_nothing_is_written(board, transition: Transition) -> None:
    """Someone whose role in the board is not in the table's list (or who is not the
    notifier, where the notifier acts) cannot make the transition."""
    people = staff(board)
    case = _case(board, people, transition)
    status = case.status
    prepare(case, transition, people)
    refused_people = [
        people[role]
        for role in Role
        if role not in transition.roles and people[role] != case.notifier
    ]
    if not transition.notifier_may:
        refused_people.append(case.notifier)
    assert refused_people
    for someone in refused_people:
        with pytest.raises(TransitionRefused) as refused:
            notification_transition(
                notification=case,
                name=transition.name,
                by=someone,
                expected_version=1,
                reason="Trying anyway",
            )
        assert refused.value.code == "not_permitted", someone
    _assert_nothing_written(case, transition, status)


@pytest.mark.parametrize("transition", ALL, ids=lambda t: t.name)
def test_the_transition_is_refused_from_every_other_state(board, transition: Transition) -> None:
    """A transition is only made from its source states."""
    people = staff(board)
    for status in set(Status) - transition.sources:
        case = _case(board, people, transition, status=status)
        prepare(case, transition, people)
        actor = actor_for(transition, case, people)
        with pytest.raises(TransitionRefused) as refused:
            notification_transition(
                notification=case, name=transition.name, by=actor, expected_version=1, reason="x"
            )
        # A notifier cannot see others' states at all; a LISG member only some.
        assert refused.value.code in {"wrong_state", "not_permitted"}, status
        case.refresh_from_db()
        assert case.status == status
    assert not StatusChange.objects.exists()


GUARDED = [(t, g) for t in ALL for g in t.guards]


@pytest.mark.parametrize(
    ("transition", "guard"), GUARDED, ids=[f"{t.name}-{g.code}" for t, g in GUARDED]
)
def test_each_guard_refuses_with_its_message_and_nothing_is_written(
    board, transition: Transition, guard
) -> None:
    """With every other rule met, the one broken rule refuses the step with the message
    the person sees."""
    people = staff(board)
    case = _case(board, people, transition)
    status = case.status
    prepare(case, transition, people, except_guard=guard)
    assert not guard.holds(case)
    with pytest.raises(TransitionRefused) as refused:
        notification_transition(
            notification=case,
            name=transition.name,
            by=actor_for(transition, case, people),
            expected_version=1,
            reason="Trying anyway",
        )
    assert (refused.value.code, refused.value.message) == (guard.code, guard.message)
    _assert_nothing_written(case, transition, status)


@pytest.mark.parametrize("transition", [t for t in ALL if t.needs_reason], ids=lambda t: t.name)
def test_a_judgement_without_a_reason_is_refused(board, transition: Transition) -> None:
    people = staff(board)
    case = _case(board, people, transition)
    status = case.status
    prepare(case, transition, people)
    with pytest.raises(TransitionRefused, match="Enter the reason"):
        notification_transition(
            notification=case,
            name=transition.name,
            by=actor_for(transition, case, people),
            expected_version=1,
            reason="   ",
        )
    _assert_nothing_written(case, transition, status)
