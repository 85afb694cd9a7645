"""The retention schedule: how long each kind of record is kept after its case closes,
the defaults and their sources, a board's own periods, and which cases are due.

No published retention schedule was found for a safeguarding board's or partnership's
own case review records, so every default is a local standard (marked so on the page
and configurable per board); each names the nearest published row it follows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from casereviews.boards.models import Board
from casereviews.notifications.models import Attachment, Notification, Status
from casereviews.retention.models import DisposedCase, RecordKind, RetentionPeriod
from casereviews.reviews.models import Publication
from casereviews.workflow.models import StatusChange

_BLACKPOOL = (
    "Blackpool Council, Children's services directorate retention schedule "
    "(blackpool.gov.uk, Data protection, Retention schedules)"
)


@dataclass(frozen=True)
class Default:
    years: int | None  # None: kept, never disposed of
    basis: str
    # Whether a board may change it here.
    configurable: bool = True


DEFAULTS: dict[str, Default] = {
    RecordKind.NOT_TAKEN_FORWARD: Default(
        10,
        "Local standard: 10 years after the case closed, as "
        f"{_BLACKPOOL} reviews LADO referrals that do not progress (10 years from closure).",
    ),
    RecordKind.CPIR: Default(
        35,
        "Local standard: 35 years after the case closed, as "
        f"{_BLACKPOOL} keeps child protection records (35 years after last contact).",
    ),
    RecordKind.SCR: Default(
        35,
        "Local standard: 35 years after the case closed, as "
        f"{_BLACKPOOL} keeps child protection records (35 years after last contact).",
    ),
    RecordKind.PUBLISHED: Default(
        None,
        "Local standard: kept. A published report is a public record of the board's "
        "learning; a board may set a period.",
    ),
    RecordKind.DOCUMENTS: Default(
        10,
        "Local standard: at least 10 years after the case closed, and never apart from "
        "their case: they are destroyed when their case is.",
    ),
    RecordKind.AUDIT: Default(
        None,
        "Local standard: kept while the service holds the board's records. The trail "
        "names cases and documents by reference and number only, never a child, so it "
        "holds no personal data of theirs (docs/adr/0034).",
        configurable=False,
    ),
}
# The states a case rests in when nothing more will happen to it.
FINISHED = (Status.CLOSED, Status.WITHDRAWN)
_SCR = (Status.SCR_COMMISSIONED, Status.LCSPR_COMMISSIONED)
_CPIR = (Status.CPIR_COMMISSIONED, Status.SINGLE_AGENCY_CPIR, Status.OTHER_REVIEW_COMMISSIONED)


def periods(board: Board) -> dict[str, int | None]:
    """The board's period for each kind of record: its own where set, else the default."""
    chosen = {kind: default.years for kind, default in DEFAULTS.items()}
    for kind, years in RetentionPeriod.objects.filter(board=board).values_list("kind", "years"):
        chosen[kind] = years
    return chosen


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year that has none
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Due:
    """A finished case of the board, the kind of record it is, and when it may go."""

    notification: Notification
    kind: str
    closed_on: datetime.date
    due_on: datetime.date | None


def _went(status: tuple[str, ...]) -> Exists:
    return Exists(StatusChange.objects.filter(notification=OuterRef("pk"), to_status__in=status))


def finished_cases(board: Board) -> QuerySet[Notification]:
    """The board's closed or withdrawn cases not yet disposed of, with what the schedule
    reads of each."""
    return (
        Notification.objects.filter(board=board, status__in=FINISHED)
        .exclude(Exists(DisposedCase.objects.filter(notification=OuterRef("pk"))))
        .annotate(
            finished_at=Max("status_changes__at", filter=Q(status_changes__to_status__in=FINISHED)),
            went_scr=_went(_SCR),
            went_cpir=_went(_CPIR),
            published=Exists(
                Publication.objects.filter(
                    review__notification=OuterRef("pk"), published_on__isnull=False
                )
            ),
            has_documents=Exists(Attachment.objects.filter(notification=OuterRef("pk"))),
        )
        .order_by("reference")
    )


def kind_of(case: Notification) -> str:
    if getattr(case, "published", False):
        return RecordKind.PUBLISHED
    if getattr(case, "went_scr", False):
        return RecordKind.SCR
    if getattr(case, "went_cpir", False):
        return RecordKind.CPIR
    return RecordKind.NOT_TAKEN_FORWARD


def due(case: Notification, chosen: dict[str, int | None]) -> Due:
    kind = kind_of(case)
    finished = getattr(case, "finished_at", None) or case.updated_at
    closed_on = timezone.localdate(finished)
    years = chosen[kind]
    if years is None:
        return Due(case, kind, closed_on, None)
    due_on = add_years(closed_on, years)
    documents = chosen[RecordKind.DOCUMENTS]
    if getattr(case, "has_documents", False):
        # Documents go with their case, no sooner than their own period allows.
        if documents is None:
            return Due(case, kind, closed_on, None)
        due_on = max(due_on, add_years(closed_on, documents))
    return Due(case, kind, closed_on, due_on)


def disposal_list(board: Board, *, today: datetime.date | None = None) -> list[Due]:
    """The board's cases whose date has come, oldest date first."""
    today = today or timezone.localdate()
    chosen = periods(board)
    reached = [
        entry
        for entry in (due(case, chosen) for case in finished_cases(board))
        if entry.due_on is not None and entry.due_on <= today
    ]
    return sorted(reached, key=lambda entry: (entry.due_on, entry.notification.reference or ""))
