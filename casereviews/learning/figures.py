"""The board's figures: what the dashboards and the annual report show.

Every figure is one aggregate query (GROUP BY) over the rows of a period, read on an index
that begins with the board and the period's column; Python only arranges the few grouped
rows that come back. The median time to a decision is found by the database too: the
rows of each quarter are numbered in order of their wait, and only the one or two middle
rows are read (docs/adr/0015-search-and-figures.md).

The period is a calendar year in London time. The actions of the reviews are counted by
the year they fall due in (the dates of `ReviewAction.due_on`), on the index that begins
with the board and the due date.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
    Window,
)
from django.db.models.functions import RowNumber, TruncQuarter
from django.utils import timezone

from casereviews.boards.models import Organisation
from casereviews.deadlines.calendar import LONDON
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.deadlines.rules import AGENCY_RETURN_CODES, RULES, SCR_DECISION_WITHIN_ONE_MONTH
from casereviews.decisions.models import ChairDecision
from casereviews.decisions.models import ReviewType as Decision
from casereviews.frameworks.vocabulary import VOCABULARIES, Framework, framework_of
from casereviews.notifications.models import Notification, Status
from casereviews.reviews.models import ActionStatus, ReviewAction


@dataclass(frozen=True)
class Period:
    year: int

    @property
    def start(self) -> datetime.datetime:
        return datetime.datetime(self.year, 1, 1, tzinfo=LONDON)

    @property
    def end(self) -> datetime.datetime:
        """The first moment after the period."""
        return datetime.datetime(self.year + 1, 1, 1, tzinfo=LONDON)

    def __str__(self) -> str:
        return str(self.year)


@dataclass(frozen=True)
class Row:
    """One bar of a chart and one row of its table."""

    label: str
    value: float
    # Further columns of the table, in the order of the table's headings.
    more: tuple[Any, ...] = ()


@dataclass
class Figure:
    title: str
    # What the bars measure, for the chart's axis and the table's first value column.
    measure: str
    rows: list[Row] = field(default_factory=list)
    headings: tuple[str, ...] = ()
    # Makes the ids of its chart and table unique on a page.
    key: str = "figure"
    # What each row is: the heading of the table's first column.
    row_heading: str = ""

    @property
    def empty(self) -> bool:
        """Nothing was counted in any row. A figure of zero beside something counted (a
        median of 0 days over one decision, 0 % on time of one answer) is shown as zero."""
        return not any(row.value or any(row.more) for row in self.rows)

    @property
    def largest(self) -> float:
        return max((row.value for row in self.rows), default=0)

    @property
    def bars(self) -> list[Bar]:
        """Where each row's bar is drawn in the chart (`learning/includes/chart.html`)."""
        largest = self.largest or 1
        return [
            Bar(
                row=row,
                y=BAR_TOP + index * BAR_STEP,
                width=round(BAR_WIDTH * row.value / largest, 1),
                pattern=PATTERNS[index % len(PATTERNS)],
            )
            for index, row in enumerate(self.rows)
        ]

    @property
    def chart_height(self) -> int:
        return BAR_TOP * 2 + BAR_STEP * len(self.rows)


# The geometry of a chart and the fills that tell its bars apart without colour: every
# bar is also labelled with its name and its value.
BAR_TOP, BAR_STEP, BAR_WIDTH = 8, 30, 250
PATTERNS = ("hatch", "dots", "cross", "solid")


@dataclass(frozen=True)
class Bar:
    row: Row
    y: int
    width: float
    pattern: str


