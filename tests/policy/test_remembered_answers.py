"""The policy remembers its answers about one object for the rest of a request, so a page
that checks the same case many times asks the database once; any write forgets them, so
a person who loses access mid-request is refused at the next check."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casereviews.boards.models import Role
from casereviews.notifications.models import Notification
from casereviews.policy import Action, may
from casereviews.policy.core import answers_remembered
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
