"""A board's cases read from one sheet (CSV or .xlsx): the template, the reading within the
upload bounds in the parsing child (docs/adr/0020), and the dry run.

All or nothing, as the chronology upload: every bad cell is named by its row and column
with the reason, and nothing is imported until the whole file is good. A reference
already imported with the same details is unchanged; with other details it is a problem
of the row (a re-import never rewrites a case the service has since carried on)."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings

from casereviews.boards.models import Board
from casereviews.frameworks.vocabulary import DEFAULT_FRAMEWORK
from casereviews.frontend.text import export_cell
from casereviews.imports.columns import (
    CASE_KEYS,
    COLUMNS,
    EXAMPLE_ROWS,
    HEADERS,
    CaseRow,
    Cells,
    RowProblem,
    action_from,
    case_from,
)
from casereviews.imports.models import ImportedCase
from casereviews.involvement.files import xlsx_bytes
from casereviews.notifications.models import Notification
from casereviews.uploads.sandbox import ParseRefused
from casereviews.uploads.spreadsheets import spreadsheet_rows
from casereviews.uploads.tables import Cell


class SheetRefused(ValueError):
    """The file as a whole cannot be read (wrong type, too big, not the template)."""


@dataclass
class DryRun:
    """What importing the sheet would do: the new cases, the references already imported
    with the same details, and every problem (none for the sheet to be imported)."""

    new: list[CaseRow] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows([export_cell(value) for value in row] for row in EXAMPLE_ROWS)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    return xlsx_bytes("Cases", HEADERS, EXAMPLE_ROWS)


def digest(case: CaseRow) -> str:
    return hashlib.sha256(json.dumps(case.key(), sort_keys=True).encode()).hexdigest()


def read_sheet(name: str, upload: IO[bytes], *, size: int) -> list[list[Cell]]:
    """The rows of the file, headings first, read in the parsing child."""
    try:
        rows = spreadsheet_rows(
            name, upload, size=size, keep_columns=len(COLUMNS), rows=settings.IMPORT_ROWS
        )
    except ParseRefused as refused:
        raise SheetRefused(str(refused)) from None
    if not rows or [str(c or "").strip() for c in rows[0][: len(HEADERS)]] != list(HEADERS):
        raise SheetRefused(
            "The first row must be the template's headings: download the template and copy "
            "your cases into it"
        )
    return rows


def _cases(rows: list[list[Cell]], today: datetime.date) -> tuple[list[CaseRow], list[RowProblem]]:
    cases: dict[str, CaseRow] = {}
    problems: list[RowProblem] = []
    for number, row in enumerate(rows[1:], start=2):
        if all(cell is None or str(cell).strip() == "" for cell in row):
            continue
        cells = Cells(number, list(row), today)
        reference = cells.raw("reference")
        first = cases.get(reference.lower()) if reference else None
        if first is None:
            case = case_from(cells)
            action = action_from(cells)
            if case is not None:
                cases[reference.lower()] = case
        else:
            # A later row of the same case carries another action, nothing else.
            for key in CASE_KEYS[1:]:
                if not cells.blank(key):
                    cells.refuse(
                        key, f"Leave empty: row {first.row} already gives the case's details"
                    )
            case, action = first, action_from(cells)
        if action is not None and case is not None:
            if case.decision not in ("scr", "cpir", "other_review"):
                cells.refuse("action", "Only a case with a review (SCR, CPIR or other) has actions")
            else:
                case.actions.append(action)
        problems.extend(cells.problems)
    return list(cases.values()), problems


def dry_run(board: Board, rows: list[list[Cell]], *, today: datetime.date) -> DryRun:
    """Check every row of the sheet against itself and the board, writing nothing."""
    cases, problems = _cases(rows, today)
    periods = sorted(board.frameworks.values_list("effective_from", "framework"))
    partners = {o.name.lower(): o for o in board.partners.all()}
    imported = dict(
        ImportedCase.objects.filter(notification__board=board).values_list(
            "notification__reference", "digest"
        )
    )
    taken = set(
        Notification.objects.filter(reference__in=[c.reference for c in cases]).values_list(
            "reference", flat=True
        )
    )
    run = DryRun()
    for case in cases:
        own = digest(case)
        case_problems = []
        if _framework_on(periods, case.notified_on) != DEFAULT_FRAMEWORK:
            case_problems.append(
                RowProblem(
                    case.row,
                    "Date notified",
                    "The board was a safeguarding partnership "
                    "on this date: its cases cannot be imported from this template yet",
                )
            )
        if case.agency.lower() not in partners:
            case_problems.append(
                RowProblem(
                    case.row,
                    "Notifying agency",
                    f"'{case.agency[:60]}' is not a partner "
                    "agency of the board: use the agency's name as the service has it",
                )
            )
        for action in case.actions:
            if action.agency.lower() not in partners:
                case_problems.append(
                    RowProblem(
                        action.row,
                        "Action owner agency",
                        f"'{action.agency[:60]}' is not a partner agency of the board",
                    )
                )
        if case.reference in imported:
            if imported[case.reference] == own:
                run.unchanged.append(case.reference)
                continue
            case_problems.append(
                RowProblem(
                    case.row,
                    "Reference",
                    "This case was imported before with other "
                    "details: change it in the service, or give the sheet's row as it was",
                )
            )
        elif case.reference in taken:
            case_problems.append(
                RowProblem(case.row, "Reference", "Another case in the service has this reference")
            )
        if case_problems:
            problems.extend(case_problems)
        else:
            run.new.append(case)
            run.digests[case.reference] = own
    if not cases and not problems:
        raise SheetRefused("The file has no cases")
    run.problems = sorted(problems, key=lambda p: (p.row, COLUMN_ORDER.get(p.column, 99)))
    return run


def _framework_on(periods: list[tuple[datetime.date, str]], day: datetime.date) -> str:
    """The board's framework on `day`, as `Board.framework_on` answers, from its periods
    read once for the whole sheet."""
    current = str(DEFAULT_FRAMEWORK)
    for effective_from, framework in periods:
        if effective_from <= day:
            current = framework
    return current


COLUMN_ORDER = {heading.split(" (")[0]: i for i, heading in enumerate(HEADERS)}
