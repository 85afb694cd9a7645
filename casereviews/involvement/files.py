"""Chronology files: the template, reading an upload (CSV or XLSX) row by row, and the
exports of the merged chronology.

An upload is all or nothing: every bad row is named with its row number and reason, and
nothing is imported until the whole file is good. Exports neutralise any cell a
spreadsheet would run as a formula (one beginning with =, +, -, @, a tab or a carriage
return) by putting an apostrophe before it (OWASP, "CSV injection")."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from casereviews.involvement.entries import (
    COLUMNS,
    EXAMPLE_ROW,
    HEADERS,
    EntryData,
    EntryProblem,
    entry_from_values,
)

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RowProblem:
    row: int
    reason: str


class FileRefused(ValueError):
    """The file as a whole cannot be read (wrong type, too big, no header)."""


def neutralise(value: Any) -> Any:
    """A cell a spreadsheet would run as a formula is made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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
        sheet.append([neutralise(value) for value in row])
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
        writer.writerow([neutralise(value) for value in row])
        yield buffer.getvalue()


def _rows_of_csv(content: bytes) -> list[list[Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise FileRefused("The file must be a CSV saved as UTF-8") from None
    return [list(row) for row in csv.reader(io.StringIO(text))]


def _rows_of_xlsx(content: bytes) -> list[list[Any]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileRefused("The file must be an Excel workbook (.xlsx)") from error
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
    workbook.close()
    return rows


def read_upload(
    name: str, content: bytes, *, today: datetime.date
) -> tuple[list[EntryData], list[RowProblem]]:
    """Every entry of the file, or every problem: entries are only usable if there are
    no problems. Row numbers are the spreadsheet's own (the header is row 1)."""
    if len(content) > MAX_BYTES:
        raise FileRefused("The file must be smaller than 5 MB")
    lowered = name.lower()
    if lowered.endswith(".csv"):
        rows = _rows_of_csv(content)
    elif lowered.endswith(".xlsx"):
        rows = _rows_of_xlsx(content)
    else:
        raise FileRefused("The file must be a CSV or an Excel workbook (.xlsx)")
    if not rows or [str(cell or "").strip() for cell in rows[0][: len(HEADERS)]] != list(HEADERS):
        raise FileRefused(
            "The first row must be the template's headings: download the template and "
            "copy your entries into it"
        )
    entries: list[EntryData] = []
    problems: list[RowProblem] = []
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise FileRefused(f"The file must have {MAX_ROWS} entries or fewer")
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
