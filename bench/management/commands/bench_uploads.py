"""Measure the worst files the upload bounds accept: `manage.py bench_uploads`.

A measurement, not a test: for each format it builds the files that cost the most to
read while staying within every bound (docs/adr/0020), reads each as an upload is read
(in the parsing child, with the configured limits), and prints the child's peak
resident memory and CPU time, the wall-clock time, and the web worker's own peak
allocation (tracemalloc). The figures belong in docs/performance.md."""

from __future__ import annotations

import io
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from pypdf import PdfWriter

from bench import specimens
from casereviews.uploads import word
from casereviews.uploads.sandbox import run_in_child
from casereviews.uploads.spreadsheets import child_limits, table_limits

MB = 1024 * 1024


def _pdf_of_pages(size: int) -> bytes:
    """The most pages (the most objects for the check to visit) within `size` bytes."""
    writer = PdfWriter()
    for _ in range(size // 130):
        writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class Command(BaseCommand):
    help = "Print the memory and time of reading the worst file each upload bound accepts."

    def handle(self, *args: Any, **options: Any) -> None:
        limits = table_limits()
        unpacked = settings.UPLOAD_SPREADSHEET_UNPACKED_MB * MB
        table = {"limits": limits.as_dict(), "keep_columns": 6}
        cases: list[tuple[str, str, Callable[[], bytes], dict[str, Any]]] = [
            (
                "CSV, 2,000 full rows",
                "table.csv",
                lambda: specimens.worst_csv(limits, size=settings.UPLOAD_SPREADSHEET_MB * MB),
                table,
            ),
            ("XLSX, 2,000 full rows", "table.xlsx", lambda: specimens.worst_xlsx(limits), table),
            (
                "XLSX, the most shared strings",
                "table.xlsx",
                lambda: specimens.shared_strings_xlsx(unpacked),
                table,
            ),
            (
                "XLSX, the largest styles part",
                "table.xlsx",
                lambda: specimens.styles_bomb_xlsx(unpacked // 10 - 4096),
                table,
            ),
            (
                "DOCX, 50 MB of fields",
                "document",
                lambda: specimens.worst_docx(10 * MB, xml=word.MAX_TEXT_XML),
                {"kind": "docx"},
            ),
            ("PDF, 10 MB of pages", "document", lambda: _pdf_of_pages(10 * MB), {"kind": "pdf"}),
        ]
        child = child_limits()
        self.stdout.write(
            f"Child limits: {child.memory_mb} MB, {child.cpu_seconds} s CPU. "
            f"{'file':<32} {'size':>9} {'child peak':>11} {'child CPU':>10} {'wall':>7} "
            f"{'worker peak':>12}"
        )
        for name, task, build, task_options in cases:
            content = build()
            tracemalloc.start()
            started = time.perf_counter()
            outcome = run_in_child(task, content, options=task_options, limits=child)
            wall = time.perf_counter() - started
            _, worker_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            self.stdout.write(
                f"{name:<32} {len(content) / MB:>7.2f}MB {outcome.peak_memory_kb / 1024:>9.0f}MB "
                f"{outcome.cpu_seconds:>9.2f}s {wall:>6.2f}s {worker_peak / MB:>10.1f}MB"
            )
