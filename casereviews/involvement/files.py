"""Chronology files: the template, reading an upload (CSV or XLSX) row by row, and the
exports of the merged chronology.

An upload is all or nothing: every bad row is named with its row number and reason, and
nothing is imported until the whole file is good. Exports write every cell through
the one export rule (`casereviews.frontend.text.export_cell`)."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import Workbook

from casereviews.frontend.text import export_cell
from casereviews.involvement.entries import (
    COLUMNS,
    EXAMPLE_ROW,
    HEADERS,
    EntryData,
    EntryProblem,
    entry_from_values,
)
from casereviews.uploads.sandbox import ParseRefused
from casereviews.uploads.spreadsheets import spreadsheet_rows

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class RowProblem:
    row: int
    reason: str


class FileRefused(ValueError):
    """The file as a whole cannot be read (wrong type, too big, no header)."""


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerow(EXAMPLE_ROW)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    return xlsx_bytes("Chronology", HEADERS, [EXAMPLE_ROW])


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(list(headers))
    for row in rows:
        sheet.append([export_cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterable[str]:
    """The CSV, line by line, for a streaming response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(list(headers))
    yield "\ufeff" + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([export_cell(value) for value in row])
        yield buffer.getvalue()


def read_upload(
    name: str, upload: IO[bytes], *, size: int, today: datetime.date
) -> tuple[list[EntryData], list[RowProblem]]:
    """Every entry of the file, or every problem: entries are only usable if there are
    no problems. Row numbers are the spreadsheet's own (the header is row 1). The file
    is read within the upload bounds, in the parsing child (docs/adr/0020)."""
    try:
        rows = spreadsheet_rows(name, upload, size=size, keep_columns=len(COLUMNS))
    except ParseRefused as refused:
        raise FileRefused(str(refused)) from None
    if not rows or [str(cell or "").strip() for cell in rows[0][: len(HEADERS)]] != list(HEADERS):
        raise FileRefused(
            "The first row must be the template's headings: download the template and "
            "copy your entries into it"
        )
    entries: list[EntryData] = []
    problems: list[RowProblem] = []
    body = rows[1:]
    for number, row in enumerate(body, start=2):
        if all(cell is None or str(cell).strip() == "" for cell in row):
            continue
        values = {key: row[i] if i < len(row) else None for i, (key, _) in enumerate(COLUMNS)}
        try:
            entries.append(entry_from_values(values, today=today))
        except EntryProblem as problem:
            problems.append(RowProblem(number, str(problem)))
    if not entries and not problems:
        raise FileRefused("The file has no entries")
    return entries, problems
