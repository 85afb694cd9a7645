"""gunicorn's settings file, read from the working directory: with
PROMETHEUS_MULTIPROC_DIR set, each worker keeps its request counts in a file there, so
/metrics adds up every worker's (docs/adr/0025-health-metrics-and-logs.md)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from prometheus_client import multiprocess


def on_starting(server: Any) -> None:
    """Counts of a previous run would be added to this one's: start from none."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        Path(folder).mkdir(mode=0o700, parents=True, exist_ok=True)
        for stale in Path(folder).glob("*.db"):
            stale.unlink()


def child_exit(server: Any, worker: Any) -> None:
    """A worker that has gone: its live gauges go with it (its counts are kept)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]
