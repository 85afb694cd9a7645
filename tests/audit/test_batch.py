"""An action that records several events chains them together at its end, inside its
own transaction (docs/adr/0017-audit-chain-throughput.md): the chain is written once per
action, the events still commit with the action or not at all, and an event whose
action was undone is not written."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from casereviews.audit.chain import verify
from casereviews.audit.models import AuditEvent
from casereviews.audit.services import audit_record, audited_transaction
from casereviews.boards.models import Organisation
from casereviews.notifications.models import Status
from casereviews.workflow.services import notification_transition
from tests.audit.test_recording import audit_store_fails  # noqa: F401 - a fixture
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def writes_to_the_chain(queries: CaptureQueriesContext) -> list[str]:
    """The statements that append to the chain or take its lock."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('INSERT INTO "audit_auditevent"')
        or "pg_advisory_xact_lock" in q["sql"]
    ]


def test_an_actions_events_are_chained_in_order_by_one_append_at_its_end() -> None:
    with CaptureQueriesContext(connection) as queries, audited_transaction():
        for n in range(5):
            audit_record(action="notification.read", detail={"n": n})
        # Nothing is chained until the action's work is done.
        assert not AuditEvent.objects.exists()
    events = list(AuditEvent.objects.order_by("sequence"))
    assert [e.detail["n"] for e in events] == [0, 1, 2, 3, 4]
    assert [e.sequence for e in events] == [1, 2, 3, 4, 5]
    assert [e.previous_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    assert verify().first_break is None
    # One lock (PostgreSQL) and one insert for the five events.
    expected = 2 if connection.vendor == "postgresql" else 1
    assert len(writes_to_the_chain(queries)) == expected


def test_a_transition_writes_its_event_once_after_its_records(board, notifier) -> None:
    draft = NotificationFactory.create(board=board, notifier=notifier, status=Status.DRAFT)
    with CaptureQueriesContext(connection) as queries:
        notification_transition(notification=draft, name="submit", by=notifier, expected_version=1)
    sql = [q["sql"] for q in queries.captured_queries]
    append = next(i for i, s in enumerate(sql) if s.startswith('INSERT INTO "audit_auditevent"'))
    # The status row, the status change and the timeline are written before the chain is
    # locked, so the lock is not held while they are.
    assert not any(s.startswith(("INSERT", "UPDATE")) for s in sql[append + 1 :])
    assert AuditEvent.objects.get().action == "notification.submit"
    assert verify().first_break is None


def test_an_event_whose_part_of_the_action_was_undone_is_not_written() -> None:
    with audited_transaction():
        audit_record(action="notification.read", detail={"n": "kept"})
        try:
            with transaction.atomic():
                Organisation.objects.create(name="Never made", type="police")
                audit_record(action="organisation.create", detail={"n": "undone"})
                raise DatabaseError("the inner step failed")
        except DatabaseError:
            pass
        audit_record(action="notification.read", detail={"n": "also kept"})
    assert [e.detail["n"] for e in AuditEvent.objects.order_by("sequence")] == [
        "kept",
        "also kept",
    ]
    assert not Organisation.objects.filter(name="Never made").exists()
    assert verify().first_break is None


def make_an_organisation_then_fail() -> None:
    with audited_transaction():
        Organisation.objects.create(name="Never made", type="police")
        audit_record(action="organisation.create")
        raise ValueError("the action failed after recording its event")


def test_an_action_that_fails_leaves_no_event() -> None:
    with pytest.raises(ValueError, match="after recording its event"):
        make_an_organisation_then_fail()
    assert not AuditEvent.objects.exists()
    assert not Organisation.objects.filter(name="Never made").exists()


@pytest.mark.usefixtures("audit_store_fails")
def test_an_action_whose_events_cannot_be_written_does_not_happen(board, notifier) -> None:
    draft = NotificationFactory.create(board=board, notifier=notifier, status=Status.DRAFT)
    with pytest.raises(DatabaseError):
        notification_transition(notification=draft, name="submit", by=notifier, expected_version=1)
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (Status.DRAFT, 1)
    assert not AuditEvent.objects.exists()


def test_nested_actions_share_one_append() -> None:
    with CaptureQueriesContext(connection) as queries, audited_transaction():
        audit_record(action="notification.read", detail={"n": 0})
        with audited_transaction():
            audit_record(action="notification.read", detail={"n": 1})
        assert not AuditEvent.objects.exists()
    assert [e.detail["n"] for e in AuditEvent.objects.order_by("sequence")] == [0, 1]
    expected = 2 if connection.vendor == "postgresql" else 1
    assert len(writes_to_the_chain(queries)) == expected
