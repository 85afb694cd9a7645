"""The keyed hash chain that makes the audit trail tamper-evident.

Each event's hash is HMAC-SHA256, keyed with `settings.AUDIT_HMAC_KEY`, over a canonical
serialisation of its fields and the previous event's hash. The key is not in the
database, so whoever can edit rows cannot recompute the hashes of the rows they edit.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection

from casereviews.audit.models import AuditEvent

# The previous hash of the first event.
GENESIS = "0" * 64
# Any constant will do: it names the one advisory lock that serialises appends.
_APPEND_LOCK = 0x61756469745F6C6F  # "audit_lo"


def canonical(event: AuditEvent) -> bytes:
    """The event as bytes that read the same on SQLite and PostgreSQL."""
    at = event.at.astimezone(datetime.UTC)
    fields: dict[str, Any] = {
        "sequence": event.sequence,
        "at": at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor": event.actor_id,
        "actor_email": event.actor_email,
        "actor_organisation": event.actor_organisation,
        "actor_roles": event.actor_roles,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_label": event.object_label,
        "board": event.board_id,
        "outcome": event.outcome,
        "request_id": event.request_id,
        "ip_address": event.ip_address,
        "detail": event.detail,
        "previous_hash": event.previous_hash,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def event_hash(event: AuditEvent) -> str:
    key = settings.AUDIT_HMAC_KEY.encode()
    return hmac.new(key, canonical(event), hashlib.sha256).hexdigest()


def lock_for_append() -> None:
    """Serialise appends, so two writers cannot both extend the same last event.

    Call inside the transaction that appends. PostgreSQL: a transaction-level advisory
    lock, released at commit or rollback. SQLite: nothing to do, because the settings
    open every transaction with BEGIN IMMEDIATE, which takes the database's one write
    lock before the last hash is read.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_APPEND_LOCK])


def chain_head() -> tuple[int, str]:
    """The sequence and hash of the last event (0 and the genesis hash when empty)."""
    last = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    return last if last is not None else (0, GENESIS)


@dataclass(frozen=True)
class Break:
    sequence: int
    reason: str


@dataclass(frozen=True)
class Verification:
    events: int
    first_break: Break | None


def _walk(after: tuple[int, str] = (0, GENESIS)) -> Iterator[AuditEvent | Break]:
    """Each event after `after` (a sequence and its hash) that follows the one before it,
    then the first break, if any."""
    expected_sequence, previous = after[0] + 1, after[1]
    events = AuditEvent.objects.filter(sequence__gt=after[0]).order_by("sequence")
    for event in events.iterator(chunk_size=2000):
        if event.sequence != expected_sequence:
            yield Break(
                event.sequence,
                f"expected event #{expected_sequence} here: "
                "an event is missing or the events are out of order",
            )
            return
        if event.previous_hash != previous:
            yield Break(event.sequence, "it does not follow the event before it")
            return
        if not hmac.compare_digest(event_hash(event), event.hash):
            yield Break(event.sequence, "its contents do not match its hash")
            return
        previous = event.hash
        expected_sequence += 1
        yield event


@dataclass(frozen=True)
class Extension:
    """The events after a known point that verify, and the first break after them."""

    head: tuple[int, str]
    events: int
    first_break: Break | None


def verify_from(after: tuple[int, str] = (0, GENESIS)) -> Extension:
    """Walk the chain from `after` (a checkpoint's sequence and hash) to its end; stop at
    the first broken event."""
    head, count = after, 0
    for result in _walk(after):
        if isinstance(result, Break):
            return Extension(head, count, result)
        head = (result.sequence, result.hash)
        count += 1
    return Extension(head, count, None)


def verify() -> Verification:
    """Walk the whole chain; stop at the first broken event."""
    walked = verify_from()
    return Verification(walked.events, walked.first_break)
