"""Events cut from the end of the audit trail are found: `verify_audit` and the worker
keep signed checkpoints of the chain's head outside the database, and `verify_audit`
names the events missing since the newest one (docs/adr/0003-audit-trail.md)."""

from __future__ import annotations

import datetime
import json
import logging
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection

from casereviews.audit.anchor import newest_checkpoint
from casereviews.audit.jobs import checkpoint_audit_trail
from casereviews.audit.models import AuditEvent
from casereviews.audit.services import audit_record
from casereviews.audit.triggers import create_triggers

pytestmark = pytest.mark.django_db
REFUSED = "Audit trail does not match its checkpoints: "


def record_events(count: int) -> None:
    for n in range(count):
        audit_record(action="notification.read", detail={"n": n})


def verify_audit() -> list[str]:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue().strip().splitlines()


def refused_by_verify_audit() -> str:
    with pytest.raises(CommandError) as error:
        verify_audit()
    assert error.value.returncode == 1
    return str(error.value)


def delete_behind_the_triggers(after: int) -> None:
    """Delete the events after `after` as someone with the database could: on PostgreSQL
    with the triggers switched off for the session, on SQLite by dropping them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
            cursor.execute("DELETE FROM audit_auditevent WHERE sequence > %s", [after])
            cursor.execute("SET session_replication_role = DEFAULT")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_delete")
            cursor.execute("DELETE FROM audit_auditevent WHERE sequence > %s", [after])
            create_triggers(connection)


def checkpoint_lines(directory: Path) -> list[dict[str, object]]:
    return [
        json.loads(line)
        for path in sorted(directory.glob("*.jsonl"))
        for line in path.read_text().splitlines()
    ]


def test_an_untouched_trail_passes_and_each_run_checkpoints_its_head(settings):
    record_events(3)
    assert verify_audit() == [
        "Audit trail intact: 3 events",
        "There was no checkpoint to compare it with: this is the first",
        f"Newest checkpoint: event #3, in {settings.AUDIT_ANCHOR_DIR}",
    ]
    record_events(2)
    newest = newest_checkpoint()
    assert newest is not None
    written = newest.when
    with time_machine.travel(datetime.timedelta(minutes=4)):
        assert verify_audit() == [
            "Audit trail intact: 5 events",
            f"It relied on the checkpoint of event #3, written 4 minutes ago ({written})",
            f"Newest checkpoint: event #5, in {settings.AUDIT_ANCHOR_DIR}",
        ]
    lines = checkpoint_lines(settings.AUDIT_ANCHOR_DIR)
    assert [line["sequence"] for line in lines] == [3, 5]
    assert lines[1]["hash"] == AuditEvent.objects.get(sequence=5).hash


def test_deleting_the_newest_events_is_detected_and_the_missing_range_named(settings):
    record_events(6)
    verify_audit()
    delete_behind_the_triggers(3)
    message = refused_by_verify_audit()
    assert message.startswith(REFUSED + "events #4 to #6 are missing: ")
    assert message.endswith("records event #6, but the trail ends at event #3")
    # The cut-down trail is not checkpointed, so the next run still finds it.
    assert [line["sequence"] for line in checkpoint_lines(settings.AUDIT_ANCHOR_DIR)] == [6]
    assert refused_by_verify_audit() == message


def test_deleting_every_event_is_detected():
    record_events(4)
    verify_audit()
    delete_behind_the_triggers(0)
    assert AuditEvent.objects.count() == 0
    message = refused_by_verify_audit()
    assert message.startswith(REFUSED + "events #1 to #4 are missing: ")
    assert message.endswith("records event #4, but the trail is empty")


def test_one_event_cut_from_the_end_is_named():
    record_events(2)
    verify_audit()
    delete_behind_the_triggers(1)
    assert refused_by_verify_audit().startswith(REFUSED + "event #2 is missing: ")


def test_events_cut_off_and_replaced_by_new_ones_are_detected():
    """New events take the numbers of the removed ones: the chain verifies again, but the
    newest checkpoint's event is not the one it recorded."""
    record_events(2)
    verify_audit()  # checkpoint at #2
    record_events(3)
    verify_audit()  # checkpoint at #5
    delete_behind_the_triggers(2)
    record_events(4)  # the service goes on: events #3 to #6
    message = refused_by_verify_audit()
    assert message.startswith(REFUSED + "events #3 to #5 are not the ones checkpointed")


def test_the_worker_checkpoints_the_trail_and_refuses_to_checkpoint_a_cut_down_one(
    settings, caplog
):
    record_events(3)
    assert checkpoint_audit_trail() == 1
    newest = newest_checkpoint()
    assert newest is not None
    assert newest.sequence == 3
    record_events(1)
    # Not again until the interval has passed.
    assert checkpoint_audit_trail() == 0
    settings.AUDIT_ANCHOR_INTERVAL_SECONDS = 0
    assert checkpoint_audit_trail() == 1
    delete_behind_the_triggers(1)
    with caplog.at_level(logging.ERROR, logger="casereviews.audit.anchor"):
        assert checkpoint_audit_trail() == 0
    assert "events #2 to #4 are missing" in caplog.text
    assert [line["sequence"] for line in checkpoint_lines(settings.AUDIT_ANCHOR_DIR)] == [3, 4]


def test_a_checkpoint_changed_in_its_file_is_refused(settings):
    """Lowering the checkpoint to hide a cut needs the audit key to sign it."""
    record_events(2)
    verify_audit()
    (path,) = Path(settings.AUDIT_ANCHOR_DIR).glob("*.jsonl")
    path.write_text(path.read_text().replace('"sequence": 2', '"sequence": 1'))
    message = refused_by_verify_audit()
    assert message.startswith(REFUSED + f"checkpoint file {path.name}, line 1, ")
    assert message.endswith("is not a checkpoint signed with the audit key: the file was changed")
