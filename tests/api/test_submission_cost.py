"""A whole notification sent through the API costs the same number of queries however
many children and family members it names: each table of rows is written once, and the
notification's row once (docs/performance.md)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casereviews.api.notification_serializers import EXAMPLE
from casereviews.boards.models import BoardFramework
from casereviews.notifications.models import Notification
from tests.api.conftest import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("a_fixed_now")]
# The most queries one submission may take, measured on PostgreSQL: 39 (SQLite takes 38),
# with one to spare. The token with its person and their organisation, the board and
# the framework in force (read once), the draft and its rows, the transition (the case
# read under its lock, not read back) and its deadlines, the duplicates and the e-mails'
# recipients, then the reference in one statement, the e-mails in one insert, and the
# audit event with the chain's lock.
BOUND = 40


def with_rows(children: int, members: int) -> dict[str, Any]:
    data = copy.deepcopy(EXAMPLE)
    data["client_reference"] = ""
    first = data["children"][0]
    data["children"] = [
        {**first, "full_name": f"Child {n}", "date_of_birth": f"201{n}-04-09"}
        for n in range(children)
    ]
    data["family_members"] = [
        {"full_name": f"Relative {n}", "relationship": "mother"} for n in range(members)
    ]
    return data


@pytest.mark.parametrize(("children", "members"), [(1, 1), (5, 5)])
def test_a_submission_costs_no_more_queries_with_more_rows(
    client: Client,
    board,
    notifier,
    business_manager,
    token_for,
    children,
    members,
    django_assert_max_num_queries,
) -> None:
    token = token_for(notifier)
    with django_assert_max_num_queries(BOUND):
        response = client.post(
            "/api/v1/notifications",
            json.dumps(with_rows(children, members)),
            content_type="application/json",
            headers=bearer(token),
        )
    assert response.status_code == 201, response.content
    sent = Notification.objects.get()
    assert sent.children.count() == children
    assert sent.family_members.count() == members
    assert sent.subject_child is not None


def test_a_submission_reads_the_framework_in_force_once(
    client: Client, board, notifier, business_manager, token_for
) -> None:
    """The answers are judged by it, the draft keeps it and the transition fixes it: one
    read of the board's frameworks serves them all."""
    token = token_for(notifier)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            "/api/v1/notifications",
            json.dumps(with_rows(1, 1)),
            content_type="application/json",
            headers=bearer(token),
        )
    assert response.status_code == 201, response.content
    table = BoardFramework._meta.db_table
    reads = [q["sql"] for q in queries.captured_queries if table in q["sql"]]
    assert len(reads) == 1, reads
