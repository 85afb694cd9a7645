"""Checkpoints of the audit chain kept outside the database, so that removing the newest
events is detected (docs/adr/0003-audit-trail.md).

The chain shows an edited, removed or reordered event, but not a trail cut short: the
events that are left still verify. So the worker (every `AUDIT_ANCHOR_INTERVAL_SECONDS`)
and `manage.py verify_audit` write a checkpoint — the last sequence number and its hash,
signed with the audit key — to a file in `AUDIT_ANCHOR_DIR`, outside the database, and
a log line. Whoever can change the database can neither change the file nor sign a
checkpoint of their own without the key; a table that falls short of, or no longer
matches, the newest checkpoint names the events that went.

A checkpoint is only written for a head that extends the newest checkpoint (the events
since it verify and the event it records is unchanged), so a cut-down trail is never
checkpointed over and so blessed.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from casereviews.audit.chain import GENESIS, verify_from
from casereviews.audit.models import AuditEvent

logger = logging.getLogger("casereviews.audit.anchor")
# One file a day, so old checkpoints can be archived whole.
_FILE_PREFIX = "audit-checkpoints-"
_FILE_SUFFIX = ".jsonl"
# Keeps a checkpoint's signature apart from any event hash made with the same key.
_DOMAIN = b"casereviews audit checkpoint\n"


class AnchorError(Exception):
    """The trail does not match its checkpoints, or a checkpoint file was tampered with.
    The message says which events and what is wrong."""


@dataclass(frozen=True)
class Checkpoint:
    sequence: int
    hash: str
    at: str  # UTC, ISO 8601

    def payload(self) -> bytes:
        fields = {"sequence": self.sequence, "hash": self.hash, "at": self.at}
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()

    def signature(self) -> str:
        key = settings.AUDIT_HMAC_KEY.encode()
        return hmac.new(key, _DOMAIN + self.payload(), hashlib.sha256).hexdigest()

    @property
    def when(self) -> str:
        return self.at.replace("T", " ")[:19] + " UTC"

    @property
    def written_at(self) -> datetime.datetime:
        return datetime.datetime.fromisoformat(self.at.replace("Z", "+00:00"))


def anchor_directory() -> Path:
    return Path(settings.AUDIT_ANCHOR_DIR)


def _read(path: Path) -> list[Checkpoint]:
    checkpoints = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
            checkpoint = Checkpoint(int(fields["sequence"]), str(fields["hash"]), str(fields["at"]))
            signed = hmac.compare_digest(checkpoint.signature(), str(fields["signature"]))
        except (ValueError, KeyError, TypeError):
            signed = False
        if not signed:
            raise AnchorError(
                f"checkpoint file {path.name}, line {number}, is not a checkpoint signed "
                "with the audit key: the file was changed"
            )
        checkpoints.append(checkpoint)
    return checkpoints


def checkpoints_newest_first() -> Iterator[Checkpoint]:
    """Every checkpoint, the highest sequence first (file by file, newest file first)."""
    directory = anchor_directory()
    if not directory.is_dir():
        return
    files = sorted(directory.glob(f"{_FILE_PREFIX}*{_FILE_SUFFIX}"), reverse=True)
    for path in files:
        yield from sorted(_read(path), key=lambda c: c.sequence, reverse=True)


def newest_checkpoint() -> Checkpoint | None:
    return next(checkpoints_newest_first(), None)


def _stored_hash(sequence: int) -> str | None:
    return AuditEvent.objects.filter(sequence=sequence).values_list("hash", flat=True).first()


def _events(first: int, last: int) -> str:
    return f"event #{first} is" if first == last else f"events #{first} to #{last} are"


def anchor_compare() -> str | None:
    """What is wrong with the table measured against the newest checkpoint, or None.

    The chain itself is checked by `chain.verify`; this finds what it cannot: events
    removed from the end, or removed and replaced by new ones.
    """
    checkpoints = checkpoints_newest_first()
    newest = next(checkpoints, None)
    if newest is None:
        return None
    stored = _stored_hash(newest.sequence)
    if stored is not None and hmac.compare_digest(stored, newest.hash):
        return None
    head = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    if stored is None and (head or 0) < newest.sequence:
        ends = f"the trail ends at event #{head}" if head else "the trail is empty"
        return (
            f"{_events((head or 0) + 1, newest.sequence)} missing: the checkpoint written "
            f"at {newest.when} records event #{newest.sequence}, but {ends}"
        )
    # The event is there but different: the end of the trail was cut off and new events
    # took its numbers. The last checkpoint that still matches bounds what was replaced.
    matching = next((c for c in checkpoints if _stored_hash(c.sequence) == c.hash), None)
    first = matching.sequence + 1 if matching else 1
    return (
        f"{_events(first, newest.sequence)} not the ones checkpointed: event "
        f"#{newest.sequence} does not match the checkpoint written at {newest.when}, so "
        "events were removed and others written in their place"
    )


def checkpoint_write(*, verified: tuple[int, str] | None = None) -> Checkpoint | None:
    """Checkpoint the head of the chain, if it has moved since the newest checkpoint.

    `verified` is a head the caller has just verified the chain up to, through the newest
    checkpoint's event (as `verify_audit` does): it is checkpointed without walking the
    events again. Raises `AnchorError` instead when the table does not extend the newest
    checkpoint (events missing or replaced, or an event since it that does not verify).
    """
    problem = anchor_compare()
    if problem is not None:
        raise AnchorError(problem)
    newest = newest_checkpoint()
    start = (newest.sequence, newest.hash) if newest else (0, GENESIS)
    if verified is not None and verified[0] >= start[0]:
        head = verified
    else:
        walked = verify_from(start)
        if walked.first_break is not None:
            broken = walked.first_break
            raise AnchorError(f"event #{broken.sequence} is broken: {broken.reason}")
        head = walked.head
    if head[0] == start[0]:
        return None  # nothing new (or nothing at all) to checkpoint
    now = timezone.now().astimezone(datetime.UTC)
    checkpoint = Checkpoint(head[0], head[1], now.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    line = json.dumps(
        {
            "sequence": checkpoint.sequence,
            "hash": checkpoint.hash,
            "at": checkpoint.at,
            "signature": checkpoint.signature(),
        },
        sort_keys=True,
    )
    directory = anchor_directory()
    directory.mkdir(mode=0o750, parents=True, exist_ok=True)
    path = directory / f"{_FILE_PREFIX}{now:%Y-%m-%d}{_FILE_SUFFIX}"
    # One write of one line to a file opened for appending: workers writing at the same
    # time never interleave their lines.
    handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(handle, (line + "\n").encode())
        os.fsync(handle)
    finally:
        os.close(handle)
    # A second copy for operators who ship the log elsewhere (e.g. to syslog).
    logger.info(
        "Audit checkpoint: event #%d, hash %s, signature %s",
        checkpoint.sequence,
        checkpoint.hash,
        checkpoint.signature(),
    )
    return checkpoint


def checkpoint_due(now: datetime.datetime | None = None) -> bool:
    """Whether the worker should write a checkpoint now (none yet, or the newest is older
    than `AUDIT_ANCHOR_INTERVAL_SECONDS`)."""
    newest = newest_checkpoint()
    if newest is None:
        return True
    interval = datetime.timedelta(seconds=settings.AUDIT_ANCHOR_INTERVAL_SECONDS)
    return (now or timezone.now()) - newest.written_at >= interval
