"""Sending a CRNF A to the board: the reference, the 24-hour expectation, likely
duplicates, the timeline and the e-mails, in one transaction with the status change."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audited_transaction
from casereviews.boards.models import Board
from casereviews.notifications import emails
from casereviews.notifications.models import (
    Notification,
    ReferenceCounter,
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


def reference_next(*, board: Board, year: int) -> str:
    """The next reference of the board in the year, like BF-2026-0007. Call inside the
    submitting transaction: the counter row stays locked until it commits, so concurrent
    submissions wait for each other and never share a number."""
    counter, _ = ReferenceCounter.objects.get_or_create(board=board, year=year)
    ReferenceCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return f"{board.code}-{year}-{counter.last:04d}"


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
        if first_time:
            _give_reference(current)
        duplicates = list(notification_possible_duplicates(current))
        current.possible_duplicates.set(duplicates)
        emails.notification_submitted_emails(
            notification=current, duplicates=duplicates, resubmitted=not first_time
        )
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
