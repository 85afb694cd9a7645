"""Importing a board's existing cases (docs/adr/0033): one service, in the house shape —
permission, one atomic write of every case with its history, the audit trail (the run and
each case), and the deadlines counted from the sheet's dates.

The cases are written many at a time (one INSERT per table per batch, not per row), so a
board's whole history moves in within one transaction: all of it, or none."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import F
from django.db.models.functions import Greatest
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record, audited_transaction
from casereviews.boards.models import Board, Organisation
from casereviews.deadlines import rules
from casereviews.deadlines.models import Deadline
from casereviews.deadlines.services import deadline_unsaved
from casereviews.decisions.models import ChairDecision
from casereviews.frameworks.vocabulary import DEFAULT_FRAMEWORK
from casereviews.imports.columns import REVIEWED, CaseRow
from casereviews.imports.history import history_of, on_day
from casereviews.imports.models import CaseImport, ImportedCase
from casereviews.imports.sheet import DryRun
from casereviews.notifications.models import (
    Child,
    ChildProtectionPlan,
    LookedAfter,
    Notification,
    ReferenceCounter,
    Sex,
    Status,
    YesNoUnknown,
)
from casereviews.policy import Action, may
from casereviews.reviews.actions import subject_of
from casereviews.reviews.models import (
    ActionStatus,
    Publication,
    Recommendation,
    Review,
    ReviewAction,
)
from casereviews.workflow.models import StatusChange, TimelineEntry
from casereviews.workflow.services import TransitionRefused

BATCH = 500
RATIONALE = "Decided before the case was imported: the reasons are in the board's own records."


@dataclass(frozen=True)
class ImportDone:
    case_import: CaseImport
    created: int
    unchanged: int


def cases_import(
    *,
    board: Board,
    run: DryRun,
    by: User,
    file_name: str,
    sha256: str,
    request: HttpRequest | None = None,
) -> ImportDone:
    """Make the dry run's new cases, with their history, deadlines and audit events. The
    run must have no problems: the view shows them and writes nothing."""
    if not may(by, Action.CASES_IMPORT, board=board):
        raise TransitionRefused("You cannot import cases into this board", code="not_permitted")
    if run.problems:
        raise TransitionRefused(
            "Correct the rows listed first: nothing was imported", code="rows_refused"
        )
    now = timezone.now()
    partners = {o.name.lower(): o for o in board.partners.all()}
    with audited_transaction():
        case_import = CaseImport.objects.create(
            board=board,
            by=by,
            at=now,
            file_name=file_name[:200],
            sha256=sha256,
            cases_created=len(run.new),
            cases_unchanged=len(run.unchanged),
        )
        for start in range(0, len(run.new), BATCH):
            _write(run.new[start : start + BATCH], board, partners, by, case_import, run, now)
        _counters_past(board, [case.reference for case in run.new])
        audit_record(
            request=request,
            actor=by,
            action="cases.imported",
            obj=case_import,
            board=board,
            detail={
                "file_type": file_name.rsplit(".", 1)[-1].lower(),
                "sha256": sha256,
                "created": len(run.new),
                "unchanged": len(run.unchanged),
            },
        )
    return ImportDone(case_import, len(run.new), len(run.unchanged))


def _write(
    cases: Sequence[CaseRow],
    board: Board,
    partners: dict[str, Organisation],
    by: User,
    case_import: CaseImport,
    run: DryRun,
    now: datetime.datetime,
) -> None:
    notifications = Notification.objects.bulk_create(
        Notification(
            board=board,
            reference=case.reference,
            status=case.stage,
            framework=DEFAULT_FRAMEWORK,
            notifier=by,
            organisation=partners[case.agency.lower()],
            submitted_at=on_day(case.notified_on),
            imported_at=now,
        )
        for case in cases
    )
    children = Child.objects.bulk_create(
        Child(
            notification=notification,
            full_name=case.child_name,
            date_of_birth=case.child_born_on,
            sex=Sex.UNKNOWN,
            child_protection_plan=ChildProtectionPlan.UNKNOWN,
            looked_after=LookedAfter.UNKNOWN,
            open_to_social_care=YesNoUnknown.UNKNOWN,
        )
        for case, notification in zip(cases, notifications, strict=True)
    )
    for notification, child in zip(notifications, children, strict=True):
        notification.subject_child = child
    Notification.objects.bulk_update(notifications, ["subject_child"])
    changes: list[StatusChange] = []
    timeline: list[TimelineEntry] = []
    deadlines: list[Deadline] = []
    decisions: list[ChairDecision] = []
    reviews: list[tuple[CaseRow, Review]] = []
    for case, notification in zip(cases, notifications, strict=True):
        history = history_of(case, notification, by_id=by.pk, by_name=by.full_name, now=now)
        changes += history.changes
        timeline += history.timeline
        deadlines += history.deadlines
        if case.decided_on:
            decisions.append(
                ChairDecision(
                    notification=notification,
                    decision=case.decision,
                    rationale=RATIONALE,
                    decided_by=by,
                    decided_at=on_day(case.decided_on),
                )
            )
            if case.decision in REVIEWED:
                reviews.append(
                    (
                        case,
                        Review(
                            notification=notification,
                            kind=case.decision,
                            methodology=case.review_type,
                            created_by=by,
                            created_at=on_day(case.decided_on),
                        ),
                    )
                )
    StatusChange.objects.bulk_create(changes)
    TimelineEntry.objects.bulk_create(timeline)
    ChairDecision.objects.bulk_create(decisions)
    Review.objects.bulk_create([review for _, review in reviews])
    Publication.objects.bulk_create(
        Publication(review=review, published_on=case.published_on, recorded_by=by)
        for case, review in reviews
        if case.published_on
    )
    deadlines += _actions(reviews, board, partners, now)
    Deadline.objects.bulk_create(deadlines)
    ImportedCase.objects.bulk_create(
        ImportedCase(
            notification=notification,
            case_import=case_import,
            row=case.row,
            digest=run.digests[case.reference],
        )
        for case, notification in zip(cases, notifications, strict=True)
    )
    for case, notification in zip(cases, notifications, strict=True):
        audit_record(
            actor=by,
            action="notification.imported",
            obj=notification,
            board=board,
            detail={"import": case_import.pk, "row": case.row},
        )


def _actions(
    reviews: list[tuple[CaseRow, Review]],
    board: Board,
    partners: dict[str, Organisation],
    now: datetime.datetime,
) -> list[Deadline]:
    """The reviews' actions, each its own recommendation (the sheet gives no grouping),
    and the due dates of those still open as their deadlines."""
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(review=review, number=number, text=action.description)
        for case, review in reviews
        for number, action in enumerate(case.actions, start=1)
    )
    rows = [(case, review, action) for case, review in reviews for action in case.actions]
    actions = ReviewAction.objects.bulk_create(
        ReviewAction(
            recommendation=recommendation,
            board=board,
            notification=review.notification,
            description=action.description,
            owner_agency=partners[action.agency.lower()],
            owner_name=str(partners[action.agency.lower()]),
            due_on=action.due_on,
            status=action.state,
            created_at=now,
        )
        for recommendation, (_, review, action) in zip(recommendations, rows, strict=True)
    )
    return [
        deadline_unsaved(
            notification=action.notification,
            rule=rules.action_rule(action.due_on),
            started_at=now,
            subject=subject_of(action),
            responsible_organisation=action.owner_agency,
        )
        for action, (case, _, _) in zip(actions, rows, strict=True)
        if action.status != ActionStatus.COMPLETE
        and case.stage not in (Status.CLOSED, Status.WITHDRAWN)
    ]


def _counters_past(board: Board, references: list[str]) -> None:
    """A reference the board gave in the service's own form (BF-2019-0007) moves the
    board's counter for that year past it, so a case notified later never takes it."""
    pattern = re.compile(rf"{re.escape(board.code)}-(\d{{4}})-(\d{{4,6}})")
    highest: dict[int, int] = {}
    for reference in references:
        match = pattern.fullmatch(reference)
        if match:
            year, number = int(match.group(1)), int(match.group(2))
            highest[year] = max(highest.get(year, 0), number)
    for year, number in highest.items():
        counter, _ = ReferenceCounter.objects.get_or_create(board=board, year=year)
        ReferenceCounter.objects.filter(pk=counter.pk).update(last=Greatest(F("last"), number))
