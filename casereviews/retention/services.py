"""Writes of the retention app: a board's periods, legal holds, and disposal, each as
permission check → atomic change → timeline → audit entry (docs/adr/0034)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.models import Outcome
from casereviews.audit.services import audit_record, audited_transaction
from casereviews.boards.models import Board
from casereviews.learning.selectors import name_key
from casereviews.notifications.models import Child, Notification
from casereviews.policy import Action, may
from casereviews.retention import personal, schedule
from casereviews.retention.models import (
    DisposalBatch,
    DisposedCase,
    LegalHold,
    RetentionPeriod,
)
from casereviews.workflow.services import timeline_add


def _check(by: User, board: Board) -> None:
    if not may(by, Action.RETENTION_MANAGE, board=board):
        raise PermissionDenied


def retention_period_set(
    *, board: Board, kind: str, years: int | None, by: User, request: HttpRequest | None = None
) -> RetentionPeriod:
    _check(by, board)
    if not schedule.DEFAULTS[kind].configurable:
        raise ValueError(f"The period of {kind} is not set per board")
    with transaction.atomic():
        period, _ = RetentionPeriod.objects.update_or_create(
            board=board,
            kind=kind,
            defaults={"years": years, "set_by": by, "set_at": timezone.now()},
        )
        audit_record(
            request=request,
            actor=by,
            action="retention.period_set",
            board=board,
            detail={"kind": kind, "years": years},
        )
    return period


# -- legal holds ---------------------------------------------------------------------


def in_force(board: Board) -> list[LegalHold]:
    return list(
        LegalHold.objects.filter(board=board, lifted_at__isnull=True).select_related(
            "notification", "child"
        )
    )


def holds_on(cases: Sequence[Notification], holds: list[LegalHold]) -> dict[int, LegalHold]:
    """The hold in force on each of `cases` that has one: on the whole board, on the
    case, or on a child of it (by name and date of birth)."""
    if not holds:
        return {}
    on_board = next((hold for hold in holds if hold.notification_id is None), None)
    on_case = {hold.notification_id: hold for hold in holds if hold.child_id is None}
    on_child = {
        (name_key(hold.child.full_name), hold.child.date_of_birth): hold
        for hold in holds
        if hold.child is not None
    }
    found: dict[int, LegalHold] = {}
    children: dict[int, list[tuple[str, datetime.date | None]]] = {}
    if on_child:
        for notification_id, name, born in Child.objects.filter(
            notification__in=[case.pk for case in cases]
        ).values_list("notification_id", "full_name", "date_of_birth"):
            children.setdefault(notification_id, []).append((name_key(name), born))
    for case in cases:
        hold = on_board or on_case.get(case.pk)
        if hold is None:
            hold = next(
                (on_child[key] for key in children.get(case.pk, []) if key in on_child), None
            )
        if hold is not None:
            found[case.pk] = hold
    return found


def legal_hold_place(
    *,
    board: Board,
    reason: str,
    detail: str,
    by: User,
    notification: Notification | None = None,
    child: Child | None = None,
    request: HttpRequest | None = None,
) -> LegalHold:
    """Hold the whole board (neither given), a case, or every case of a child."""
    _check(by, board)
    if child is not None:
        notification = child.notification
    if notification is not None and notification.board_id != board.pk:
        raise PermissionDenied
    with transaction.atomic():
        hold = LegalHold.objects.create(
            board=board,
            notification=notification,
            child=child,
            reason=reason,
            detail=detail,
            placed_by=by,
            placed_at=timezone.now(),
        )
        if notification is not None:
            timeline_add(
                notification=notification,
                kind="retention.legal_hold_placed",
                text="A legal hold was placed: the case will not be disposed of",
                by=by,
            )
        audit_record(
            request=request,
            actor=by,
            action="legal_hold.placed",
            obj=hold,
            board=board,
            detail={"hold": hold.pk, "reason": reason, **_held(hold)},
        )
    return hold


def _held(hold: LegalHold) -> dict[str, object]:
    if hold.notification is not None and hold.child_id is not None:
        return {"case": hold.notification.reference, "child": hold.child_id}
    if hold.notification is not None:
        return {"case": hold.notification.reference}
    return {"whole_board": True}


def legal_hold_lift(
    *, hold: LegalHold, reason: str, by: User, request: HttpRequest | None = None
) -> LegalHold:
    _check(by, hold.board)
    with transaction.atomic():
        changed = LegalHold.objects.filter(pk=hold.pk, lifted_at__isnull=True).update(
            lifted_at=timezone.now(), lifted_by=by, lifted_reason=reason
        )
        if not changed:
            raise ValueError("The hold is already lifted")
        hold.refresh_from_db()
        if hold.notification is not None:
            timeline_add(
                notification=hold.notification,
                kind="retention.legal_hold_lifted",
                text="A legal hold was lifted",
                by=by,
            )
        audit_record(
            request=request,
            actor=by,
            action="legal_hold.lifted",
            obj=hold,
            board=hold.board,
            detail={"hold": hold.pk, **_held(hold)},
        )
    return hold


# -- disposal ------------------------------------------------------------------------


class DisposalRefused(Exception):
    """Nothing was disposed of; `message` says why, naming the cases by reference."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def disposal_approve(
    *,
    board: Board,
    cases: Sequence[Notification],
    reason: str,
    by: User,
    request: HttpRequest | None = None,
    today: datetime.date | None = None,
) -> DisposalBatch:
    """Destroy the personal data of `cases`, all or none: each must be on the board's
    disposal list today and under no legal hold."""
    _check(by, board)
    if not cases:
        raise DisposalRefused("Choose at least one case to dispose of")
    # Every case's event is appended at the end, under the chain's lock once (ADR 0017).
    with audited_transaction():
        # Read again inside the transaction: a hold placed since the list was shown wins.
        due = {entry.notification.pk: entry for entry in schedule.disposal_list(board, today=today)}
        held = holds_on(list(cases), in_force(board))
        message = _problems(cases, due, held)
        if message is None:
            batch = _dispose(board, [due[case.pk] for case in cases], reason, by, request)
    if message is not None:
        # Its own transaction: the refusal is kept though nothing else is.
        audit_record(
            request=request,
            actor=by,
            action="retention.disposal_refused",
            board=board,
            outcome=Outcome.DENIED,
            detail={
                "cases": sorted(case.reference or "" for case in cases),
                "held": sorted(hold.pk for hold in held.values()),
            },
        )
        raise DisposalRefused(message)
    return batch


