"""What the worker does each cycle. Features register their jobs here; each job must be
safe to run again after a crash at any point (it records what it has done).

A job may also say what wakes it between cycles (`Wake`): the worker then runs it as soon
as work is waiting instead of at its next cycle (casereviews/worker/wake.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Job = Callable[[], int]


@dataclass(frozen=True)
class Wake:
    """What wakes a job: `channel`, the PostgreSQL channel that is notified when work is
    queued (by a trigger or the code that queues it), and `waiting`, a cheap check that
    work is waiting, which the worker polls on SQLite (it has no notifications) and asks
    after each run to know whether to run the job again at once."""

    channel: str
    waiting: Callable[[], bool]


@dataclass(frozen=True)
class Registered:
    job: Job
    wake: Wake | None


_JOBS: dict[str, Registered] = {}


def register_job(name: str, *, woken_by: Wake | None = None) -> Callable[[Job], Job]:
    """Register a job; it returns how many things it did this cycle."""

    def decorator(function: Job) -> Job:
        _JOBS[name] = Registered(function, woken_by)
        return function

    return decorator


def registered_jobs() -> dict[str, Job]:
    return {name: registered.job for name, registered in _JOBS.items()}


def registered_wakes() -> dict[str, Wake]:
    """The jobs that can be woken between cycles, and what wakes each."""
    return {name: r.wake for name, r in _JOBS.items() if r.wake is not None}
