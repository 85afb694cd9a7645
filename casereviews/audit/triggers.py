"""Database triggers that make the audit table append-only, on SQLite and PostgreSQL.

They are created by migration 0003. `drop_triggers` exists for the `flush` command
outside production and for tests that tamper with the table on purpose.
"""

from __future__ import annotations

from typing import Any

TABLE = "audit_auditevent"
MESSAGE = "The audit trail is append-only"

_SQLITE_CREATE = [
    f"CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
]
_POSTGRES_CREATE = [
    "CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    f"RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege'; "
    "END $$",
    f"DROP TRIGGER IF EXISTS audit_event_no_change ON {TABLE}",
    f"CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()",
    f"DROP TRIGGER IF EXISTS audit_event_no_truncate ON {TABLE}",
    f"CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()",
]
_POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS audit_event_no_change ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_event_no_truncate ON {TABLE}",
]


def _statements(connection: Any, create: bool) -> list[str]:
    if connection.vendor == "postgresql":
        return _POSTGRES_CREATE if create else _POSTGRES_DROP
    if connection.vendor == "sqlite":
        return _SQLITE_CREATE if create else _SQLITE_DROP
    # The audit trail must not be writable: refuse a database it cannot protect.
    raise RuntimeError(
        f"The audit trail needs SQLite or PostgreSQL, not {connection.vendor}: "
        "there are no append-only triggers for it"
    )


def create_triggers(connection: Any) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection, create=True):
            cursor.execute(statement)


def drop_triggers(connection: Any) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection, create=False):
            cursor.execute(statement)
