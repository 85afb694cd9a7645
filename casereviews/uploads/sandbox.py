"""Running a parse in a child process with its own memory and CPU limits.

The web worker hands the file to `python -m casereviews.uploads.child` on standard
input and reads a JSON answer back. The child sets its address-space and CPU limits
(`resource.setrlimit`) before it reads the file, writes no files, and is killed if it
outlives its wall-clock allowance; a file that needs more than the limits is refused
with a message naming them, and the web worker's own memory never holds more than the
file and the answer (docs/adr/0020). The child gets no secrets: only PATH, the
interpreter's own search path and a UTF-8 locale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The folder that holds the `casereviews` package, for the child's import path.
ROOT = Path(__file__).resolve().parents[2]
EXHAUSTED_EXIT = 3


@dataclass(frozen=True)
class ChildLimits:
    """How much the child may use (a local standard: settings `UPLOAD_PARSE_*`)."""

    memory_mb: int
    cpu_seconds: int

    @property
    def wall_seconds(self) -> int:
        # Waiting on the disk or a busy machine is not the file's fault; a loop is.
        return self.cpu_seconds * 2 + 5


@dataclass(frozen=True)
class Outcome:
    """The child's answer, with what it used: its peak resident memory and its time."""

    answer: Any
    peak_memory_kb: int
    cpu_seconds: float


class ParseRefused(ValueError):
    """The file is refused; the message is for the person who sent it."""


def too_much(limits: ChildLimits) -> str:
    return (
        "The file needs more than the service allows to read it "
        f"({limits.memory_mb} MB of memory, {limits.cpu_seconds} seconds of processing). "
        "Save it again as a smaller or simpler file"
    )


def run_in_child(
    task: str, content: bytes, *, options: dict[str, Any], limits: ChildLimits
) -> Outcome:
    """The answer of `task` (a name in `casereviews.uploads.child.TASKS`) for `content`;
    `ParseRefused` when the task refuses the file or the file exhausts the limits."""
    header = {
        "task": task,
        "options": options,
        "memory_mb": limits.memory_mb,
        "cpu_seconds": limits.cpu_seconds,
    }
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    try:
        done = subprocess.run(
            [sys.executable, "-m", "casereviews.uploads.child"],
            input=json.dumps(header).encode() + b"\n" + content,
            capture_output=True,
            timeout=limits.wall_seconds,
            env=environment,
            cwd=ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ParseRefused(too_much(limits)) from None
    # Killed by its CPU limit (SIGXCPU, SIGKILL) or out of memory.
    if done.returncode < 0 or done.returncode == EXHAUSTED_EXIT:
        raise ParseRefused(too_much(limits))
    if done.returncode != 0:
        # The child's error output may quote the file: only its exit status goes further.
        raise RuntimeError(f"The parsing child stopped with status {done.returncode}")
    result = json.loads(done.stdout)
    if "refused" in result:
        raise ParseRefused(result["refused"])
    return Outcome(result["answer"], result["peak_memory_kb"], result["cpu_seconds"])
