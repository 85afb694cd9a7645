"""Verifying the audit trail at scale (docs/adr/0023-audit-verification-at-scale.md): the
trail cut into stretches, verified in several processes and joined, finds exactly the
break a single walk finds; `--since-checkpoint` reads only the events after the newest
checkpoint and says which it relied on; a run shows its progress and logs a summary."""

from __future__ import annotations

import datetime
import json
import logging
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from casereviews.audit.chain import GENESIS, ROW, canonical_detail, canonical_row, verify
from casereviews.audit.services import audit_record
from casereviews.audit.triggers import create_triggers, drop_triggers
from casereviews.audit.verification import Progress, audit_verify


def record_events(count: int) -> None:
    for n in range(count):
        audit_record(action="notification.read", detail={"n": n})


def tamper(*statements: str) -> None:
    """Change the table behind the service's back, as someone with the database could."""
    drop_triggers(connection)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    create_triggers(connection)


def verify_audit(*args: str) -> list[str]:
    out = StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def refused(*args: str) -> str:
    with pytest.raises(CommandError) as error:
        verify_audit(*args)
    assert error.value.returncode == 1
    return str(error.value)


# --- the canonical form, without model instances ---------------------------------------

_text = st.text(max_size=30)


@given(
    sequence=st.integers(min_value=1, max_value=2**62),
    at=st.datetimes(
        min_value=datetime.datetime(2000, 1, 1),
        max_value=datetime.datetime(2100, 1, 1),
        timezones=st.sampled_from([datetime.UTC, datetime.timezone(datetime.timedelta(hours=1))]),
    ),
    actor=st.none() | st.integers(min_value=1, max_value=10**9),
    strings=st.lists(_text, min_size=10, max_size=10),
    board=st.none() | st.integers(min_value=1, max_value=10**6),
    ip=st.none() | st.sampled_from(["127.0.0.1", "2001:db8::1"]),
    detail=st.dictionaries(_text, st.none() | st.integers() | _text | st.lists(_text), max_size=4),
)
def test_the_canonical_form_of_a_row_is_the_sorted_json_of_its_fields(
    sequence: int,
    at: datetime.datetime,
    actor: int | None,
    strings: list[str],
    board: int | None,
    ip: str | None,
    detail: dict[str, Any],
) -> None:
    """The fast serialisation reads exactly as `json.dumps(sort_keys=True)` of the fields,
    the form every existing hash was made with (ADR 0003)."""
    email, organisation, roles, action, object_type, object_id, label, outcome, request, prev = (
        strings
    )
    row: tuple[Any, ...] = (sequence, at, actor, email, organisation, roles, action)
    row += (object_type, object_id, label, board, outcome, request, ip)
    row += (canonical_detail(detail), prev)
    fields = {
        "sequence": sequence,
        "at": at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor": actor,
        "actor_email": email,
        "actor_organisation": organisation,
        "actor_roles": roles,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object_label": label,
        "board": board,
        "outcome": outcome,
        "request_id": request,
        "ip_address": ip,
        "detail": detail,
        "previous_hash": prev,
    }
    expected = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    assert canonical_row(row) == expected.encode()
    assert len(ROW) == len(fields) + 1


# --- stretches verified apart and joined ------------------------------------------------

# Twelve events in stretches of three: #1-3, #4-6, #7-9, #10-12.
TAMPERINGS = {
    "edited inside a stretch": ["UPDATE audit_auditevent SET action = 'x' WHERE sequence = 5"],
    "edited, first of a stretch": ["UPDATE audit_auditevent SET action = 'x' WHERE sequence = 7"],
    "edited, last of a stretch": ["UPDATE audit_auditevent SET action = 'x' WHERE sequence = 6"],
    "first event deleted": ["DELETE FROM audit_auditevent WHERE sequence = 1"],
    "deleted, first of a stretch": ["DELETE FROM audit_auditevent WHERE sequence = 4"],
    "deleted, last of a stretch": ["DELETE FROM audit_auditevent WHERE sequence = 9"],
    "a whole stretch deleted": ["DELETE FROM audit_auditevent WHERE sequence BETWEEN 4 AND 6"],
    "swapped across a join": [
        "UPDATE audit_auditevent SET sequence = 99 WHERE sequence = 6",
        "UPDATE audit_auditevent SET sequence = 6 WHERE sequence = 7",
        "UPDATE audit_auditevent SET sequence = 7 WHERE sequence = 99",
    ],
    "the links of two stretches rewritten": [
        "UPDATE audit_auditevent SET previous_hash = (SELECT hash FROM audit_auditevent "
        "WHERE sequence = 2) WHERE sequence = 4"
    ],
}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
# pytest-xdist's worker holds idle threads of its own when the stretches' processes are
# forked; `manage.py verify_audit` has none.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
@pytest.mark.parametrize("tampering", [None, *TAMPERINGS])
def test_stretches_verified_in_two_processes_find_what_one_walk_finds(
    tampering: str | None,
) -> None:
    record_events(12)
    if tampering is not None:
        tamper(*TAMPERINGS[tampering])
    walked = verify()
    for processes in (1, 2):
        joined = audit_verify(processes=processes, stretch_events=3)
        assert (joined.events, joined.first_break) == (walked.events, walked.first_break)
    if tampering is None:
        assert walked.events == 12
        assert joined.head == (
            12,
            connection.cursor()
            .execute("SELECT hash FROM audit_auditevent WHERE sequence = 12")
            .fetchone()[0],
        )
    else:
        assert walked.first_break is not None


