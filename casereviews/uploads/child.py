"""The parsing child: `python -m casereviews.uploads.child`, run by `sandbox`.

Reads one JSON line (the task, its options and the limits) and then the file from
standard input; limits itself before touching the file; writes one JSON answer:
`{"answer": …}` or `{"refused": message}`, with its peak memory and CPU time. It imports
no Django and writes no files (docs/adr/0020)."""

from __future__ import annotations

import json
import resource
import sys
from collections.abc import Callable
from typing import Any

from casereviews.uploads import tables
from casereviews.uploads.documents import check_document
from casereviews.uploads.refusal import Refused
from casereviews.uploads.sandbox import EXHAUSTED_EXIT

# The header is a few hundred bytes; more is not ours.
_HEADER_BYTES = 64 * 1024


def _table(reader: Callable[[bytes, tables.TableLimits], list[list[tables.Cell]]]) -> Any:
    def task(content: bytes, options: dict[str, Any]) -> Any:
        keep = int(options.get("keep_columns", 0)) or None
        rows = reader(content, tables.TableLimits(**options["limits"]))
        return [[tables.encode_cell(cell) for cell in row[:keep]] for row in rows]

    return task


def _document(content: bytes, options: dict[str, Any]) -> Any:
    check_document(content, str(options["kind"]))
    return "accepted"


TASKS: dict[str, Callable[[bytes, dict[str, Any]], Any]] = {
    "table.csv": _table(tables.read_csv),
    "table.xlsx": _table(tables.read_xlsx),
    "document": _document,
}
# What a task raises to refuse the file, with the message for the person.
REFUSALS: tuple[type[Exception], ...] = (tables.TableRefused, Refused)


def _limit(memory_mb: int, cpu_seconds: int) -> None:
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _peak_memory_kb(fallback: int) -> int:
    """This process's own peak resident memory. Linux keeps `ru_maxrss` across exec, so
    it may be the web worker's that forked us; VmHWM belongs to this program alone."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return fallback


def _run() -> dict[str, Any]:
    header = json.loads(sys.stdin.buffer.readline(_HEADER_BYTES))
    _limit(int(header["memory_mb"]), int(header["cpu_seconds"]))
    content = sys.stdin.buffer.read()
    task = TASKS[header["task"]]
    try:
        return {"answer": task(content, header["options"])}
    except REFUSALS as refused:
        return {"refused": str(refused)}


def main() -> int:
    try:
        result = _run()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result["peak_memory_kb"] = _peak_memory_kb(usage.ru_maxrss)
        result["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 3)
        sys.stdout.write(json.dumps(result))
    except MemoryError:
        return EXHAUSTED_EXIT
    return 0


if __name__ == "__main__":
    sys.exit(main())
