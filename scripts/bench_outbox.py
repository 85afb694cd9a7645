"""How fast the outbox delivers: `python scripts/bench_outbox.py [--database URL]`.

Against a local aiosmtpd server, with the real worker (`run_worker`, its own loop, in a
subprocess) on a fresh database — SQLite in a temporary folder, or, with `--database`, a
PostgreSQL database of that name, dropped and made again — it measures:

- the delivery rate of a burst: N e-mails queued in one statement, from their commit to
  the last one accepted by the SMTP server;
- queue → delivery with an idle queue: e-mails queued one at a time, each after the one
  before was delivered and a pause, from the commit to the SMTP server's acceptance
  (p50, p95, max).

It prints one line per measure. docs/adr/0022-outbox-drained-continuously.md states the
targets.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psycopg
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")


class Receiver:
    """Keeps when each message (by subject) was accepted."""

    def __init__(self) -> None:
        self.accepted: dict[str, float] = {}
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        at = time.time()
        for line in envelope.content.decode(errors="replace").splitlines():
            if line.startswith("Subject: "):
                with self.lock:
                    self.accepted.setdefault(line[9:].strip(), at)
                break
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return len(self.accepted)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fresh_postgres(url: str) -> None:
    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def drop_postgres(url: str) -> None:
    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_for(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"Gave up waiting for {what}")
        time.sleep(0.005)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="", help="a PostgreSQL URL; unset: SQLite")
    parser.add_argument("--burst", type=int, default=3000, help="e-mails queued at once")
    parser.add_argument("--idle", type=int, default=60, help="e-mails queued one at a time")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    options = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="bench-outbox-"))
    receiver = Receiver()
    smtp = Controller(receiver, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = {
        **os.environ,
        "DJANGO_ENV": "development",
        "DATA_DIR": str(data_dir),
        "DATABASE_URL": options.database,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "LOG_LEVEL": "WARNING",
    }
    if options.database:
        fresh_postgres(options.database)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "casereviews.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    # Django reads the environment above when it starts, so these come after it.
    from casereviews.outbox.services import Email, outbox_enqueue_all
    from casereviews.worker.models import Heartbeat

    vendor = connection.vendor
    worker = subprocess.Popen([PYTHON, "manage.py", "run_worker"], cwd=ROOT, env=env)
    try:
        wait_for(Heartbeat.objects.exists, 120, "the worker's first cycle")

        # A burst, queued in one statement.
        queued_at = time.time()
        outbox_enqueue_all(
            Email(
                key=f"bench:burst:{n}",
                to=[f"member{n}@bench.example.org"],
                subject=f"burst {n}",
                body="Bench.",
            )
            for n in range(options.burst)
        )
        committed = time.time()
        wait_for(lambda: receiver.count() >= options.burst, 3600, "the burst")
        last = max(receiver.accepted.values())
        rate = options.burst / (last - committed)
        print(
            f"outbox on {vendor}: a burst of {options.burst} e-mails queued in "
            f"{committed - queued_at:.2f} s, delivered {last - committed:.1f} s after its commit: "
            f"{rate:.0f} e-mails a second"
        )

        # One at a time into an idle queue.
        latencies = []
        for n in range(options.idle):
            time.sleep(random.uniform(0.2, 1.0))  # noqa: S311  (spacing, not security)
            subject = f"idle {n}"
            outbox_enqueue_all(
                [Email(key=f"bench:idle:{n}", to=["m@bench.example.org"], subject=subject, body="")]
            )
            committed = time.time()
            wait_for(lambda s=subject: s in receiver.accepted, 120, subject)
            latencies.append(receiver.accepted[subject] - committed)
        print(
            f"outbox on {vendor}: queue to delivery with an idle queue, {options.idle} e-mails: "
            f"p50 {statistics.median(latencies):.3f} s, p95 {percentile(latencies, 95):.3f} s, "
            f"max {max(latencies):.3f} s"
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
        smtp.stop()
        connection.close()
        shutil.rmtree(data_dir, ignore_errors=True)
        if options.database and not options.keep:
            drop_postgres(options.database)


if __name__ == "__main__":
    main()
