"""The annual report's files (PDF, CSV, XLSX), prepared by the worker for their reader
(casereviews/prepared): at 2,000 reviews a board-year the PDF takes a minute to build,
far longer than a web request may."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Board
from casereviews.involvement.files import XLSX_TYPE
from casereviews.learning import annual
from casereviews.learning.figures import Period
from casereviews.policy import Action, boards_where
from casereviews.policy.core import BOARD_ACTIONS
from casereviews.prepared.kinds import Built, Kind, pdf_bytes, register_kind
from casereviews.prepared.models import PreparedFile

# The annual report's files: what each is called on the page, and its type.
EXPORTS = {
    "pdf": ("PDF", "application/pdf"),
    "csv": ("CSV", "text/csv; charset=utf-8"),
    "xlsx": ("spreadsheet (XLSX)", XLSX_TYPE),
}
KIND = "annual_report"


def _board(reader: User, params: dict[str, Any]) -> Board:
    """The report's board, if its reader may still see its figures; else "not found"."""
    roles = BOARD_ACTIONS[Action.FIGURES_VIEW]
    board = Board.objects.filter(pk=params["board"], pk__in=boards_where(reader, *roles)).first()
    if board is None:
        raise Http404("Not found")
    return board


def _build(reader: User, params: dict[str, Any]) -> Built:
    board, period, file_type = _board(reader, params), Period(params["year"]), params["format"]
    report = annual.annual_report(board, period)
    reviews = annual.review_lines(
        [
            *annual.reviews_of(board, period).order_by(*annual.DECIDED_FIRST),
            *annual.partners_reviews_of(board, period),
        ]
    )
    if file_type == "csv":
        content = annual.as_csv(report, reviews)
    elif file_type == "xlsx":
        content = annual.as_xlsx(report, reviews)
    else:
        context = {"report": report, "reviews": reviews}
        content = pdf_bytes("learning/annual_report_pdf.html", context)
    return Built(
        content=content,
        filename=f"annual-report-{board.code}-{period.year}.{file_type}",
        content_type=EXPORTS[file_type][1],
        contents={"reviews": len(reviews)},
    )


def _downloaded(request: HttpRequest, prepared: PreparedFile) -> None:
    board = _board(request.user, prepared.params)  # type: ignore[arg-type]
    file_type = prepared.params["format"]
    audit_record(
        request=request,
        action=f"annual_report.exported.{file_type}",
        board=board,
        detail={"year": prepared.params["year"], "reviews": prepared.contents.get("reviews")},
    )


def _title(params: dict[str, Any]) -> str:
    return f"The annual report for {params['year']} as a {EXPORTS[params['format']][0]}"


register_kind(Kind(name=KIND, title=_title, build=_build, downloaded=_downloaded))