def notifications_by_stage(boards: Sequence[int], period: Period) -> Figure:
    """The notifications submitted in the period, by the stage each has reached, and how
    many of them follow each framework."""
    grouped = (
        Notification.objects.filter(
            board__in=boards, submitted_at__gte=period.start, submitted_at__lt=period.end
        )
        .exclude(status=Status.DRAFT)
        .values_list("status", "framework")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[tuple[str, Framework], int] = {}
    for status, code, n in grouped:
        key = (status, framework_of(code))
        counts[key] = counts.get(key, 0) + n
    rows = []
    for value, label in Status.choices:
        if value == Status.DRAFT:
            continue
        each = tuple(counts.get((value, framework), 0) for framework in Framework)
        rows.append(Row(label, sum(each), each))
    return Figure(
        "Notifications by stage",
        "Notifications",
        rows,
        tuple(f"Under {VOCABULARIES[framework].short}" for framework in Framework),
        key="stages",
        row_heading="Stage",
    )


def deadlines_due_and_missed(boards: Sequence[int], period: Period) -> Figure:
    """The deadlines that fell due in the period, by rule: how many, met on time, met
    late, still open after their due moment."""
    now = timezone.now()
    grouped = (
        Deadline.objects.filter(board__in=boards, due_at__gte=period.start, due_at__lt=period.end)
        .exclude(state=DeadlineState.CANCELLED)
        # Only what fell due: an open deadline not yet at its due moment is not counted.
        .exclude(state=DeadlineState.OPEN, due_at__gte=now)
        .values("rule_code")
        .annotate(
            due=Count("id"),
            met=Count("id", filter=Q(state=DeadlineState.MET)),
            late=Count("id", filter=Q(state=DeadlineState.MISSED)),
            overdue=Count("id", filter=Q(state=DeadlineState.OPEN, due_at__lt=now)),
        )
        .order_by("rule_code")
    )
    rows = [
        Row(
            RULES[g["rule_code"]].title if g["rule_code"] in RULES else g["rule_code"],
            g["late"] + g["overdue"],
            (g["due"], g["met"], g["late"], g["overdue"]),
        )
        for g in grouped
    ]
    return Figure(
        "Deadlines due and missed",
        "Missed (met late or still overdue)",
        rows,
        ("Due", "Met on time", "Met late", "Overdue and still open"),
        key="deadlines",
        row_heading="Deadline",
    )


def _quarter_label(moment: datetime.datetime | datetime.date) -> str:
    return f"{moment.year} Q{(moment.month - 1) // 3 + 1}"


def time_to_decision(boards: Sequence[int], period: Period) -> Figure:
    """For the Chair's decisions made in each quarter of the period (the first decision of
    each case, not an escalation): the median days from the notification, and the share
    decided within the month the procedure gives (its deadline met, Section C 1(ii))."""
    decisions = ChairDecision.objects.filter(
        notification__board__in=boards,
        decided_at__gte=period.start,
        decided_at__lt=period.end,
        escalates__isnull=True,
        notification__submitted_at__isnull=False,
    )
    quarter = TruncQuarter("decided_at", tzinfo=LONDON)
    on_time = Deadline.objects.filter(
        notification=OuterRef("notification"),
        rule_code=SCR_DECISION_WITHIN_ONE_MONTH.code,
        state=DeadlineState.MET,
    )
    totals = {
        row["quarter"]: row
        for row in decisions.annotate(quarter=quarter, on_time=Exists(on_time))
        .values("quarter")
        .annotate(n=Count("id"), within=Count("id", filter=Q(on_time=True)))
        .order_by()
    }
    wait = ExpressionWrapper(
        F("decided_at") - F("notification__submitted_at"), output_field=DurationField()
    )
    # The one or two middle rows of each quarter: numbered in order of wait, where twice
    # the row's number less the quarter's count is 0, 1 or 2.
    numbered = decisions.annotate(
        quarter=quarter,
        wait=wait,
        place=Window(RowNumber(), partition_by=[quarter], order_by=[wait.asc(), F("id").asc()]),
        count=Window(Count("id"), partition_by=[quarter]),
    ).annotate(offset=Value(2) * F("place") - F("count"))
    middles: dict[datetime.datetime, list[datetime.timedelta]] = {}
    for row in numbered.filter(offset__gte=0, offset__lte=2).values("quarter", "wait"):
        middles.setdefault(row["quarter"], []).append(row["wait"])
    rows = []
    for start in sorted(totals):
        waits = middles.get(start, [])
        median = sum(w.total_seconds() for w in waits) / len(waits) / 86400 if waits else 0
        n, within = totals[start]["n"], totals[start]["within"]
        rows.append(
            Row(
                _quarter_label(timezone.localtime(start, LONDON)),
                round(median, 1),
                (n, within, f"{round(100 * within / n)}%"),
            )
        )
    return Figure(
        "Time from notification to the Chair's decision",
        "Median days",
        rows,
        ("Decisions", "Within one month", "Share within one month"),
        key="decision-time",
        row_heading="Quarter",
    )


def agency_return_timeliness(boards: Sequence[int], period: Period) -> Figure:
    """The agencies' answers to involvement requests due in the period, by agency: sent
    on time, late, and still awaited after their due moment (Procedure A 4(i))."""
    now = timezone.now()
    grouped = (
        Deadline.objects.filter(
            board__in=boards,
            rule_code__in=AGENCY_RETURN_CODES,
            due_at__gte=period.start,
            due_at__lt=period.end,
        )
        .exclude(state=DeadlineState.CANCELLED)
        # Only what fell due: an open deadline not yet at its due moment is not counted.
        .exclude(state=DeadlineState.OPEN, due_at__gte=now)
        .values("responsible_organisation")
        .annotate(
            due=Count("id"),
            met=Count("id", filter=Q(state=DeadlineState.MET)),
            late=Count("id", filter=Q(state=DeadlineState.MISSED)),
            overdue=Count("id", filter=Q(state=DeadlineState.OPEN, due_at__lt=now)),
        )
        .order_by()
    )
    names = dict(
        Organisation.objects.filter(
            pk__in=[g["responsible_organisation"] for g in grouped]
        ).values_list("pk", "name")
    )
    rows = sorted(
        (
            Row(
                names.get(g["responsible_organisation"], "Agency not recorded"),
                round(100 * g["met"] / g["due"]) if g["due"] else 0,
                (g["due"], g["met"], g["late"], g["overdue"]),
            )
            for g in grouped
        ),
        key=lambda row: row.label,
    )
    return Figure(
        "Agency answers on time, by agency",
        "Per cent on time",
        rows,
        ("Due", "On time", "Late", "Overdue and still awaited"),
        key="agency-answers",
        row_heading="Agency",
    )


# The engine's recommendations that each decision follows (a discretionary SCR leaves
# the Chair free, so every decision follows it).
FOLLOWS: dict[str, frozenset[str]] = {
    Decision.SCR: frozenset(
        {"scr_mandatory", "scr_expected", "insufficient_information", "scr_discretionary"}
    ),
    Decision.CPIR: frozenset({"cpir", "cpir_good_practice", "scr_discretionary"}),
    Decision.OTHER_REVIEW: frozenset({"other_review", "scr_discretionary"}),
    Decision.NO_REVIEW: frozenset({"no_review", "scr_discretionary"}),
}


def decisions_by_outcome(boards: Sequence[int], period: Period) -> Figure:
    """The Chair's decisions made in the period, by outcome, and how many followed the
    criteria engine's recommendation, departed from it, or were made without one."""
    grouped = (
        ChairDecision.objects.filter(
            notification__board__in=boards, decided_at__gte=period.start, decided_at__lt=period.end
        )
        .values_list("decision", "engine_recommendation")
        .annotate(n=Count("id"))
        .order_by()
    )
    tally: dict[str, list[int]] = {value: [0, 0, 0] for value in Decision.values}
    for decision, engine, n in grouped:
        counts = tally.setdefault(decision, [0, 0, 0])
        if not engine:
            counts[2] += n
        elif engine in FOLLOWS.get(decision, frozenset()):
            counts[0] += n
        else:
            counts[1] += n
    rows = [Row(label, sum(tally[value]), tuple(tally[value])) for value, label in Decision.choices]
    return Figure(
        "Chair decisions by outcome",
        "Decisions",
        rows,
        ("Followed the engine", "Departed from the engine", "No engine answer"),
        key="decisions",
        row_heading="Decision",
    )


def actions_by_status_and_agency(boards: Sequence[int], period: Period) -> Figure:
    """The actions of the reviews due in the period, by owner agency: how many, how many
    in each status, and how many of the completed ones were later judged sustained. The
    board "should oversee implementation of actions ... and reflect on progress in its
    annual report" (Procedure A 1)."""
    grouped = (
        ReviewAction.objects.filter(
            board__in=boards,
            due_on__gte=period.start.date(),
            due_on__lt=period.end.date(),
        )
        .values("owner_agency", "owner_agency__name")
        .annotate(
            total=Count("id"),
            sustained=Count("id", filter=Q(sustained_on__isnull=False)),
            **{
                f"in_{status}": Count("id", filter=Q(status=status))
                for status in ActionStatus.values
            },
        )
        .order_by("owner_agency__name", "owner_agency")
    )
    rows = []
    for found in grouped:
        g: dict[str, Any] = dict(found)
        statuses = (g[f"in_{status}"] for status in ActionStatus.values)
        rows.append(Row(g["owner_agency__name"], g["total"], (*statuses, g["sustained"])))
    return Figure(
        "Actions of reviews by status and agency",
        "Actions due in the year",
        rows,
        (*ActionStatus.labels, "Improvement sustained"),
        key="actions",
        row_heading="Owner agency",
    )


def all_figures(boards: Sequence[int], period: Period) -> list[Figure]:
    return [
        notifications_by_stage(boards, period),
        deadlines_due_and_missed(boards, period),
        time_to_decision(boards, period),
        agency_return_timeliness(boards, period),
        decisions_by_outcome(boards, period),
        actions_by_status_and_agency(boards, period),
    ]
