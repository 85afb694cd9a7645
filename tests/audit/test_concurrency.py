"""Two processes appending at once cannot fork the chain: on PostgreSQL an advisory lock
serialises them, on SQLite the IMMEDIATE transaction mode of the settings does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4
EVENTS_EACH = 25

APPEND = (
    "from casereviews.audit.services import audit_record\n"
    "for n in range({count}):\n"
    "    audit_record(action='test.concurrent', detail={{'writer': {writer}, 'n': n}})\n"
)


def environment_for_this_database(tmp_path: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATA_DIR"}}
    base["DJANGO_ENV"] = "test"
    # The test's own checkpoints, as its database is its own.
    base["AUDIT_ANCHOR_DIR"] = str(tmp_path / "audit-anchors")
    if connection.vendor == "postgresql":
        # The test database itself, whose rows this (transactional) test commits.
        settings = connection.settings_dict
        url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}"
        return {**base, "DATABASE_URL": f"{url}/{settings['NAME']}"}
    # The embedded SQLite database, opened exactly as the settings open it in service.
    return {**base, "DATA_DIR": str(tmp_path)}


def manage(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_extend_one_unbroken_chain(tmp_path: Path) -> None:
    env = environment_for_this_database(tmp_path)
    if connection.vendor == "sqlite":
        migrate = manage("migrate", "--no-input", env=env)
        assert migrate.wait(timeout=120) == 0, migrate.communicate()
    writers = [
        manage("shell", "-c", APPEND.format(count=EVENTS_EACH, writer=w), env=env)
        for w in range(WRITERS)
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    check = manage("verify_audit", env=env)
    out, err = check.communicate(timeout=60)
    assert (check.returncode, out.splitlines()[0]) == (
        0,
        f"Audit trail intact: {WRITERS * EVENTS_EACH} events",
    ), err