def _problems(
    cases: Sequence[Notification],
    due: dict[int, schedule.Due],
    held: dict[int, LegalHold],
) -> str | None:
    problems = []
    if held:
        names = ", ".join(sorted(case.reference or "" for case in cases if case.pk in held))
        verb = "is" if len(held) == 1 else "are"
        problems.append(
            f"{names} {verb} under a legal hold and cannot be disposed of until the hold is lifted"
        )
    not_due = sorted(case.reference or "" for case in cases if case.pk not in due)
    if not_due:
        verb = "has" if len(not_due) == 1 else "have"
        problems.append(
            f"{', '.join(not_due)} {verb} not reached the date the retention schedule allows"
        )
    return "; ".join(problems) or None


def _dispose(
    board: Board,
    entries: list[schedule.Due],
    reason: str,
    by: User,
    request: HttpRequest | None,
) -> DisposalBatch:
    batch = DisposalBatch.objects.create(
        board=board, approved_by=by, approved_at=timezone.now(), reason=reason
    )
    numbers = [entry.notification.pk for entry in entries]
    files = personal.files_of(numbers)
    touched = personal.destroy(numbers)
    for entry in entries:
        assert entry.due_on is not None
        case = entry.notification
        DisposedCase.objects.create(
            batch=batch,
            notification=case,
            kind=entry.kind,
            closed_on=entry.closed_on,
            due_on=entry.due_on,
        )
        timeline_add(
            notification=case,
            kind="retention.disposed",
            text="Personal data destroyed under the retention schedule",
            by=by,
        )
        audit_record(
            request=request,
            actor=by,
            action="notification.disposed",
            obj=case,
            detail={"batch": batch.pk, "kind": entry.kind},
        )
    audit_record(
        request=request,
        actor=by,
        action="retention.disposal_approved",
        obj=batch,
        board=board,
        detail={
            "batch": batch.pk,
            "cases": sorted(e.notification.reference or "" for e in entries),
            "rows": sum(touched.values()),
        },
    )
    # The files go once the rows naming them are gone for good.
    transaction.on_commit(lambda: personal.remove_files(files))
    return batch
