"""Making a backup: the database, the documents and the audit checkpoints, as of one
moment (docs/adr/0024-backup-and-restore.md).

The database is read in one transaction that sees one snapshot: REPEATABLE READ and
READ ONLY on PostgreSQL; on SQLite a deferred (read) transaction, which in WAL mode
sees the database as at its first read while the service goes on writing. Documents
are copied, inside the same transaction, by the names and SHA-256 the snapshot's rows
give them: a file is written once and never changed, so the copy is the file the row
names, and one that no longer matches its hash fails the backup. The checkpoints are
copied up to the snapshot's last audit event.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q
from django.utils import timezone

from casereviews.audit.anchor import anchor_directory
from casereviews.audit.chain import chain_head
from casereviews.audit.services import audit_record
from casereviews.backup.archive import ANCHORS, DATABASE, DOCUMENTS, ArchiveWriter, archive_create
from casereviews.backup.tables import rows_write, tables
from casereviews.storage import CHUNK, DocumentHolder, document_holders, document_open


class BackupError(Exception):
    """The backup could not be made whole; the message says why. No archive is left."""


@dataclass
class BackupSummary:
    path: Path
    rows: int
    tables: int
    documents: int
    document_bytes: int
    audit_head: int
    size: int
    sha256: str
    removed: list[str] = field(default_factory=list)


@contextmanager
def snapshot() -> Iterator[None]:
    """One transaction that reads the database as at one moment and writes nothing."""
    if connection.vendor == "sqlite":
        # The service opens every SQLite transaction IMMEDIATE (taking the write lock);
        # a backup must not stop the service writing, so this one is deferred: a read.
        sqlite = cast(Any, connection)
        mode = sqlite.transaction_mode
        sqlite.transaction_mode = "DEFERRED"
        try:
            with transaction.atomic():
                yield
        finally:
            sqlite.transaction_mode = mode
        return
    # Inside a transaction already (a test), that transaction is the snapshot.
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


class _Text:
    """Text into a binary member, in large writes (the deflater likes them)."""

    def __init__(self, out: Any) -> None:
        self.out = out
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> int:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= CHUNK:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.parts:
            self.out.write("".join(self.parts).encode())
            self.parts, self.size = [], 0


def _applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _documents(
    writer: ArchiveWriter, holder: DocumentHolder, missing: list[tuple[DocumentHolder, str]]
) -> tuple[int, int]:
    count = size_total = 0
    for name, recorded, size in holder.rows():
        try:
            handle = document_open(holder=holder, name=name)
        except FileNotFoundError:
            missing.append((holder, name))
            continue
        with handle, writer.member(f"{DOCUMENTS}{holder.key(name)}", compress=False) as out:
            for chunk in handle.chunks(CHUNK):
                out.write(chunk)
        found = writer.members[f"{DOCUMENTS}{holder.key(name)}"]
        if recorded and (found["sha256"] != recorded or found["size"] != size):
            raise BackupError(
                f"The document {holder.key(name)} is not the file that was uploaded: its "
                "SHA-256 differs from the one recorded then. Restore it from an earlier "
                "backup; run manage.py verify_documents to find any others"
            )
        count += 1
        size_total += found["size"]
    return count, size_total


def _anchors(writer: ArchiveWriter, head: int) -> None:
    """The checkpoint files, keeping the lines of events the snapshot holds (a line the
    worker wrote since names an event the archive does not have)."""
    directory = anchor_directory()
    if not directory.is_dir():
        return
    for path in sorted(directory.glob("audit-checkpoints-*.jsonl")):
        kept = []
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                sequence = int(json.loads(line)["sequence"])
            except (ValueError, KeyError, TypeError):
                sequence = 0  # kept as it is: verify_audit names a damaged line
            if sequence <= head and line.strip():
                kept.append(line + "\n")
        if kept:
            writer.add_bytes(f"{ANCHORS}{path.name}", "".join(kept).encode())


def _still_named(holder: DocumentHolder, name: str) -> bool:
    return holder.model_class._base_manager.filter(Q(**{holder.name_field: name})).exists()


def backup_make(*, path: Path, progress: Callable[[str], None] = lambda _: None) -> BackupSummary:
    """Write the archive to `path` (a new file, mode 0600) and record it in the audit
    trail; `BackupError` if it cannot be made whole."""
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        # The rows would not match the models they are read through.
        raise BackupError(
            f"The database lacks {len(pending)} migrations of this version of the service "
            f"(the first: {pending[0][0].app_label}.{pending[0][0].name}): run manage.py "
            "migrate first, or back up with the version that made it"
        )
    rows_total = documents = document_bytes = 0
    counts: dict[str, int] = {}
    missing: list[tuple[DocumentHolder, str]] = []
    with archive_create(path) as writer:
        with snapshot():
            started = timezone.now()
            head_sequence, head_hash = chain_head()
            migrations = _applied_migrations()
            with writer.member(DATABASE) as member:
                text = _Text(member)
                for model in tables():
                    counts[model._meta.label] = rows_write(model, text)
                    rows_total += counts[model._meta.label]
                text.flush()
            progress(f"Database: {rows_total:,} rows of {len(counts)} tables")
            for holder in document_holders():
                added, size = _documents(writer, holder, missing)
                documents += added
                document_bytes += size
            _anchors(writer, head_sequence)
        # Read again outside the snapshot: a document removed since (a draft's) is gone
        # with its row; any other missing file is a loss the operator must hear of.
        removed = []
        for holder, name in missing:
            if _still_named(holder, name):
                raise BackupError(
                    f"The document {holder.key(name)} is missing from the documents' "
                    "storage. Run manage.py verify_documents to list every missing one"
                )
            removed.append({"model": holder.model, "name": name})
        progress(f"Documents: {documents:,} ({document_bytes:,} bytes)")
        writer.finish(
            {
                "created_at": started.astimezone(datetime.UTC).isoformat(),
                "engine": connection.vendor,
                "migrations": migrations,
                "rows": counts,
                "audit": {"sequence": head_sequence, "hash": head_hash},
                "documents": documents,
                "removed_during_backup": removed,
            }
        )
    digest = hashlib.sha256()
    with path.open("rb") as made:
        for chunk in iter(lambda: made.read(CHUNK), b""):
            digest.update(chunk)
    # A copy of every case leaves the service: the trail says when, and which copy.
    audit_record(
        action="service.backup",
        detail={"archive_sha256": digest.hexdigest(), "audit_sequence": head_sequence},
    )
    return BackupSummary(
        path=path,
        rows=rows_total,
        tables=len(counts),
        documents=documents,
        document_bytes=document_bytes,
        audit_head=head_sequence,
        size=path.stat().st_size,
        sha256=digest.hexdigest(),
        removed=[f"{item['model']} {item['name']}" for item in removed],
    )
