"""The board's annual report: the year's figures and the reviews commissioned, as a page,
a PDF, a CSV file and a spreadsheet (Section A 1: the board "should reflect on progress in
its annual report").

The reviews are those the Chair decided on in the year, from the decisions, and, for a
safeguarding partnership's cases, those its partners commissioned (the step that decided
it); each with its methodology, how it was published (or its learning disseminated) and
its actions' counts by status, read from the review records: the page's rows (or the
year's, in a file) take one more query for all their actions together, never one per
review.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from openpyxl import Workbook

from casereviews.boards.models import Board
from casereviews.decisions.models import ChairDecision
from casereviews.decisions.models import ReviewType as Decision
from casereviews.frameworks.vocabulary import vocabulary
from casereviews.frontend.text import export_cell
from casereviews.learning.figures import Figure, Period, all_figures
from casereviews.notifications.models import Notification
from casereviews.reviews.models import (
    ActionStatus,
    LearningDissemination,
    Publication,
    PublicationForm,
    ReviewAction,
)
from casereviews.workflow.models import StatusChange

REVIEWS = (Decision.SCR, Decision.CPIR, Decision.OTHER_REVIEW)
# The reviews of the year in the order they were decided, on `chair_decision_decided_at`.
DECIDED_FIRST = ("decided_at", "id")
SUSTAINED = "Improvement sustained"
REVIEW_HEADINGS = (
    "Case",
    "Framework",
    "Type of review",
    "Decided on",
    "Methodology",
    "Where the case is now",
    "Publication",
    *(f"Actions {label.lower()}" for label in ActionStatus.labels),
    f"Actions with the {SUSTAINED.lower()}",
)


def _latest_dissemination() -> Subquery:
    return Subquery(
        LearningDissemination.objects.filter(review__notification=OuterRef("notification"))
        .order_by("-on", "-id")
        .values("on")[:1]
    )


# What a line shows of its case and its review.
_CASE_AND_REVIEW = (
    "notification__reference",
    "notification__framework",
    "notification__status",
    "notification__review__methodology",
    "notification__review__publication__form",
    "notification__review__publication__web_address",
    "notification__review__publication__published_on",
    "notification__review__publication__chair_agreed_on",
)


def reviews_of(board: Board, period: Period) -> QuerySet[ChairDecision]:
    """The reviews the Chair commissioned in the year (an escalation to an SCR counts as
    a decision of its own), each with its review's methodology and publication and the
    latest day its learning was disseminated."""
    return (
        ChairDecision.objects.filter(
            notification__board=board,
            decided_at__gte=period.start,
            decided_at__lt=period.end,
            decision__in=REVIEWS,
        )
        .select_related("notification__review__publication")
        .only("decision", "decided_at", *_CASE_AND_REVIEW)
        .annotate(disseminated_on=_latest_dissemination())
    )


# A safeguarding partnership's cases (framework wt-2023): the partners' decision is a step
# of the 2023 table, with its reasons (`casereviews.workflow.wt_2023`), not a Chair's
# decision. The steps that commission a review, and what each commissions.
PARTNERS_COMMISSIONING = {
    "partners_decide_lcspr": "Local Child Safeguarding Practice Review (LCSPR)",
    "partners_decide_other_review": "Another form of learning review",
}
# The page shows the first of them (a partnership commissions a few a year); the files
# hold them all.
PARTNERS_SHOWN = 50


def partners_reviews_of(board: Board, period: Period) -> QuerySet[StatusChange]:
    """The reviews a partnership's safeguarding partners commissioned in the year, in the
    order decided, on the index of the steps by kind and time."""
    return (
        StatusChange.objects.filter(
            notification__board=board,
            transition__in=PARTNERS_COMMISSIONING,
            at__gte=period.start,
            at__lt=period.end,
        )
        .select_related("notification__review__publication")
        .only("transition", "at", *_CASE_AND_REVIEW)
        .annotate(disseminated_on=_latest_dissemination())
        .order_by("at", "id")
    )


def _publication(publication: Publication | None, disseminated_on: Any) -> str:
    """How the review was published: in full with its address and date, a summary, not
    at all (as the Chair agreed), or its learning disseminated (Procedure A 1)."""
    said = []
    if publication is not None and publication.form and publication.published_on:
        where = f" at {publication.web_address}" if publication.web_address else ""
        if publication.form == PublicationForm.FULL:
            said.append(f"Published in full on {publication.published_on.isoformat()}{where}")
        elif publication.form == PublicationForm.SUMMARY:
            said.append(f"A summary published on {publication.published_on.isoformat()}{where}")
    if publication is not None and publication.form == PublicationForm.NOT_PUBLISHED:
        agreed = publication.chair_agreed_on
        said.append(
            f"Not published, as the Chair agreed on {agreed.isoformat()}"
            if agreed
            else "Not published"
        )
    if disseminated_on is not None:
        said.append(f"Learning disseminated on {disseminated_on.isoformat()}")
    return "; ".join(said) or "Not yet published, and no learning disseminated yet"


@dataclass(frozen=True)
class ReviewLine:
    """One review of the year's list: its case, what was commissioned and when, its
    methodology, publication, and its actions' counts in the order of `ActionStatus`, then
    how many were sustained."""

    notification: Notification
    review_type: str
    decided_at: datetime.datetime
    methodology: str
    publication: str
    actions: tuple[int, ...]

    @property
    def action_counts(self) -> list[tuple[str, int]]:
        """The statuses that hold actions, with their counts, for the page."""
        labels = (*ActionStatus.labels, SUSTAINED)
        return [(label, n) for label, n in zip(labels, self.actions, strict=True) if n]

    @property
    def framework(self) -> str:
        return vocabulary(self.notification.framework).short

    @property
    def cells(self) -> tuple[Any, ...]:
        return (
            self.notification.reference or "",
            self.framework,
            self.review_type,
            self.decided_at.date().isoformat(),
            self.methodology,
            self.notification.get_status_display(),
            self.publication,
            *self.actions,
        )


def review_lines(decisions: Sequence[ChairDecision | StatusChange]) -> list[ReviewLine]:
    """The lines of the given reviews (a Chair's decisions, or a partnership's steps that
    commissioned one), their actions counted by status in one query."""
    counted: dict[int, dict[str, int]] = {}
    grouped = (
        ReviewAction.objects.filter(notification__in={d.notification_id for d in decisions})
        .values_list("notification", "status")
        .annotate(n=Count("id"), sustained=Count("id", filter=Q(sustained_on__isnull=False)))
        .order_by()
    )
    for notification, status, n, sustained in grouped:
        counts = counted.setdefault(notification, {})
        counts[status] = n
        counts[SUSTAINED] = counts.get(SUSTAINED, 0) + sustained
    lines = []
    for decision in decisions:
        if isinstance(decision, ChairDecision):
            review_type, decided_at = decision.get_decision_display(), decision.decided_at
        else:
            review_type, decided_at = PARTNERS_COMMISSIONING[decision.transition], decision.at
        review = getattr(decision.notification, "review", None)
        counts = counted.get(decision.notification_id, {})
        lines.append(
            ReviewLine(
                decision.notification,
                review_type,
                decided_at,
                review.get_methodology_display()
                if review is not None and review.methodology
                else "Not set yet",
                _publication(
                    getattr(review, "publication", None) if review is not None else None,
                    getattr(decision, "disseminated_on", None),
                ),
                (
                    *(counts.get(status, 0) for status in ActionStatus.values),
                    counts.get(SUSTAINED, 0),
                ),
            )
        )
    return lines


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


def _sections(
    report: AnnualReport, reviews: Iterable[ReviewLine]
) -> list[tuple[str, Sequence[str], list[Sequence[Any]]]]:
    sections: list[tuple[str, Sequence[str], list[Sequence[Any]]]] = [
        (
            figure.title,
            (figure.row_heading, figure.measure, *figure.headings),
            [(row.label, row.value, *row.more) for row in figure.rows],
        )
        for figure in report.figures
    ]
    sections.append(("Reviews commissioned", REVIEW_HEADINGS, [line.cells for line in reviews]))
    return sections


def as_csv(report: AnnualReport, reviews: Iterable[ReviewLine]) -> bytes:
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
            writer.writerow([export_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(report: AnnualReport, reviews: Iterable[ReviewLine]) -> bytes:
    """One sheet for each figure and one for the reviews."""
    workbook = Workbook(write_only=True)
    for title, headings, rows in _sections(report, reviews):
        sheet = workbook.create_sheet(title[:31])
        sheet.append(list(headings))
        for row in rows:
            sheet.append([export_cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
