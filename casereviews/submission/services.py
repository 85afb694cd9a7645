"""Sending a CRNF A to the board: the reference, the 24-hour expectation, likely
duplicates, the timeline and the e-mails, in one transaction with the status change."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audited_transaction
from casereviews.boards.models import Board
from casereviews.notifications import emails
from casereviews.notifications.models import (
    Notification,
    ReviewSought,
    Status,
)
from casereviews.notifications.pages import Page, missing_pages
from casereviews.notifications.selectors import notification_possible_duplicates
from casereviews.workflow.services import notification_transition, timeline_add

# Section B 1 ii: an inter-agency CPIR request is sent "within 24 hours of the consultation".
CONSULTATION_TO_REQUEST = timedelta(hours=24)


class NotificationIncomplete(Exception):
    """Some pages are not answered yet."""

    def __init__(self, pages: list[Page]) -> None:
        super().__init__(", ".join(page.slug for page in pages))
        self.pages = pages


# `ReferenceCounter`'s table, made or incremented and read in one statement.
_REFERENCE_NEXT = (
    'INSERT INTO "notifications_referencecounter" ("board_id", "year", "last") '
    "VALUES (%s, %s, 1) "
    'ON CONFLICT ("board_id", "year") '
    'DO UPDATE SET "last" = "notifications_referencecounter"."last" + 1 '
    'RETURNING "last"'
)


def reference_next(*, board: Board, year: int) -> str:
    """The next reference of the board in the year, like BF-2026-0007.

    One statement makes the board's counter for the year or adds one to it, and returns
    the number (SQLite 3.35 and PostgreSQL read it alike). Call inside the submitting
    transaction, as its last step but the audit append: the counter's row stays locked
    until the commit, so concurrent submissions wait for each other and never share a
    number, and each statement after this one lengthens their wait."""
    with connection.cursor() as cursor:
        cursor.execute(_REFERENCE_NEXT, [board.pk, year])
        (number,) = cursor.fetchone()
    return f"{board.code}-{year}-{number:04d}"


def notification_submit(
    *,
    notification: Notification,
    by: User,
    expected_version: int,
    request: HttpRequest | None = None,
) -> Notification:
    """Send a draft (or a notification returned for information) to the board.

    Raises `NotificationIncomplete`, or the workflow's `TransitionRefused` or
    `NotificationChanged` (already sent from another tab, a double click, a retry)."""
    missing = missing_pages(notification)
    if missing:
        raise NotificationIncomplete(missing)
    first_time = notification.reference is None
    name = "submit" if notification.status == Status.DRAFT else "resubmit"
    with audited_transaction():
        current = notification_transition(
            notification=notification,
            name=name,
            by=by,
            expected_version=expected_version,
            request=request,
        )
        duplicates = list(notification_possible_duplicates(current))
        current.possible_duplicates.set(duplicates)
        letters = emails.submitted_emails_prepare(
            notification=current, duplicates=duplicates, resubmitted=not first_time
        )
        # The reference last, then only the writes that carry it: the counter's row is
        # locked from here to the commit. The audit chain's lock comes after it, at the
        # end of the block: every case read in the service waits on the chain, so it is
        # held for the shortest time of all (docs/adr/0017), and taking the two always
        # in this order means two submissions never each hold one and wait for the other.
        if first_time:
            _give_reference(current)
        letters.queue()
    return current


def _give_reference(notification: Notification) -> None:
    now = timezone.now()
    reference = reference_next(board=notification.board, year=timezone.localdate(now).year)
    due = None
    on_time = None
    if notification.review_sought == ReviewSought.INTER_AGENCY_CPIR and notification.consulted_at:
        due = notification.consulted_at + CONSULTATION_TO_REQUEST
        on_time = now <= due
    given = {
        "reference": reference,
        "submitted_at": now,
        "submission_due_at": due,
        "submitted_on_time": on_time,
    }
    Notification.objects.filter(pk=notification.pk).update(**given)
    for field, value in given.items():
        setattr(notification, field, value)
    text = f"Reference {reference} given"
    if on_time is True:
        text += "; sent within 24 hours of the consultation"
    elif on_time is False:
        text += "; sent more than 24 hours after the consultation (late)"
    timeline_add(notification=notification, kind="notification.reference", text=text)
