"""The keyed hash chain that makes the audit trail tamper-evident.

Each event's hash is HMAC-SHA256, keyed with `settings.AUDIT_HMAC_KEY`, over a canonical
serialisation of its fields and the previous event's hash. The key is not in the
database, so whoever can edit rows cannot recompute the hashes of the rows they edit.

Verification reads rows (`ROW`), not model instances, a stretch of sequence numbers at a
time (`verify_stretch`), so that a stretch can be verified apart from the others and the
stretches joined afterwards (casereviews/audit/verification.py, ADR 0023).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from casereviews.audit.models import AuditEvent

# The previous hash of the first event.
GENESIS = "0" * 64
# Any constant will do: it names the one advisory lock that serialises appends.
_APPEND_LOCK = 0x61756469745F6C6F  # "audit_lo"
# The columns the hash covers, in this order, then the hash itself.
ROW = (
    "sequence",
    "at",
    "actor_id",
    "actor_email",
    "actor_organisation",
    "actor_roles",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "board_id",
    "outcome",
    "request_id",
    "ip_address",
    "detail",
    "previous_hash",
    "hash",
)
# Rows read at a time: a keyset by sequence, so each read is one index range.
READ_ROWS = 5000

# The canonical form is JSON with sorted keys, no spaces and ASCII only: the keys in
# sorted order, each value encoded as `json.dumps` would (tests/audit/test_chain.py holds
# the two to each other).
_TEMPLATE = (
    '{"action":%s,"actor":%s,"actor_email":%s,"actor_organisation":%s,"actor_roles":%s,'
    '"at":"%sZ","board":%s,"detail":%s,"ip_address":%s,'
    '"object_id":%s,"object_label":%s,"object_type":%s,"outcome":%s,"previous_hash":%s,'
    '"request_id":%s,"sequence":%d}'
)
_text: Callable[[str], str] = encode_basestring_ascii
# The columns whose few values repeat from event to event (who, which action, which kind
# of object, the outcome): each value is encoded once, not once an event.
_REPEATED: dict[str, str] = {}


def _repeated(value: str) -> str:
    encoded = _REPEATED.get(value)
    if encoded is None:
        if len(_REPEATED) > 50_000:
            _REPEATED.clear()
        encoded = _REPEATED[value] = _text(value)
    return encoded


def _number_or_null(value: int | None) -> str:
    return "null" if value is None else str(int(value))


def canonical_detail(detail: Any) -> str:
    """An event's `detail` as it stands in the canonical form."""
    if not detail:
        return "{}"
    return json.dumps(detail, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def _detail_from_text(text: str) -> str:
    # As the database gives the column back: most events have no detail at all.
    return "{}" if text == "{}" else canonical_detail(json.loads(text))


def canonical_row(row: tuple[Any, ...]) -> bytes:
    """The event, as the columns of `ROW` with `detail` already in its canonical form
    (`canonical_detail`), as bytes that read the same on SQLite and PostgreSQL (the hash,
    if present, is not part of them)."""
    (sequence, at, actor, email, organisation, roles, action, object_type, object_id) = row[:9]
    (label, board, outcome, request_id, ip_address, detail, previous_hash) = row[9:16]
    if at.tzinfo is not datetime.UTC:
        at = at.astimezone(datetime.UTC)
    known = _REPEATED.get
    return (
        _TEMPLATE
        % (
            known(action) or _repeated(action),
            _number_or_null(actor),
            known(email) or _repeated(email),
            known(organisation) or _repeated(organisation),
            known(roles) or _repeated(roles),
            at.isoformat(timespec="microseconds")[:26],
            _number_or_null(board),
            detail,
            "null" if ip_address is None else _text(ip_address),
            _text(object_id),
            _text(label),
            known(object_type) or _repeated(object_type),
            known(outcome) or _repeated(outcome),
            _text(previous_hash),
            _text(request_id),
            sequence,
        )
    ).encode()


def canonical(event: AuditEvent) -> bytes:
    """The event as bytes that read the same on SQLite and PostgreSQL."""
    row = tuple(getattr(event, column) for column in ROW[:-1])
    return canonical_row((*row[:14], canonical_detail(event.detail), row[15]))


def row_hash(row: tuple[Any, ...], key: bytes) -> str:
    return hmac.digest(key, canonical_row(row), "sha256").hex()


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


def rows(first: int, last: int | None = None) -> Iterator[tuple[Any, ...]]:
    """The events numbered `first` to `last` (to the end if None), as `ROW` tuples with
    `detail` in its canonical form, in order, read `READ_ROWS` at a time by keyset."""
    # `detail` as the database's text, not decoded into a dict for every event.
    columns = [*ROW[:14], "detail_text", *ROW[15:]]
    start = first
    while last is None or start <= last:
        stretch = AuditEvent.objects.filter(sequence__gte=start)
        if last is not None:
            stretch = stretch.filter(sequence__lte=last)
        chunk = _read(
            stretch.order_by("sequence")
            .annotate(detail_text=Cast("detail", TextField()))
            .values_list(*columns)[:READ_ROWS]
        )
        for row in chunk:
            yield (*row[:14], _detail_from_text(row[14]), *row[15:])
        if len(chunk) < READ_ROWS:
            return
        start = chunk[-1][0] + 1


def _read(query: QuerySet[AuditEvent, tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows of `query`. On PostgreSQL its SQL runs on the cursor directly: the
    database's own types (a timestamp with its zone, text) need none of the ORM's per-row
    conversions, which cost as much as the hashing. SQLite keeps them (it stores times as
    text)."""
    if connection.vendor != "postgresql":
        return list(query)
    sql, params = query.query.get_compiler(using=query.db).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched: list[tuple[Any, ...]] = cursor.fetchall()
        return fetched


@dataclass(frozen=True)
class Stretch:
    """What one stretch of sequence numbers holds, verified on its own: its first event's
    sequence and previous hash (to join it to the stretch before), its last event's
    sequence and hash, how many events verify before its first break, and that break.
    The first event's own link is not checked here but where the stretches are joined."""

    first: tuple[int, str] | None
    last: tuple[int, str] | None
    events: int
    first_break: Break | None


def verify_stretch(first: int, last: int | None = None) -> Stretch:
    key = settings.AUDIT_HMAC_KEY.encode()
    opening: tuple[int, str] | None = None
    expected, previous, count = 0, "", 0
    compare = hmac.compare_digest
    for row in rows(first, last):
        sequence, stored_hash, previous_hash = row[0], row[16], row[15]
        if opening is None:
            opening = (sequence, previous_hash)
        elif sequence != expected:
            return Stretch(opening, None, count, _missing(sequence, expected))
        elif previous_hash != previous:
            return Stretch(opening, None, count, _unlinked(sequence))
        if not compare(row_hash(row, key), stored_hash):
            return Stretch(opening, None, count, _altered(sequence))
        expected, previous = sequence + 1, stored_hash
        count += 1
    return Stretch(opening, (expected - 1, previous) if opening else None, count, None)


def _missing(sequence: int, expected: int) -> Break:
    return Break(
        sequence,
        f"expected event #{expected} here: an event is missing or the events are out of order",
    )


def _unlinked(sequence: int) -> Break:
    return Break(sequence, "it does not follow the event before it")


def _altered(sequence: int) -> Break:
    return Break(sequence, "its contents do not match its hash")


@dataclass(frozen=True)
class Extension:
    """The events after a known point that verify, and the first break after them."""

    head: tuple[int, str]
    events: int
    first_break: Break | None


class Joiner:
    """Joins verified stretches in order, as one walk of the chain from `after` would
    see them: the first break in sequence order wins."""

    def __init__(self, after: tuple[int, str] = (0, GENESIS)) -> None:
        self.head = after
        self.events = 0
        self.first_break: Break | None = None

    def add(self, stretch: Stretch) -> None:
        if self.first_break is not None or stretch.first is None:
            return
        sequence, previous_hash = stretch.first
        if sequence != self.head[0] + 1:
            self.first_break = _missing(sequence, self.head[0] + 1)
            return
        if previous_hash != self.head[1]:
            self.first_break = _unlinked(sequence)
            return
        self.events += stretch.events
        if stretch.first_break is not None:
            self.first_break = stretch.first_break
        elif stretch.last is not None:
            self.head = stretch.last

    def extension(self) -> Extension:
        return Extension(self.head, self.events, self.first_break)


def verify_from(after: tuple[int, str] = (0, GENESIS)) -> Extension:
    """Walk the chain from `after` (a checkpoint's sequence and hash) to its end; stop at
    the first broken event."""
    joiner = Joiner(after)
    joiner.add(verify_stretch(after[0] + 1))
    return joiner.extension()


def verify() -> Verification:
    """Walk the whole chain; stop at the first broken event."""
    walked = verify_from()
    return Verification(walked.events, walked.first_break)
