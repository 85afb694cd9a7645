"""A scope decided from a case's own row (casereviews/policy/row.py) gives the database's
answer, or no answer: never a different one. If it did, a page could offer a person an
action the service would then refuse, or hide one they hold."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db.models import Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casereviews.boards.models import Board, Role
from casereviews.notifications.models import Notification, Status
from casereviews.policy.row import columns, decide
from tests.factories import NotificationFactory, UserFactory, person

pytestmark = pytest.mark.django_db

STATUSES = [Status.DRAFT, Status.SUBMITTED, Status.UNDER_CONSIDERATION, Status.CLOSED]


def own_columns(boards: list[int], people: list[int], organisations: list[int]) -> Any:
    """Conditions on a case's own columns, NULLs among them."""
    statuses = st.sampled_from(STATUSES)
    return st.one_of(
        statuses.map(lambda status: Q(status=status)),
        st.lists(statuses, max_size=3).map(lambda chosen: Q(status__in=chosen)),
        st.sampled_from(boards).map(lambda board: Q(board=board)),
        st.lists(st.sampled_from(boards), max_size=2).map(lambda chosen: Q(board__in=chosen)),
        st.sampled_from(people).map(lambda pk: Q(notifier=pk)),
        st.sampled_from(organisations).map(lambda pk: Q(organisation=pk)),
        st.booleans().map(lambda on_time: Q(submitted_on_time=on_time)),
        st.booleans().map(lambda missing: Q(submitted_on_time__isnull=missing)),
        st.booleans().map(lambda missing: Q(local_authority_aware_on__isnull=missing)),
    )


def own_columns_of(made: list[Notification]) -> Any:
    """Conditions on the own columns of these cases, with their values among others."""
    return own_columns(
        sorted({c.board_id for c in made}),
        sorted({c.notifier_id for c in made}),
        sorted({c.organisation_id for c in made}),
    )


def other_tables(boards: list[int]) -> Any:
    """Conditions the row alone cannot decide: another table, a subquery."""
    return st.one_of(
        st.sampled_from(["BF", "RBWM"]).map(lambda code: Q(board__code=code)),
        st.sampled_from(STATUSES).map(
            lambda status: Q(pk__in=Notification.objects.filter(status=status).values("pk"))
        ),
        st.booleans().map(lambda none: Q(possible_duplicates__isnull=none)),
        # The same columns, but of another case: its possible duplicate.
        st.sampled_from(STATUSES).map(lambda status: Q(possible_duplicates__status=status)),
        st.sampled_from(boards).map(lambda board: Q(possible_duplicates__board=board)),
    )


def combined(leaves: Any) -> Any:
    return st.recursive(
        leaves,
        lambda children: st.one_of(
            st.lists(children, min_size=2, max_size=3).map(lambda qs: _join(qs, Q.__and__)),
            st.lists(children, min_size=2, max_size=3).map(lambda qs: _join(qs, Q.__or__)),
            children.map(lambda q: ~q),
        ),
        max_leaves=6,
    )


def _join(conditions: list[Q], operator: Any) -> Q:
    joined = conditions[0]
    for condition in conditions[1:]:
        joined = operator(joined, condition)
    return joined


def cases(board: Board, other_board: Board) -> list[Notification]:
    notifier = person(board, Role.NOTIFIER)
    made = []
    for index, status in enumerate(STATUSES):
        for where in (board, other_board):
            case = NotificationFactory.create(
                board=where, status=status, notifier=notifier if index % 2 else UserFactory()
            )
            made.append(case)
    # NULLs and values in the nullable columns.
    Notification.objects.filter(pk__in=[c.pk for c in made[::3]]).update(submitted_on_time=True)
    Notification.objects.filter(pk__in=[c.pk for c in made[1::3]]).update(
        submitted_on_time=False, local_authority_aware_on=datetime.date(2026, 3, 2)
    )
    for case, duplicate in zip(made[::2], made[3::2], strict=False):
        case.possible_duplicates.add(duplicate)
    return made


def row(case: Notification, condition: Q) -> dict[str, Any]:
    query = Notification.objects.filter(condition).query
    named = columns(query) | {"id"}
    found = Notification.objects.filter(pk=case.pk).values(*named).get()
    return dict(found)


def in_database(case: Notification, condition: Q) -> bool:
    return Notification.objects.filter(condition).filter(pk=case.pk).exists()


# Slow work (a query per case per example): no deadline, as the suite's other
# database-backed properties.
PROPERTY = settings(
    deadline=None, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def test_conditions_on_a_cases_own_columns_are_decided_as_the_database_decides(
    board, other_board
) -> None:
    made = cases(board, other_board)

    @PROPERTY
    @given(combined(own_columns_of(made)))
    def check(condition: Q) -> None:
        query = Notification.objects.filter(condition).query
        for case in made:
            assert decide(query, row(case, condition)) == in_database(case, condition)

    check()


def test_a_condition_on_another_table_is_never_decided_otherwise_than_the_database(
    board, other_board
) -> None:
    made = cases(board, other_board)
    boards = sorted({c.board_id for c in made})
    leaves = st.one_of(own_columns_of(made), other_tables(boards))

    @PROPERTY
    @given(combined(leaves))
    def check(condition: Q) -> None:
        query = Notification.objects.filter(condition).query
        for case in made:
            decided = decide(query, row(case, condition))
            assert decided in (None, in_database(case, condition))

    check()


def test_a_condition_on_another_table_and_a_true_one_are_left_to_the_database(board) -> None:
    case = NotificationFactory.create(board=board)
    condition = Q(status=case.status) & Q(board__code=board.code)
    assert decide(Notification.objects.filter(condition).query, row(case, condition)) is None
