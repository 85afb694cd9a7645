"""Killing the worker at any point of its cycle loses no reminder and records none twice.

The real `run_worker --once` runs in a subprocess against its own database and a real
SMTP server. `WORKER_PAUSE_AT` (casereviews/worker/pause.py) makes it stop dead at a named
point, where the test SIGKILLs it; then an ordinary worker is run until the outbox is
empty. Every due reminder must be recorded exactly once and delivered at least once; only
the one e-mail in flight at the kill may arrive twice."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from casereviews.worker.pause import POINTS
from tests.deadlines.worker_harness import SUMMARY, Mailbox, WorkerDatabase, prepare, start_smtp

# The real worker in subprocesses: slow, run by the full suite only.
pytestmark = pytest.mark.slow

CASES = 2
STEPS = ("due_soon", "overdue", "escalated")
# The seeded deadlines are long overdue: every step of each is due.
EXPECTED_SUBJECTS = {
    f"BF-2026-{n:04d}: deadline {what}"
    for n in range(1, CASES + 1)
    for what in ("is due soon", "is overdue", "is overdue and has been escalated to you")
}


@pytest.fixture
def smtp() -> Iterator[tuple[int, Mailbox]]:
    controller, mailbox = start_smtp()
    yield controller.port, mailbox
    controller.stop()


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for each test (migrating takes seconds)."""
    directory = tmp_path_factory.mktemp("template")
    WorkerDatabase(directory, 25).manage("migrate", "--no-input")
    return directory / "casereviews.sqlite3"


def _assert_each_reminder_once(database: WorkerDatabase, mailbox: Mailbox, *, twice: int) -> None:
    summary = database.shell(SUMMARY)
    reminders = [tuple(r) for r in summary["reminders"]]
    assert len(reminders) == len(set(reminders)) == CASES * len(STEPS)
    assert set(summary["emails"]) == EXPECTED_SUBJECTS
    assert summary["unsent"] == 0
    received = mailbox.counts()
    assert set(received) == EXPECTED_SUBJECTS  # every reminder delivered at least once
    assert sum(received.values()) == len(EXPECTED_SUBJECTS) + twice
    assert max(received.values()) <= 2


def test_the_pause_points_are_the_ones_tested() -> None:
    assert set(POINTS) == {"reminder_recorded", "before_send", "after_send", "after_record"}


@pytest.mark.parametrize(
    ("point", "twice"),
    [
        # Killed after recording one reminder and queueing its e-mail: nothing sent yet.
        ("reminder_recorded", 0),
        # Killed holding a lease on e-mails it had not sent: sent once the lease runs out.
        ("before_send", 0),
        # Killed after the SMTP server accepted an e-mail but before marking it sent:
        # that one e-mail, and only that one, is sent again.
        ("after_send", 1),
        # Killed after marking an e-mail sent: nothing repeats.
        ("after_record", 0),
    ],
)
def test_a_worker_killed_at_each_point_loses_nothing_and_repeats_at_most_the_one_in_flight(
    tmp_path: Path, smtp: tuple[int, Mailbox], migrated: Path, point: str, twice: int
) -> None:
    port, mailbox = smtp
    database = prepare(tmp_path, port, cases=CASES, template=migrated)
    if point != "reminder_recorded":
        # A first cycle records the reminders and claims their e-mails, and is killed
        # before sending; once its lease runs out, the kill under test comes in delivery.
        database.kill_at("before_send")
        time.sleep(1.1)
    database.kill_at(point)
    database.run_until_delivered()
    _assert_each_reminder_once(database, mailbox, twice=twice)


def test_two_workers_at_once_send_each_reminder_once(
    tmp_path: Path, smtp: tuple[int, Mailbox], migrated: Path
) -> None:
    """Two workers started together (on PostgreSQL when the suite runs there, with SKIP
    LOCKED; on SQLite with the same conditional claim) record and send each reminder
    exactly once."""
    port, mailbox = smtp
    database = prepare(tmp_path, port, cases=6, template=migrated)
    workers = [database.worker(), database.worker()]
    for worker in workers:
        _, errors = worker.communicate(timeout=120)
        assert worker.returncode == 0, errors
    database.run_until_delivered()
    summary = database.shell(SUMMARY)
    reminders = [tuple(r) for r in summary["reminders"]]
    assert len(reminders) == len(set(reminders)) == 6 * len(STEPS)
    received = mailbox.counts()
    assert len(received) == 6 * len(STEPS)
    assert set(received.values()) == {1}
