"""Running the real worker (`manage.py run_worker --once`) in a subprocess against its own
database and a real SMTP server (aiosmtpd on 127.0.0.1), for the crash tests.

The database is a fresh SQLite file (DATA_DIR in a temporary directory), or, when the
suite runs on PostgreSQL, a fresh PostgreSQL database beside the test database."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from django.conf import settings

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]


class Mailbox:
    """An SMTP handler keeping the subject of every message accepted."""

    def __init__(self) -> None:
        self.subjects: list[str] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        subject = message_from_bytes(envelope.content)["Subject"]
        with self._lock:
            self.subjects.append(str(subject))
        return "250 Message accepted for delivery"

    def counts(self) -> Counter[str]:
        with self._lock:
            return Counter(self.subjects)


def start_smtp() -> tuple[Controller, Mailbox]:
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, mailbox


def postgres_url(suffix: str = "worker", template: str = "") -> str | None:
    """A URL for a fresh PostgreSQL database when the suite runs on PostgreSQL (a copy of
    the database `template` when one is named)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return None
    import psycopg

    name = f"{database['NAME']}_{suffix}"
    params = {k: database[k.upper()] for k in ("user", "host", "port") if database.get(k.upper())}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        copy = f' TEMPLATE "{template}"' if template else ""
        conn.execute(f'CREATE DATABASE "{name}"{copy}')
    user = database.get("USER") or "postgres"
    host, port = database.get("HOST") or "127.0.0.1", database.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{name}"


def postgres_drop(url: str) -> None:
    """Drop a database `postgres_url` made."""
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class WorkerDatabase:
    def __init__(self, tmp: Path, smtp_port: int, *, url: str | None = None) -> None:
        self.env = {
            k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "WORKER_"))
        }
        self.env.update(
            DJANGO_ENV="test",
            DATA_DIR=str(tmp),
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_port),
            OUTBOX_LEASE_SECONDS="1",
            LOG_LEVEL="WARNING",
        )
        url = url or postgres_url()
        if url:
            self.env["DATABASE_URL"] = url

    def manage(self, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **extra_env},
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )

    def shell(self, code: str) -> Any:
        return json.loads(self.manage("shell", "-c", code).stdout.strip().splitlines()[-1])

    def worker(
        self, pause_at: str = "", *, interval: float | None = None, **extra_env: str
    ) -> subprocess.Popen[str]:
        """`run_worker --once`, or with `interval` the worker's own loop, its cycles that
        many seconds apart."""
        env = {**self.env, **extra_env}
        if pause_at:
            env["WORKER_PAUSE_AT"] = pause_at
        loop = ["--once"] if interval is None else ["--interval", str(interval)]
        return subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", *loop],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )

    def kill_at(self, point: str, *, interval: float | None = None) -> None:
        """Run the worker until it reaches `point`, then SIGKILL it there."""
        process = self.worker(pause_at=point, interval=interval)
        assert process.stderr is not None
        seen = []
        for line in process.stderr:
            seen.append(line)
            if f"worker paused at {point}" in line:
                break
        else:
            raise AssertionError(f"The worker never reached {point}: {''.join(seen)}")
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL

    def run_until_delivered(self, *, attempts: int = 5) -> None:
        for _ in range(attempts):
            process = self.worker()
            _, errors = process.communicate(timeout=120)
            assert process.returncode == 0, errors
            if self.shell(SUMMARY)["unsent"] == 0:
                return
            time.sleep(1.1)  # a killed worker's lease runs out
        raise AssertionError("E-mails were still waiting after several cycles")


SEED = """
import json
from datetime import timedelta
from django.utils import timezone
from casereviews.accounts.models import User
from casereviews.boards.models import Board, Organisation, Role, RoleGrant
from casereviews.deadlines.rules import VERIFICATION_DUE
from casereviews.deadlines.services import deadline_start
from casereviews.notifications.models import Notification
board = Board.objects.create(name="Bracknell Forest LSCB", code="BF")
agency = Organisation.objects.create(name="Thames Valley Police", type="police")
manager = User.objects.create_user(
    "bm@board.example.org", full_name="Alison Burnell", organisation=agency
)
RoleGrant.objects.create(user=manager, board=board, role=Role.BUSINESS_MANAGER)
for number in range(1, CASES + 1):
    case = Notification.objects.create(
        board=board, reference=f"BF-2026-{number:04d}", status="submitted",
        notifier=manager, organisation=agency,
    )
    deadline_start(
        notification=case, rule=VERIFICATION_DUE, started_at=timezone.now() - timedelta(days=30)
    )
print(json.dumps("seeded"))
"""

SUMMARY = """
import json
from casereviews.deadlines.models import ReminderSent
from casereviews.outbox.models import OutboxEmail
print(json.dumps({
    "reminders": sorted([d, s] for d, s in ReminderSent.objects.values_list("deadline_id", "step")),
    "emails": sorted(OutboxEmail.objects.values_list("subject", flat=True)),
    "unsent": OutboxEmail.objects.filter(sent_at=None).count(),
}))
"""


def prepare(tmp: Path, smtp_port: int, *, cases: int, template: Path | None) -> WorkerDatabase:
    database = WorkerDatabase(tmp, smtp_port)
    if template is not None and "DATABASE_URL" not in database.env:
        shutil.copy(template, tmp / "casereviews.sqlite3")
    else:
        database.manage("migrate", "--no-input")
    database.shell(SEED.replace("CASES", str(cases)))
    return database