@pytest.mark.django_db
def test_a_run_reports_its_progress_as_events_done_rate_and_time_left() -> None:
    record_events(7)
    lines: list[str] = []
    result = audit_verify(stretch_events=2, report=Progress(lines.append, every=0))
    assert result.events == 7
    assert lines[-1].startswith("\rVerified 7 of 7 events, ")
    assert lines[0].startswith("\rVerified 2 of 7 events, ")
    assert "a second, about " in lines[0]
    assert lines[0].rstrip().endswith("s left")


# --- verify_audit --since-checkpoint ----------------------------------------------------

pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_since_checkpoint_reads_only_the_events_after_it_and_says_which_it_relied_on(
    settings, caplog
) -> None:
    record_events(5)
    verify_audit()  # checkpoint at #5
    record_events(3)
    caplog.clear()
    with time_machine.travel(datetime.timedelta(minutes=3)), caplog.at_level(logging.INFO):
        lines = verify_audit("--since-checkpoint")
    assert lines[0] == "Audit trail intact since the checkpoint of event #5: 3 events after it"
    assert lines[1].startswith("It relied on the checkpoint of event #5, written 3 minutes ago")
    assert lines[2] == f"Newest checkpoint: event #8, in {settings.AUDIT_ANCHOR_DIR}"
    summary = [r.getMessage() for r in caplog.records if r.name == "casereviews.audit"]
    assert len(summary) == 1
    assert summary[0].startswith(
        "Audit trail intact, verified since event #5: 3 events to event #8 in "
    )
    assert summary[0].endswith("relying on the checkpoint of event #5, written 3 minutes ago")


@pytestmark_db
def test_an_edit_before_the_checkpoint_is_found_in_full_and_not_since_it() -> None:
    """What `--since-checkpoint` trusts: the events before the checkpoint are not read."""
    record_events(5)
    verify_audit()
    record_events(2)
    tamper("UPDATE audit_auditevent SET action = 'x' WHERE sequence = 2")
    assert verify_audit("--since-checkpoint")[0].startswith("Audit trail intact since")
    assert refused() == "Audit trail broken at event #2: its contents do not match its hash"


@pytestmark_db
def test_since_checkpoint_finds_an_edit_after_it_and_events_cut_from_the_end() -> None:
    record_events(4)
    verify_audit()
    record_events(3)
    tamper("UPDATE audit_auditevent SET action = 'x' WHERE sequence = 6")
    assert refused("--since-checkpoint") == (
        "Audit trail broken at event #6: its contents do not match its hash"
    )
    tamper("DELETE FROM audit_auditevent WHERE sequence > 2")
    assert refused("--since-checkpoint").startswith(
        "Audit trail does not match its checkpoints: events #3 to #4 are missing"
    )


@pytestmark_db
def test_since_checkpoint_without_a_checkpoint_verifies_everything() -> None:
    record_events(3)
    assert verify_audit("--since-checkpoint")[:2] == [
        "Audit trail intact: 3 events",
        "There was no checkpoint to compare it with: this is the first",
    ]


@pytestmark_db
def test_a_checkpoint_older_than_twice_the_interval_is_pointed_out(settings) -> None:
    record_events(2)
    verify_audit()
    record_events(1)
    later = datetime.timedelta(seconds=2 * settings.AUDIT_ANCHOR_INTERVAL_SECONDS + 60)
    with time_machine.travel(later):
        lines = verify_audit("--since-checkpoint")
    assert lines[2].startswith("That checkpoint is older than twice AUDIT_ANCHOR_INTERVAL_SECONDS")


def test_the_genesis_is_the_start_of_an_empty_chain() -> None:
    assert GENESIS == "0" * 64
