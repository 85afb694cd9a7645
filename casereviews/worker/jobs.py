"""What the worker does each cycle. Features register their jobs here; each job must be
safe to run again after a crash at any point (it records what it has done)."""

from __future__ import annotations

from collections.abc import Callable

Job = Callable[[], int]
_JOBS: dict[str, Job] = {}


def register_job(name: str) -> Callable[[Job], Job]:
    """Register a job; it returns how many things it did this cycle."""

    def decorator(function: Job) -> Job:
        _JOBS[name] = function
        return function

    return decorator


def registered_jobs() -> dict[str, Job]:
    return dict(_JOBS)
