"""A spreadsheet (CSV or .xlsx) read row by row within bounds, as plain cells.

Runs in the parsing child (`casereviews.uploads.child`), so it imports no Django. The
bounds are checked while reading: a CSV is streamed and stopped at the first row past
a bound; an .xlsx's parts are counted and their declared sizes added up before any is
opened (Python's zipfile never unpacks more than a part declares), openpyxl reads it
in read-only mode through defusedxml (no entity declarations), and the width and
height the sheet claims are ignored (docs/adr/0020)."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any, cast

import openpyxl.xml
from defusedxml import DefusedXmlException
from openpyxl import load_workbook

# What a cell may hold once read: text, a number, a yes/no, a date, a time or nothing.
Cell = str | int | float | bool | datetime.date | datetime.time | None


@dataclass(frozen=True)
class TableLimits:
    """The bounds of one read (a local standard: settings `UPLOAD_SPREADSHEET_*`)."""

    rows: int
    columns: int
    cell_characters: int
    unpacked_bytes: int
    parts: int = 200

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class TableRefused(ValueError):
    """The file is refused as a whole; the message says why and names the bound."""


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def _rows_past(limits: TableLimits) -> str:
    return (
        f"The file must have {limits.rows:,} rows or fewer below the headings (empty rows "
        "count too)"
    )


def _checked(rows: Iterator[list[Cell]], limits: TableLimits) -> list[list[Cell]]:
    """The rows, refused at the first one past a bound (the heading is row 1)."""
    kept: list[list[Cell]] = []
    for number, row in enumerate(rows, start=1):
        if number > limits.rows + 1:
            raise TableRefused(_rows_past(limits))
        while row and (row[-1] is None or row[-1] == ""):
            row.pop()
        if len(row) > limits.columns:
            raise TableRefused(
                f"Row {number} has more than {limits.columns} columns: each row must have "
                f"{limits.columns} or fewer"
            )
        for cell in row:
            if isinstance(cell, str) and len(cell) > limits.cell_characters:
                raise TableRefused(
                    f"Row {number} has a cell of more than {limits.cell_characters:,} "
                    f"characters: each cell must have {limits.cell_characters:,} or fewer"
                )
        kept.append(row)
    return kept


def _csv_rows(text: str, limits: TableLimits) -> Iterator[list[Cell]]:
    # One past the bound, so a longer field is reported by `_checked` with its row.
    csv.field_size_limit(limits.cell_characters + 1)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            yield list(row)
    except csv.Error:
        raise TableRefused(
            f"Row {reader.line_num} cannot be read: each cell must have "
            f"{limits.cell_characters:,} characters or fewer, and quotes must be closed"
        ) from None


def read_csv(content: bytes, limits: TableLimits) -> list[list[Cell]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise TableRefused("The file must be a CSV saved as UTF-8") from None
    return _checked(_csv_rows(text, limits), limits)


NOT_A_WORKBOOK = "The file must be an Excel workbook (.xlsx) that can be opened"
ENTITIES = (
    "The workbook declares XML entities, which can make a small file unpack to a huge "
    "one, so it is not read. Save it again from Excel, or as a CSV"
)


def _check_archive(content: bytes, limits: TableLimits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise TableRefused(NOT_A_WORKBOOK) from None
    if len(parts) > limits.parts:
        raise TableRefused(
            f"The workbook has more than {limits.parts} parts: save just the chronology "
            "sheet as a new workbook"
        )
    if sum(part.file_size for part in parts) > limits.unpacked_bytes:
        raise TableRefused(
            f"The workbook unpacks to more than {megabytes(limits.unpacked_bytes)}: save "
            "just the chronology sheet as a new workbook, or as a CSV"
        )
    # The styles and the workbook's other XML are read whole, and cost far more to read
    # than their size; a real workbook's are a few kilobytes.
    other = limits.unpacked_bytes // 10
    for part in parts:
        if _read_whole(part.filename) and part.file_size > other:
            raise TableRefused(
                f"The workbook's part {part.filename[:100]} unpacks to more than "
                f"{megabytes(other)}: save just the chronology sheet as a new workbook, or "
                "as a CSV"
            )


def _read_whole(name: str) -> bool:
    """An XML part openpyxl reads whole: all but the sheets and the shared strings."""
    lowered = name.lower()
    return lowered.endswith((".xml", ".rels", ".vml")) and not (
        lowered.startswith("xl/worksheets/") or lowered == "xl/sharedstrings.xml"
    )


def _xlsx_rows(content: bytes, limits: TableLimits) -> Iterator[list[Cell]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True, keep_links=False)
    try:
        sheet = workbook.worksheets[0]
        # The sheet's own claim of its size is ignored: each row is as wide as its last
        # cell, and `_checked` refuses the first one too wide, one row at a time.
        sheet.reset_dimensions()
        for row in sheet.iter_rows(values_only=True):
            yield [_plain(value) for value in row]
    finally:
        workbook.close()


def _plain(value: Any) -> Cell:
    if value is None or isinstance(value, str | int | float | bool | datetime.date | datetime.time):
        return value
    return str(value)


def encode_cell(cell: Cell) -> Any:
    """A cell as JSON, for the way back from the child: dates and times tagged."""
    if isinstance(cell, datetime.datetime):
        return {"datetime": cell.isoformat()}
    if isinstance(cell, datetime.date):
        return {"date": cell.isoformat()}
    if isinstance(cell, datetime.time):
        return {"time": cell.isoformat()}
    return cell


def decode_cell(value: Any) -> Cell:
    if isinstance(value, dict):
        if "datetime" in value:
            return datetime.datetime.fromisoformat(value["datetime"])
        if "date" in value:
            return datetime.date.fromisoformat(value["date"])
        return datetime.time.fromisoformat(value["time"])
    return cast(Cell, value)


def read_xlsx(content: bytes, limits: TableLimits) -> list[list[Cell]]:
    # openpyxl reads through defusedxml when it is installed (a dependency of ours).
    assert openpyxl.xml.DEFUSEDXML, "defusedxml must be installed and not switched off"
    _check_archive(content, limits)
    try:
        return _checked(_xlsx_rows(content, limits), limits)
    except TableRefused:
        raise
    except MemoryError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TableRefused(ENTITIES if _defused(error) else NOT_A_WORKBOOK) from None


def _defused(error: BaseException | None) -> bool:
    """Whether defusedxml refused the XML (openpyxl wraps its error in a ValueError)."""
    while error is not None:
        if isinstance(error, DefusedXmlException):
            return True
        error = error.__cause__ or error.__context__
    return False
