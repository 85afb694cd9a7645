"""Restoring a backup into an empty database and empty documents' storage
(docs/adr/0024-backup-and-restore.md).

In order, refusing with a message that says what to do, and changing nothing, when:
1. the archive is damaged (every member is checked against its manifest's SHA-256);
2. the database holds data, or has migrations the backup does not know (it was made
   by a newer version, or the database was migrated beyond it), the documents' storage
   holds documents, or `AUDIT_ANCHOR_DIR` holds checkpoints of events after the backup.
Then the database is migrated to the backup's migrations; every row goes back in one
transaction with its own primary key (audit events with their sequence and hash, as
inserts: the append-only triggers refuse only changes) and each document is put back
and checked against its hash; PostgreSQL's sequences are moved past the restored keys.
Later migrations then bring the data up to the code, the checkpoints are put back, and
the restore is itself recorded in the audit trail.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Model, Q

from casereviews.audit.anchor import anchor_compare, anchor_directory, checkpoints_newest_first
from casereviews.audit.models import AuditEvent
from casereviews.audit.services import audit_record
from casereviews.backup.archive import ANCHORS, DATABASE, DOCUMENTS, ArchiveReader
from casereviews.backup.tables import RowReader, rows_serialise, tables
from casereviews.storage import (
    document_delete,
    document_digest,
    document_holders,
    document_save_bytes,
    stored_names,
)

# A table a migration fills (the themes) may hold rows already, if they are the very
# rows of the backup; larger tables, and the audit trail, must be empty.
_SEEDED_AT_MOST = 1000
_BATCH = 500


class RestoreRefused(Exception):
    """Nothing was changed; the message says why and what to do."""


@dataclass
class RestoreSummary:
    rows: int
    documents: int
    audit_head: int
    migrated_after: int
    # What verify_audit would say of the restored trail against the checkpoints kept in
    # AUDIT_ANCHOR_DIR, if it disagrees.
    anchor_problem: str | None


def _migration_plan(manifest: dict[str, Any]) -> tuple[MigrationExecutor, list[Any]]:
    """The migrations to apply to reach the backup's state; refused if the backup or
    the database is ahead of the other."""
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    wanted = {tuple(pair) for pair in manifest["migrations"]}
    unknown = sorted(f"{app}.{name}" for app, name in wanted if (app, name) not in graph.nodes)
    if unknown:
        raise RestoreRefused(
            f"The backup was made by a newer version of the service (it has migrations "
            f"this version does not: {', '.join(unknown[:3])}). Restore it with that "
            "version or a later one"
        )
    applied = set(executor.loader.applied_migrations)
    beyond = sorted(f"{app}.{name}" for app, name in applied - wanted)
    if beyond:
        raise RestoreRefused(
            f"The database has migrations the backup does not ({', '.join(beyond[:3])}). "
            "Restore into a new, empty database: the restore migrates it itself"
        )
    plan: list[Any] = []
    for key in sorted(wanted):
        for step in graph.forwards_plan(key):
            if step not in applied and step not in plan:
                plan.append(step)
    return executor, plan


def _serialised(model: type[Model]) -> set[str]:
    rows = model._base_manager.order_by("pk")
    stream = _Lines()
    rows_serialise(rows, stream)
    return set(stream.lines)


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> int:
        self.lines.append(text.strip())
        return len(text)


def _archive_rows(archive: ArchiveReader, labels: set[str]) -> dict[str, set[str]]:
    """The lines of the archive's database member for these models."""
    found: dict[str, set[str]] = {label: set() for label in labels}
    prefixes = {f'{{"model": "{label.lower()}"': label for label in labels}
    with archive.open(DATABASE) as member:
        for raw in member:
            line = raw.decode().strip()
            for prefix, label in prefixes.items():
                if line.startswith(prefix):
                    found[label].add(line)
    return found


def _check_database_empty(archive: ArchiveReader) -> list[type[Model]]:
    """The tables holding only rows the backup holds too (a migration's seed), to be
    emptied before loading; refused if any table holds anything else."""
    existing = set(connection.introspection.table_names())
    holding = [
        model
        for model in tables()
        if model._meta.db_table in existing and model._base_manager.exists()
    ]
    seeded = [
        model
        for model in holding
        if model is not AuditEvent and model._base_manager.count() <= _SEEDED_AT_MOST
    ]
    archived = _archive_rows(archive, {model._meta.label for model in seeded})
    for model in holding:
        if model in seeded and _serialised(model) <= archived[model._meta.label]:
            continue
        raise RestoreRefused(
            f"The database is not empty: {model._meta.db_table} holds "
            f"{model._base_manager.count():,} rows. Restore only into a new, empty "
            "database, so nothing in it is overwritten"
        )
    return seeded


def _check_no_rows() -> list[type[Model]]:
    """Before migrating a database: none of its tables may hold a row."""
    existing = set(connection.introspection.table_names())
    for model in tables():
        if model._meta.db_table in existing and model._base_manager.exists():
            raise RestoreRefused(
                f"The database is not empty: {model._meta.db_table} holds rows. Restore "
                "only into a new, empty database, so nothing in it is overwritten"
            )
    return []


def _check_storage_empty() -> None:
    for folder in sorted({holder.folder for holder in document_holders()}):
        held = stored_names(folder)
        if held:
            raise RestoreRefused(
                f"The documents' storage is not empty: {folder}/ holds {len(held):,} files. "
                "Restore only into empty storage (a new folder or bucket)"
            )


