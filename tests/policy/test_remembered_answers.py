"""The policy remembers its answers about one object for the rest of a request, so a page
that checks the same case many times asks the database once; any write forgets them, so
a person who loses access mid-request is refused at the next check."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from casereviews.audit.services import audit_record
from casereviews.boards.models import Role
from casereviews.notifications.models import Notification, Status
from casereviews.policy import Action, answer_together, get_in_scope_or_404, may, scope
from casereviews.policy.core import _SCOPES, answers_remembered
from tests.factories import NotificationFactory, person

pytestmark = pytest.mark.django_db


def test_the_same_question_in_one_request_is_asked_of_the_database_once(board) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    case = NotificationFactory.create(board=board)
    with answers_remembered(), CaptureQueriesContext(connection) as queries:
        answers = [may(manager, Action.NOTIFICATION_VIEW, case) for _ in range(5)]
    assert answers == [True] * 5
    asked = [q for q in queries.captured_queries if "notifications_notification" in q["sql"]]
    assert len(asked) == 1


def test_a_write_in_the_request_forgets_what_was_remembered(board, other_board) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    case = NotificationFactory.create(board=board)
    with answers_remembered():
        assert may(manager, Action.NOTIFICATION_VIEW, case)
        # The case moves to a board the manager holds no role in (an update() that no
        # model signal sees).
        Notification.objects.filter(pk=case.pk).update(board=other_board)
        assert not may(manager, Action.NOTIFICATION_VIEW, case)


def test_answers_are_per_person_and_per_object(board) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    notifier = person(board, Role.NOTIFIER)
    theirs = NotificationFactory.create(board=board, notifier=notifier)
    someone_elses = NotificationFactory.create(board=board)
    with answers_remembered():
        assert may(manager, Action.NOTIFICATION_VIEW, theirs)
        assert may(notifier, Action.NOTIFICATION_VIEW, theirs)
        assert may(manager, Action.NOTIFICATION_VIEW, someone_elses)
        assert not may(notifier, Action.NOTIFICATION_VIEW, someone_elses)


def test_outside_a_request_nothing_is_remembered(board, other_board) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    case = NotificationFactory.create(board=board)
    assert may(manager, Action.NOTIFICATION_VIEW, case)
    Notification.objects.filter(pk=case.pk).update(board=other_board)
    assert not may(manager, Action.NOTIFICATION_VIEW, case)


# Every action a page may ask about a case, answered together or one at a time.
CASE_ACTIONS = [action for action, (model, _) in _SCOPES.items() if model is Notification]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.UNDER_CONSIDERATION, Status.CLOSED]
)
def test_answers_given_together_are_the_answers_given_one_at_a_time(
    board, role: Role, status: Status
) -> None:
    asking = person(board, role)
    case = NotificationFactory.create(board=board, status=status)
    own = NotificationFactory.create(board=board, status=status, notifier=asking)
    for obj in (case, own):
        one_at_a_time = {action: may(asking, action, obj) for action in CASE_ACTIONS}
        with answers_remembered():
            answer_together(asking, obj, CASE_ACTIONS)
            with CaptureQueriesContext(connection) as queries:
                together = {action: may(asking, action, obj) for action in CASE_ACTIONS}
        assert together == one_at_a_time
        assert queries.captured_queries == []


def test_answering_together_reads_the_case_once_and_asks_the_rest_at_once(board) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    submitted = NotificationFactory.create(board=board)
    closed = NotificationFactory.create(board=board, status=Status.CLOSED)
    for case, queries_expected in ((submitted, 1), (closed, 2)):
        with answers_remembered(), CaptureQueriesContext(connection) as queries:
            answer_together(manager, case, CASE_ACTIONS)
        asked = [
            q["sql"] for q in queries.captured_queries if "notifications_notification" in q["sql"]
        ]
        # The case's row decides every question about a submitted case. Whether a
        # closed case's review may be seen depends on whether it had one: a query of
        # its own, for that question only.
        assert len(asked) == queries_expected
        assert "EXISTS" not in asked[0]
        assert [sql.count("EXISTS") for sql in asked[1:]] == [1] * (queries_expected - 1)


def test_answers_given_together_are_forgotten_at_a_write(board, other_board) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    case = NotificationFactory.create(board=board)
    with answers_remembered():
        answer_together(manager, case, [Action.NOTIFICATION_VIEW, Action.CASE_PAPERS_VIEW])
        Notification.objects.filter(pk=case.pk).update(board=other_board)
        assert not may(manager, Action.NOTIFICATION_VIEW, case)
        assert not may(manager, Action.CASE_PAPERS_VIEW, case)


def test_a_case_fetched_through_its_scope_is_not_asked_about_again(board) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    case = NotificationFactory.create(board=board)
    with answers_remembered():
        fetched = get_in_scope_or_404(manager, Action.NOTIFICATION_VIEW, pk=case.pk)
        with CaptureQueriesContext(connection) as queries:
            assert may(manager, Action.NOTIFICATION_VIEW, fetched)
    assert queries.captured_queries == []


def test_a_scope_built_earlier_in_the_request_sees_what_was_written_since(board) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    first = NotificationFactory.create(board=board)
    with answers_remembered():
        assert list(scope(manager, Action.NOTIFICATION_VIEW)) == [first]
        second = NotificationFactory.create(board=board)
        assert set(scope(manager, Action.NOTIFICATION_VIEW)) == {first, second}


def test_a_block_inside_another_that_writes_nothing_forgets_nothing(board) -> None:
    """A savepoint made and released around a block writes nothing."""
    manager = person(board, Role.BUSINESS_MANAGER)
    case = NotificationFactory.create(board=board)
    with answers_remembered():
        assert may(manager, Action.CASE_PAPERS_VIEW, case)
        with transaction.atomic():
            Notification.objects.filter(pk=case.pk).exists()
        with CaptureQueriesContext(connection) as queries:
            assert may(manager, Action.CASE_PAPERS_VIEW, case)
    assert queries.captured_queries == []


class _Undone(Exception):
    pass


def _move_then_fail(manager, case, board) -> None:
    with transaction.atomic():
        Notification.objects.filter(pk=case.pk).update(board=board)
        assert not may(manager, Action.CASE_PAPERS_VIEW, case)
        raise _Undone


def test_a_write_undone_by_its_block_failing_forgets_what_was_asked_after_it(
    board, other_board
) -> None:
    """Rolling back to a savepoint undoes writes: what was answered in between, from
    the writes, is forgotten with them."""
    manager = person(board, Role.BUSINESS_MANAGER)
    case = NotificationFactory.create(board=board)
    with answers_remembered():
        with pytest.raises(_Undone):
            _move_then_fail(manager, case, other_board)
        assert may(manager, Action.CASE_PAPERS_VIEW, case)


# Outside the test's own transaction, as a request runs: the audit trail's write is a
# transaction of its own, not a savepoint inside another.
@pytest.mark.django_db(transaction=True)
def test_a_case_fetched_and_its_read_recorded_is_answered_about_without_reading_it_again(
    board, rf
) -> None:
    """The case page: the case is read through its scope, the read goes into the audit
    trail, then the page's questions are answered from the columns as read."""
    manager = person(board, Role.BUSINESS_MANAGER)
    case = NotificationFactory.create(board=board)
    request = rf.get("/")
    request.user = manager
    with answers_remembered():
        fetched = get_in_scope_or_404(manager, Action.NOTIFICATION_VIEW, pk=case.pk)
        audit_record(request=request, action="notification.read", obj=fetched)
        with CaptureQueriesContext(connection) as queries:
            answer_together(manager, fetched, CASE_ACTIONS)
            answers = {action: may(manager, action, fetched) for action in CASE_ACTIONS}
    assert not [q for q in queries.captured_queries if "notifications_notification" in q["sql"]]
    assert answers == {action: may(manager, action, case) for action in CASE_ACTIONS}


def test_a_case_changed_in_memory_is_answered_about_as_the_database_holds_it(
    board, other_board
) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    case = NotificationFactory.create(board=board)
    with answers_remembered():
        fetched = get_in_scope_or_404(manager, Action.NOTIFICATION_VIEW, pk=case.pk)
        fetched.board = other_board  # not saved
        answer_together(manager, fetched, [Action.CASE_PAPERS_VIEW])
        assert may(manager, Action.CASE_PAPERS_VIEW, fetched)


def test_a_case_written_after_it_was_fetched_is_read_again(board, other_board) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    case = NotificationFactory.create(board=board)
    with answers_remembered():
        fetched = get_in_scope_or_404(manager, Action.NOTIFICATION_VIEW, pk=case.pk)
        Notification.objects.filter(pk=case.pk).update(board=other_board)
        answer_together(manager, fetched, [Action.CASE_PAPERS_VIEW])
        assert not may(manager, Action.CASE_PAPERS_VIEW, fetched)
