"""Reads of the audit trail for its pages and exports."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board
from casereviews.notifications.models import Notification

CASE_TYPE = "notifications.notification"
# The actions that show a person saw a case or one of its documents. Events about a
# case's documents name the case's reference in `detail["case"]`.
READ_ACTIONS = (
    "notification.read",
    "notification.pdf_download",
    "notification.attachment_download",
)


def case_of_board(*, board: Board, reference: str) -> Notification | None:
    return Notification.objects.filter(board=board, reference=reference).first()


def _about_case(case: Notification) -> Q:
    return Q(object_type=CASE_TYPE, object_id=str(case.pk)) | Q(detail__case=case.reference)


def audit_events_of_board(
    *,
    board: Board,
    case: Notification | None = None,
    email: str = "",
    action: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """The board's events matching a search, newest first. Dates are UK dates."""
    events = AuditEvent.objects.filter(board=board)
    if case is not None:
        events = events.filter(_about_case(case))
    if email:
        events = events.filter(actor_email__iexact=email)
    if action:
        events = events.filter(action=action)
    if date_from is not None:
        events = events.filter(at__date__gte=date_from)
    if date_to is not None:
        events = events.filter(at__date__lte=date_to)
    return events.order_by("-sequence")


def actions_of_board(board: Board) -> list[str]:
    found = AuditEvent.objects.filter(board=board).values_list("action", flat=True).distinct()
    return sorted(set(found))


def who_has_seen(*, case: Notification) -> list[dict[str, Any]]:
    """Each person who read the case or its documents: how often, first and last time."""
    reads = AuditEvent.objects.filter(
        _about_case(case), board=case.board_id, action__in=READ_ACTIONS, outcome="success"
    )
    readers = (
        reads.values("actor_email", "actor_organisation")
        .annotate(reads=Count("id"), first=Min("at"), last=Max("at"))
        .order_by("-last")
    )
    return [dict(reader) for reader in readers]


def events_without_board(*, email: str = "") -> QuerySet[AuditEvent]:
    """Sign-ins, sign-outs and other events that belong to no board (administrators)."""
    events = AuditEvent.objects.filter(board__isnull=True)
    if email:
        events = events.filter(actor_email__iexact=email)
    return events.order_by("-sequence")