def _check_anchors(manifest: dict[str, Any]) -> bool:
    """Whether to put the backup's checkpoints in place (the folder has none); refused
    if the folder records events after the backup, which the restore would lose."""
    newest = next(checkpoints_newest_first(), None)
    if newest is None:
        return True
    head = manifest["audit"]["sequence"]
    if newest.sequence > head:
        raise RestoreRefused(
            f"AUDIT_ANCHOR_DIR ({anchor_directory()}) holds a checkpoint of event "
            f"#{newest.sequence}, written after this backup, which ends at event #{head}: "
            f"events #{head + 1} to #{newest.sequence} would be lost, and verify_audit "
            "would report them missing. Restore a newer backup; or, to accept the loss, "
            "move the checkpoint files to another folder (keep them: they record what was "
            "lost) and run restore again"
        )
    return False


def _rows(archive: ArchiveReader, reader: RowReader) -> Iterator[Model]:
    with archive.open(DATABASE) as member:
        for raw in member:
            if raw.strip():
                yield reader.instance(json.loads(raw))


def _insert(batch: list[Model]) -> None:
    model = type(batch[0])
    fields = model._meta.local_concrete_fields
    # As `loaddata` saves (raw): the stored values as they are, not "now" for the
    # auto_now fields; `bulk_create` would give them the time of the restore.
    model._base_manager._insert(batch, fields=fields, raw=True)  # type: ignore[attr-defined]


def _load(archive: ArchiveReader, state_apps: Any, seeded: list[type[Model]]) -> int:
    reader = RowReader(state_apps)
    for model in seeded:
        model._base_manager.all().delete()
    loaded = 0
    batch: list[Model] = []
    if connection.vendor == "postgresql":
        # Django makes its foreign keys deferrable: checked once, at the end.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    with connection.constraint_checks_disabled():
        for instance in _rows(archive, reader):
            if batch and (type(instance) is not type(batch[0]) or len(batch) >= _BATCH):
                _insert(batch)
                batch = []
            batch.append(instance)
            loaded += 1
        if batch:
            _insert(batch)
    connection.check_constraints()
    return loaded


def _reset_sequences() -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), tables())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _documents(archive: ArchiveReader, written: list[tuple[Any, str]]) -> int:
    """Put every document back, each checked against the hash its row records; those
    written so far are in `written`, to be removed if the restore fails."""
    by_folder = {holder.folder: holder for holder in document_holders()}
    for name in archive.names(DOCUMENTS):
        folder, stored = name[len(DOCUMENTS) :].split("/", 1)
        holder = by_folder[folder]
        document_save_bytes(holder=holder, name=stored, content=archive.read(name))
        written.append((holder, stored))
    for holder in document_holders():
        for stored, recorded, size in holder.rows():
            try:
                digest, found = document_digest(holder=holder, name=stored)
            except FileNotFoundError:
                raise RestoreRefused(
                    f"The backup lacks the document {holder.key(stored)}, which its database "
                    "names: it was made incomplete"
                ) from None
            if recorded and (digest, found) != (recorded, size):
                raise RestoreRefused(f"The document {holder.key(stored)} does not match its hash")
    return len(written)


def _removed_during_backup(manifest: dict[str, Any]) -> None:
    holders = {holder.model: holder for holder in document_holders()}
    for item in manifest.get("removed_during_backup", []):
        holder = holders[item["model"]]
        holder.model_class._base_manager.filter(Q(**{holder.name_field: item["name"]})).delete()


def _anchors_put_back(archive: ArchiveReader) -> None:
    directory = anchor_directory()
    directory.mkdir(mode=0o750, parents=True, exist_ok=True)
    for name in archive.names(ANCHORS):
        target = directory / Path(name).name
        target.write_bytes(archive.read(name))
        target.chmod(0o640)


def restore_archive(
    *, archive: ArchiveReader, progress: Callable[[str], None] = lambda _: None
) -> RestoreSummary:
    """Restore `archive` (already checked against its manifest) into this database and
    storage; `RestoreRefused` with nothing changed if they are not empty."""
    manifest = archive.manifest
    executor, plan = _migration_plan(manifest)
    seeded = _check_database_empty(archive) if not plan else _check_no_rows()
    _check_storage_empty()
    anchors_from_backup = _check_anchors(manifest)
    if plan:
        progress(f"Migrating the database to the backup's state ({len(plan)} migrations)")
        steps = [(executor.loader.graph.nodes[key], False) for key in plan]
        executor.migrate(targets=plan[-1:], plan=steps)
        emit_post_migrate_signal(0, False, connection.alias)
        seeded = _check_database_empty(archive)
    state = executor.loader.project_state(
        [tuple(pair) for pair in manifest["migrations"]], at_end=True
    )
    written: list[tuple[Any, str]] = []
    try:
        with transaction.atomic():
            rows = _load(archive, state.apps, seeded)
            progress(f"Database: {rows:,} rows")
            _removed_during_backup(manifest)
            documents = _documents(archive, written)
            progress(f"Documents: {documents:,}")
            _reset_sequences()
    except BaseException:
        for holder, stored in written:
            document_delete(holder=holder, name=stored)
        raise
    latest = MigrationExecutor(connection)
    migrated_after = len(latest.migration_plan(latest.loader.graph.leaf_nodes()))
    if migrated_after:
        progress(f"Migrating the restored data to this version ({migrated_after} migrations)")
        call_command("migrate", verbosity=0, interactive=False)
    if anchors_from_backup:
        _anchors_put_back(archive)
    audit_record(
        action="service.restore",
        detail={
            "backup_created_at": manifest["created_at"],
            "audit_sequence": manifest["audit"]["sequence"],
        },
    )
    return RestoreSummary(
        rows=rows,
        documents=documents,
        audit_head=manifest["audit"]["sequence"],
        migrated_after=migrated_after,
        anchor_problem=anchor_compare(),
    )
