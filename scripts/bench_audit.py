"""How fast `verify_audit` verifies a large audit trail on PostgreSQL:
`python scripts/bench_audit.py --database URL [--events N]`.

The database is made and filled once (kept for the next run unless `--drop`): N audit
events, chained under the development key exactly as `audit_record` chains them, written
with COPY (a board's reads, transitions and saves, some naming a case in `detail`). Then,
with checkpoints in a temporary folder:

1. `verify_audit` in full (every core), which also writes a checkpoint at the head;
2. a thousand more events, then `verify_audit --since-checkpoint`.

Each prints its wall time (with Django's start) and events a second, from the command's
own log summary. docs/adr/0023-audit-verification-at-scale.md states the targets.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
KEY = "development-only-audit-key"
ACTIONS = ("notification.read", "notification.draft_save", "transition.verify", "chronology.read")
COLUMNS = (
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


def environment(url: str, anchors: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_ENV": "development",
        "DATABASE_URL": url,
        "AUDIT_HMAC_KEY": KEY,
        "AUDIT_ANCHOR_DIR": str(anchors),
        "LOG_LEVEL": "INFO",
    }


def events_held(url: str) -> int:
    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
            return -1
    with psycopg.connect(url) as conn:
        try:
            row = conn.execute("SELECT max(sequence) FROM audit_auditevent").fetchone()
        except psycopg.errors.UndefinedTable:
            return -1
    return int(row[0] or 0) if row else 0


def append(url: str, count: int) -> None:
    """`count` more events, chained on from the head, written with COPY."""
    from casereviews.audit.chain import GENESIS, canonical_detail, row_hash  # after setup

    key = KEY.encode()
    with psycopg.connect(url) as conn:
        head = conn.execute(
            "SELECT sequence, hash FROM audit_auditevent ORDER BY sequence DESC LIMIT 1"
        ).fetchone()
        sequence, previous = head if head else (0, GENESIS)
        start = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
        step = datetime.timedelta(seconds=7, microseconds=13)
        with (
            conn.cursor() as cursor,
            cursor.copy(f"COPY audit_auditevent ({', '.join(COLUMNS)}) FROM STDIN") as copy,
        ):
            for _ in range(count):
                sequence += 1
                case = sequence % 100_000
                detail = {"case": f"BF-2026-{case:05d}"} if sequence % 3 == 0 else {}
                row = (
                    sequence,
                    start + step * sequence,
                    None,
                    f"person{sequence % 997}@board.example.org",
                    "Bracknell Forest Council",
                    "business_manager",
                    ACTIONS[sequence % len(ACTIONS)],
                    "notifications.notification",
                    str(case),
                    f"BF-2026-{case:05d}",
                    None,
                    "success",
                    f"{sequence:032x}",
                    "127.0.0.1",
                    canonical_detail(detail),
                    previous,
                )
                previous = row_hash(row, key)
                copy.write_row((*row[:14], json.dumps(detail), row[15], previous))
        conn.commit()


class ServerTime:
    """The CPU time of the database's server processes serving `name` while it runs,
    sampled from /proc (a shared machine's wall time says little; CPU time says what the
    work costs)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.name = url.rsplit("/", 1)[1]
        self.ticks: dict[int, int] = {}
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        with psycopg.connect(self.url, autocommit=True) as conn:
            while not self.stopping.wait(0.1):
                pids = conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s "
                    "AND pid <> pg_backend_pid()",
                    [self.name],
                ).fetchall()
                for (pid,) in pids:
                    try:
                        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    except OSError:
                        continue
                    self.ticks[pid] = max(self.ticks.get(pid, 0), int(fields[11]) + int(fields[12]))

    def __enter__(self) -> ServerTime:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.thread.join()

    def seconds(self) -> float:
        return sum(self.ticks.values()) / os.sysconf("SC_CLK_TCK")


def timed(args: list[str], env: dict[str, str], url: str) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds of verify_audit and its processes, CPU seconds of the
    database serving them, and the command's own summary line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    with ServerTime(url) as server:
        done = subprocess.run(
            [PYTHON, "manage.py", "verify_audit", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"verify_audit {' '.join(args)} failed: {done.stderr}{done.stdout}")
    summary = next(
        (line for line in done.stderr.splitlines() if "Audit trail intact, verified" in line), ""
    )
    return seconds, cpu, server.seconds(), re.sub(r"^.*? INFO casereviews.audit ", "", summary)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="a PostgreSQL URL")
    parser.add_argument("--events", type=int, default=4_000_000)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--drop", action="store_true", help="drop the database afterwards")
    options = parser.parse_args()
    anchors = Path(tempfile.mkdtemp(prefix="bench-audit-"))
    env = environment(options.database, anchors)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "casereviews.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    held = events_held(options.database)
    if held < 0:
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        held = 0
    if held < options.events:
        started = time.monotonic()
        append(options.database, options.events - held)
        print(f"generated {options.events - held:,} events in {time.monotonic() - started:.0f} s")
    with psycopg.connect(options.database, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE audit_auditevent")
        total = conn.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0]  # type: ignore[index]

    processes = ["--processes", str(options.processes)]
    seconds, cpu, server, summary = timed(processes, env, options.database)
    cost = (cpu + server) / total
    print(
        f"verify_audit --processes {options.processes} (full): {total:,} events in "
        f"{seconds:.1f} s with Django's start ({total / seconds:,.0f} a second; load "
        f"average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    print(f"  its own summary: {summary}")
    print(
        f"  CPU: {cpu:.1f} s in verify_audit's processes, {server:.1f} s in the database's: "
        f"{cost * 1e6:.1f} µs an event, {(os.cpu_count() or 1) / cost:,.0f} events a second "
        "when every core is free for it"
    )
    append(options.database, 1000)
    seconds, cpu, server, summary = timed(["--since-checkpoint", *processes], env, options.database)
    print(
        f"verify_audit --since-checkpoint at {total + 1000:,} events: {seconds:.1f} s with "
        f"Django's start; CPU {cpu:.1f} s (with Django's start), database {server:.1f} s"
    )
    print(f"  its own summary: {summary}")
    shutil.rmtree(anchors, ignore_errors=True)
    if options.drop:
        server, name = options.database.rsplit("/", 1)
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
