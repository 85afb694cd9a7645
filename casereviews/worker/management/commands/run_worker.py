"""The background worker: runs every registered job, then records a heartbeat, once
every `--interval` seconds. Between those cycles it waits to be woken: a job that can be
woken (`jobs.Wake`, e.g. the outbox's delivery) runs as soon as its work is queued, and
again at once while it still has work waiting (casereviews/worker/wake.py)."""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.db.models import F
from django.utils import timezone

from casereviews.worker.jobs import Job, registered_jobs, registered_wakes
from casereviews.worker.models import Heartbeat
from casereviews.worker.wake import Waiter

logger = logging.getLogger("casereviews.worker")


class Command(BaseCommand):
    help = "Run the background worker (reminders, escalations and e-mail delivery)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one cycle and stop.")
        parser.add_argument("--interval", type=float, default=15.0, help="Seconds between cycles.")

    def handle(self, *args: Any, **options: Any) -> None:
        name = f"{socket.gethostname()}:{os.getpid()}"
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        jobs = registered_jobs()
        logger.info("Worker %s started with jobs: %s", name, ", ".join(jobs) or "none")
        waiter = Waiter(registered_wakes(), poll_seconds=settings.WORKER_POLL_SECONDS)
        next_cycle = time.monotonic()
        woken: set[str] = set()
        try:
            while not self.stopping:
                close_old_connections()
                if time.monotonic() >= next_cycle:
                    # A whole cycle: every job, then the heartbeat ("finished a cycle").
                    did = _run(jobs)
                    _beat(name)
                    next_cycle = time.monotonic() + options["interval"]
                else:
                    did = _run({job: jobs[job] for job in sorted(woken)})
                if options["once"]:
                    break
                # A job stopped with work still waiting (a burst longer than one run):
                # run it again at once rather than wait to be told.
                woken = waiter.waiting({job for job, count in did.items() if count})
                if not woken:
                    woken = waiter.wait(next_cycle - time.monotonic(), lambda: self.stopping)
        finally:
            waiter.close()
        logger.info("Worker %s stopped", name)

    def _stop(self, signum: int, frame: object) -> None:
        self.stopping = True


def _run(jobs: dict[str, Job]) -> dict[str, int]:
    did = {}
    for job_name, job in jobs.items():
        try:
            done = job()
        except Exception:
            # One failing job must not stop the others; it is retried next cycle.
            logger.exception("Worker job %s failed", job_name)
            done = 0
        if done:
            logger.info("Worker job %s did %d", job_name, done)
        did[job_name] = done
    return did


def _beat(name: str) -> None:
    now = timezone.now()
    # An expression cannot be inserted, so the first beat gives its own values.
    Heartbeat.objects.update_or_create(
        worker=name,
        defaults={"beat_at": now, "cycles": F("cycles") + 1},
        create_defaults={"beat_at": now, "cycles": 1},
    )
