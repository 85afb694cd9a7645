"""The running worker (`run_worker`, its own loop, cycles an hour apart) sends e-mail as
soon as it is queued — woken by PostgreSQL's NOTIFY, or by its poll on SQLite — drains a
burst larger than a batch, and keeps the outbox's guarantees: two workers send each
e-mail once, and one killed mid-burst repeats at most the e-mail in flight.

Each test runs real workers in subprocesses against their own database (SQLite, or a
PostgreSQL database beside the test database when the suite runs there) and a real SMTP
server (tests/deadlines/worker_harness.py)."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.deadlines.worker_harness import (
    Mailbox,
    WorkerDatabase,
    postgres_drop,
    postgres_url,
    start_smtp,
)

pytestmark = pytest.mark.slow

# Cycles an hour apart: whatever such a worker sends sooner, it was woken to send.
HOUR = 3600.0
# A generous bound for a loaded machine, far shorter than that hour.
PATIENCE = 90.0

QUEUE = """
import json
from casereviews.outbox.services import Email, outbox_enqueue_all
outbox_enqueue_all(
    Email(key=f"pack:{n}", to=[f"member{n}@bf.example.org"], subject=f"Pack {n}", body="")
    for n in range(FIRST, FIRST + COUNT)
)
print(json.dumps("queued"))
"""
UNSENT = """
import json
from casereviews.outbox.models import OutboxEmail
from casereviews.worker.models import Heartbeat
print(json.dumps([OutboxEmail.objects.filter(sent_at=None).count(), Heartbeat.objects.count()]))
"""


@pytest.fixture
def smtp() -> Iterator[tuple[int, Mailbox]]:
    controller, mailbox = start_smtp()
    yield controller.port, mailbox
    controller.stop()


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[Path | str]:
    """One migrated database, copied for each test (migrating takes many seconds): an
    SQLite file, or a PostgreSQL database used as a template, one for each pytest-xdist
    worker."""
    directory = tmp_path_factory.mktemp("template")
    url = postgres_url(f"woken_template_{worker_id}")
    WorkerDatabase(directory, 25, url=url).manage("migrate", "--no-input")
    yield url.rsplit("/", 1)[1] if url else directory / "casereviews.sqlite3"
    if url:
        postgres_drop(url)


@pytest.fixture
def database(
    tmp_path: Path, smtp: tuple[int, Mailbox], migrated: Path | str, worker_id: str
) -> Iterator[WorkerDatabase]:
    if isinstance(migrated, Path):
        shutil.copy(migrated, tmp_path / "casereviews.sqlite3")
        yield WorkerDatabase(tmp_path, smtp[0])
        return
    url = postgres_url(f"woken_{worker_id}", template=migrated)
    yield WorkerDatabase(tmp_path, smtp[0], url=url)
    if url:
        postgres_drop(url)


def _queue(database: WorkerDatabase, count: int, first: int = 0) -> None:
    code = QUEUE.replace("FIRST", str(first)).replace("COUNT", str(count))
    database.shell(code)


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("The worker did not do it while waiting for its next cycle")
        time.sleep(0.2)


def _stop(worker: subprocess.Popen[str]) -> None:
    worker.send_signal(signal.SIGTERM)
    _, errors = worker.communicate(timeout=60)
    assert worker.returncode == 0, errors


def test_a_waiting_worker_sends_an_email_as_soon_as_it_is_queued(
    database: WorkerDatabase, smtp: tuple[int, Mailbox]
) -> None:
    _, mailbox = smtp
    # Long leases: a lease running out is not what this test is about.
    worker = database.worker(interval=HOUR, OUTBOX_LEASE_SECONDS="300")
    try:
        _until(lambda: database.shell(UNSENT)[1] == 1)  # its first cycle is done
        _queue(database, 1)
        _until(lambda: sum(mailbox.counts().values()) == 1)
        _queue(database, 1, first=1)
        _until(lambda: sum(mailbox.counts().values()) == 2)
    finally:
        _stop(worker)
    assert mailbox.counts() == {"Pack 0": 1, "Pack 1": 1}


def test_two_waiting_workers_send_a_burst_each_email_once(
    database: WorkerDatabase, smtp: tuple[int, Mailbox]
) -> None:
    _, mailbox = smtp
    workers = [database.worker(interval=HOUR, OUTBOX_LEASE_SECONDS="300") for _ in range(2)]
    try:
        _until(lambda: database.shell(UNSENT)[1] == 2)
        _queue(database, 400)
        _until(lambda: sum(mailbox.counts().values()) >= 400)
    finally:
        for worker in workers:
            _stop(worker)
    received = mailbox.counts()
    assert len(received) == 400
    assert set(received.values()) == {1}
    assert database.shell(UNSENT)[0] == 0


@pytest.mark.parametrize(("point", "twice"), [("before_send", 0), ("after_send", 1)])
def test_a_waiting_worker_killed_mid_burst_loses_nothing_and_repeats_at_most_one(
    database: WorkerDatabase, smtp: tuple[int, Mailbox], point: str, twice: int
) -> None:
    """Killed holding a claim on a batch (before sending, or after the server accepted an
    e-mail it had not yet marked sent): another waiting worker sends the whole burst once
    the lease runs out (a one-second lease here; a lease that runs out wakes no one, so
    the other worker finds those e-mails at its next cycle, two seconds apart here), the
    one in flight at most twice."""
    _, mailbox = smtp
    _queue(database, 120)
    database.kill_at(point, interval=HOUR)
    worker = database.worker(interval=2)
    try:
        _until(lambda: database.shell(UNSENT)[0] == 0)
    finally:
        _stop(worker)
    received = mailbox.counts()
    assert len(received) == 120
    assert sum(received.values()) == 120 + twice
    assert max(received.values()) <= 2
