"""A spreadsheet upload read in the parsing child, within the bounds the settings give.

The bounds are a local standard (the procedure sets none), configured by the settings
`UPLOAD_SPREADSHEET_MB`, `UPLOAD_SPREADSHEET_UNPACKED_MB`, `UPLOAD_SPREADSHEET_ROWS`,
`UPLOAD_SPREADSHEET_COLUMNS`, `UPLOAD_SPREADSHEET_CELL_CHARACTERS`, and the child's
`UPLOAD_PARSE_MEMORY_MB` and `UPLOAD_PARSE_SECONDS` (docs/adr/0020); the upload page says
them, from `bounds_hint`."""

from __future__ import annotations

from typing import IO

from django import forms
from django.conf import settings

from casereviews.uploads.sandbox import ChildLimits, ParseRefused, run_in_child
from casereviews.uploads.tables import Cell, TableLimits, decode_cell

_MB = 1024 * 1024


class SpreadsheetField(forms.FileField):
    """A spreadsheet upload: read only by `spreadsheet_rows`, within the bounds, in the
    parsing child. (Every other file field of the service is a document's.)"""


def table_limits(rows: int | None = None) -> TableLimits:
    """The bounds of a read: `rows` for an upload that takes more than a chronology (a
    board's cases moving in), otherwise the setting."""
    return TableLimits(
        rows=rows or settings.UPLOAD_SPREADSHEET_ROWS,
        columns=settings.UPLOAD_SPREADSHEET_COLUMNS,
        cell_characters=settings.UPLOAD_SPREADSHEET_CELL_CHARACTERS,
        unpacked_bytes=settings.UPLOAD_SPREADSHEET_UNPACKED_MB * _MB,
    )


def child_limits() -> ChildLimits:
    return ChildLimits(
        memory_mb=settings.UPLOAD_PARSE_MEMORY_MB, cpu_seconds=settings.UPLOAD_PARSE_SECONDS
    )


def bounds_hint(rows: int | None = None) -> str:
    limits = table_limits(rows)
    return (
        f"A CSV or Excel (.xlsx) file made from the template, up to "
        f"{settings.UPLOAD_SPREADSHEET_MB} MB, with up to {limits.rows:,} rows below the "
        f"headings, {limits.columns} columns and {limits.cell_characters:,} characters in "
        f"a cell. An Excel file may unpack to {settings.UPLOAD_SPREADSHEET_UNPACKED_MB} MB "
        "at most."
    )


def spreadsheet_rows(
    name: str, upload: IO[bytes], *, size: int, keep_columns: int, rows: int | None = None
) -> list[list[Cell]]:
    """The rows of a CSV or .xlsx upload (the first `keep_columns` cells of each), or
    `ParseRefused` with the message for the person: its size is checked before it is
    read, everything else in the child."""
    if size > settings.UPLOAD_SPREADSHEET_MB * _MB:
        raise ParseRefused(f"The file must be smaller than {settings.UPLOAD_SPREADSHEET_MB} MB")
    lowered = name.lower()
    if lowered.endswith(".csv"):
        task = "table.csv"
    elif lowered.endswith(".xlsx"):
        task = "table.xlsx"
    else:
        raise ParseRefused("The file must be a CSV or an Excel workbook (.xlsx)")
    outcome = run_in_child(
        task,
        upload.read(),
        options={"limits": table_limits(rows).as_dict(), "keep_columns": keep_columns},
        limits=child_limits(),
    )
    return [[decode_cell(cell) for cell in row] for row in outcome.answer]
