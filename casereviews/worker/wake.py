"""The worker's wait between cycles, cut short as soon as work is queued for a job that
can be woken (`jobs.Wake`).

PostgreSQL: a connection of its own (autocommit, apart from Django's, which the worker
closes and reopens between cycles) LISTENs on each such job's channel; the notification
arrives when the transaction that queued the work commits. Notifications that arrive
while the worker is busy wait on that connection, so none is lost between one run and
the next wait. If that connection fails, the worker polls until it can listen again.
SQLite has no notifications: the worker asks each job's `waiting()` every
`WORKER_POLL_SECONDS` (a local standard).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import psycopg
from django.db import connection
from psycopg import sql

from casereviews.worker.jobs import Wake

logger = logging.getLogger("casereviews.worker")


class Waiter:
    def __init__(self, wakes: dict[str, Wake], *, poll_seconds: float) -> None:
        self.wakes = wakes
        self.poll_seconds = poll_seconds
        self._jobs_of: dict[str, set[str]] = {}
        for name, wake in wakes.items():
            self._jobs_of.setdefault(wake.channel, set()).add(name)
        self._listener: psycopg.Connection[tuple[object, ...]] | None = None

    def wait(self, seconds: float, stopping: Callable[[], bool]) -> set[str]:
        """Wait up to `seconds`; return the jobs woken (none if the time ran out or the
        worker is stopping)."""
        deadline = time.monotonic() + seconds
        while not stopping():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            # Short slices, so that a signal to stop is seen within one of them.
            step = min(remaining, max(self.poll_seconds, 0.05))
            listener = self._listening()
            woken = self._notified(listener, step) if listener else self._polled(step)
            if woken:
                return woken
        return set()

    def waiting(self, names: set[str]) -> set[str]:
        """Which of these jobs have work waiting now."""
        return {name for name in names if name in self.wakes and self.wakes[name].waiting()}

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def _listening(self) -> psycopg.Connection[tuple[object, ...]] | None:
        if connection.vendor != "postgresql" or not self._jobs_of:
            return None
        if self._listener is None or self._listener.closed:
            try:
                self._listener = _listen(list(self._jobs_of))
            except psycopg.Error as error:
                logger.warning("Worker cannot listen for queued work, polling: %s", error)
                self._listener = None
        return self._listener

    def _notified(self, listener: psycopg.Connection[tuple[object, ...]], step: float) -> set[str]:
        woken: set[str] = set()
        try:
            for notify in listener.notifies(timeout=step, stop_after=1):
                woken |= self._jobs_of.get(notify.channel, set())
            if woken:  # take the others already waiting, without waiting for more
                for notify in listener.notifies(timeout=0.001):
                    woken |= self._jobs_of.get(notify.channel, set())
        except psycopg.Error as error:
            logger.warning("Worker stopped listening for queued work: %s", error)
            self.close()
        return woken

    def _polled(self, step: float) -> set[str]:
        woken = self.waiting(set(self.wakes))
        if not woken:
            time.sleep(step)
        return woken


def _listen(channels: list[str]) -> psycopg.Connection[tuple[object, ...]]:
    params = connection.get_connection_params()
    listener = psycopg.connect(
        **{k: v for k, v in params.items() if k not in {"context", "cursor_factory"}},
        autocommit=True,
    )
    for channel in channels:
        listener.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
    return listener
