"""The board's annual report: the year's figures and the reviews its Chair commissioned,
as a page, a PDF, a CSV file and a spreadsheet (Section A 1: the board "should reflect
on progress in its annual report").

The reviews are those the Chair decided on in the year, from the decisions; how each
review was published and how its actions progressed belong with the review records and
are not here yet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from openpyxl import Workbook

from casereviews.boards.models import Board
from casereviews.decisions.models import ChairDecision
from casereviews.decisions.models import ReviewType as Decision
from casereviews.involvement.files import neutralise
from casereviews.learning.figures import Figure, Period, all_figures

REVIEWS = (Decision.SCR, Decision.CPIR, Decision.OTHER_REVIEW)
# The reviews of the year in the order they were decided, on `chair_decision_decided_at`.
DECIDED_FIRST = ("decided_at", "id")
REVIEW_HEADINGS = ("Case", "Decision", "Decided on", "Where the case is now")


def reviews_of(board: Board, period: Period) -> QuerySet[ChairDecision]:
    """The reviews the Chair commissioned in the year (an escalation to an SCR counts as
    a decision of its own)."""
    return (
        ChairDecision.objects.filter(
            notification__board=board,
            decided_at__gte=period.start,
            decided_at__lt=period.end,
            decision__in=REVIEWS,
        )
        .select_related("notification")
        .only("decision", "decided_at", "notification__reference", "notification__status")
    )


@dataclass
class AnnualReport:
    board: Board
    period: Period
    figures: list[Figure]

    @property
    def empty(self) -> bool:
        """No case was notified in the year and nothing was decided or due in it."""
        return all(figure.empty for figure in self.figures)


def annual_report(board: Board, period: Period) -> AnnualReport:
    return AnnualReport(board, period, all_figures([board.pk], period))


def review_row(decision: ChairDecision) -> tuple[str, str, str, str]:
    return (
        decision.notification.reference or "",
        decision.get_decision_display(),
        decision.decided_at.date().isoformat(),
        decision.notification.get_status_display(),
    )


def _sections(
    report: AnnualReport, reviews: Iterable[ChairDecision]
) -> list[tuple[str, Sequence[str], list[Sequence[Any]]]]:
    sections: list[tuple[str, Sequence[str], list[Sequence[Any]]]] = [
        (
            figure.title,
            (figure.row_heading, figure.measure, *figure.headings),
            [(row.label, row.value, *row.more) for row in figure.rows],
        )
        for figure in report.figures
    ]
    sections.append(("Reviews commissioned", REVIEW_HEADINGS, [review_row(d) for d in reviews]))
    return sections


def as_csv(report: AnnualReport, reviews: Iterable[ChairDecision]) -> bytes:
    """Each figure and the list of reviews, one after another, each under its title."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([f"{report.board.name}: annual report {report.period}"])
    if report.empty:
        writer.writerow([f"No cases were notified to the board in {report.period}."])
    for title, headings, rows in _sections(report, reviews):
        writer.writerow([])
        writer.writerow([title])
        writer.writerow(list(headings))
        if not rows:
            writer.writerow(["None"])
        for row in rows:
            writer.writerow([neutralise(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(report: AnnualReport, reviews: Iterable[ChairDecision]) -> bytes:
    """One sheet for each figure and one for the reviews."""
    workbook = Workbook(write_only=True)
    for title, headings, rows in _sections(report, reviews):
        sheet = workbook.create_sheet(title[:31])
        sheet.append(list(headings))
        for row in rows:
            sheet.append([neutralise(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
