"""The background worker: runs every registered job, then records a heartbeat."""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.db.models import F
from django.utils import timezone

from casereviews.worker.jobs import registered_jobs
from casereviews.worker.models import Heartbeat

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
        logger.info("Worker %s started with jobs: %s", name, ", ".join(registered_jobs()) or "none")
        while not self.stopping:
            close_old_connections()
            for job_name, job in registered_jobs().items():
                try:
                    done = job()
                except Exception:
                    # One failing job must not stop the others; it is retried next cycle.
                    logger.exception("Worker job %s failed", job_name)
                else:
                    if done:
                        logger.info("Worker job %s did %d", job_name, done)
            now = timezone.now()
            # An expression cannot be inserted, so the first beat gives its own values.
            Heartbeat.objects.update_or_create(
                worker=name,
                defaults={"beat_at": now, "cycles": F("cycles") + 1},
                create_defaults={"beat_at": now, "cycles": 1},
            )
            if options["once"]:
                break
            deadline = time.monotonic() + options["interval"]
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(0.2)
        logger.info("Worker %s stopped", name)

    def _stop(self, signum: int, frame: object) -> None:
        self.stopping = True
