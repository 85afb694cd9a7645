"""Reads of the audit trail for its pages and exports."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board
from casereviews.notifications.models import Notification

# Newest first; the sequence makes each event's place unique. The index
# `audit_board_newest` begins (board, at, sequence), so a period of a board's trail is
# one range of it and every page of a search costs what the first does.
NEWEST_FIRST = ("-at", "-sequence")
# A search with no dates looks this far back (local standard: a month of events is what
# a Business Manager checks at a time; a wider period is theirs to enter).
DEFAULT_PERIOD_DAYS = 31

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
    start, end = search_period(date_from, date_to)
    # A range on `at` itself (not on its date), so the index serves it.
    return events.filter(at__gte=start, at__lt=end).order_by(*NEWEST_FIRST)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def search_period(
    date_from: datetime.date | None, date_to: datetime.date | None
) -> tuple[datetime.datetime, datetime.datetime]:
    """The moments a search covers: from the start of `date_from` to the end of `date_to`,
    UK dates; without a start, the `DEFAULT_PERIOD_DAYS` before the end (today)."""
    end_day = date_to or timezone.localdate()
    start_day = date_from or end_day - datetime.timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    return _start_of(start_day), _start_of(end_day + datetime.timedelta(days=1))


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
    return events.order_by(*NEWEST_FIRST)
