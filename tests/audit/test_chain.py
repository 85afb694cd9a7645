"""The audit trail is a keyed hash chain that the database keeps append-only, and
`verify_audit` finds the first event that was edited, removed or reordered."""

from __future__ import annotations

import hashlib
import hmac
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings

from casereviews.audit.chain import GENESIS, canonical
from casereviews.audit.models import AppendOnlyError, AuditEvent
from casereviews.audit.services import audit_record
from casereviews.audit.triggers import create_triggers, drop_triggers

pytestmark = pytest.mark.django_db


def record_events(count: int, actor=None) -> list[AuditEvent]:
    return [
        audit_record(action="notification.read", actor=actor, detail={"n": n}) for n in range(count)
    ]


def verify_audit() -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue().splitlines()[0]


def tamper(sql: str, params: list[str | int]) -> None:
    """Change the table behind the service's back, as someone with the database could."""
    drop_triggers(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    create_triggers(connection)


def test_each_event_carries_the_keyed_hash_of_itself_and_the_one_before(business_manager):
    first, second = record_events(2, actor=business_manager)
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.previous_hash == GENESIS
    assert second.previous_hash == first.hash
    stored = AuditEvent.objects.get(pk=second.pk)
    expected = hmac.new(b"development-only-audit-key", canonical(stored), hashlib.sha256)
    assert stored.hash == expected.hexdigest()


def test_verify_audit_reports_an_intact_trail(business_manager):
    record_events(3, actor=business_manager)
    assert verify_audit() == "Audit trail intact: 3 events"


def test_the_chain_cannot_be_recomputed_without_the_key(business_manager):
    """Events written under one key do not verify under another."""
    record_events(2, actor=business_manager)
    with override_settings(AUDIT_HMAC_KEY="another-key"), pytest.raises(CommandError) as error:
        verify_audit()
    assert str(error.value) == (
        "Audit trail broken at event #1: its contents do not match its hash"
    )


def test_an_edited_event_is_detected(business_manager):
    record_events(4, actor=business_manager)
    tamper("UPDATE audit_auditevent SET actor_email = %s WHERE sequence = 3", ["x@example.org"])
    with pytest.raises(CommandError) as error:
        verify_audit()
    assert str(error.value) == (
        "Audit trail broken at event #3: its contents do not match its hash"
    )
    assert error.value.returncode == 1


def test_a_deleted_event_is_detected(business_manager):
    record_events(4, actor=business_manager)
    tamper("DELETE FROM audit_auditevent WHERE sequence = %s", [2])
    with pytest.raises(CommandError) as error:
        verify_audit()
    assert str(error.value).startswith("Audit trail broken at event #3: expected event #2 here")


def test_reordered_events_are_detected(business_manager):
    record_events(4, actor=business_manager)
    # Swap events 2 and 3 through a free sequence number, as the unique index requires.
    tamper("UPDATE audit_auditevent SET sequence = 99 WHERE sequence = %s", [2])
    tamper("UPDATE audit_auditevent SET sequence = 2 WHERE sequence = %s", [3])
    tamper("UPDATE audit_auditevent SET sequence = 3 WHERE sequence = %s", [99])
    with pytest.raises(CommandError) as error:
        verify_audit()
    assert str(error.value) == (
        "Audit trail broken at event #2: it does not follow the event before it"
    )


def test_the_orm_refuses_to_change_or_delete_an_event(business_manager):
    (event,) = record_events(1, actor=business_manager)
    event.action = "nothing.happened"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="nothing.happened")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_create([AuditEvent(action="forged")])
    assert AuditEvent.objects.get().action == "notification.read"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET action = 'nothing.happened'",
        "DELETE FROM audit_auditevent",
    ],
)
def test_the_database_refuses_raw_updates_and_deletes(business_manager, sql):
    """The triggers hold even for SQL that never passes through Django's models."""
    record_events(2, actor=business_manager)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():  # noqa: SIM117
        with connection.cursor() as cursor:
            cursor.execute(sql)
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["notification.read"] * 2
    assert verify_audit() == "Audit trail intact: 2 events"
