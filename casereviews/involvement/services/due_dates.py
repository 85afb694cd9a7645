"""The due dates of the answers still awaited for a case move with its LISG meeting
(before it, or, with none, their working days after the request); an agency told one
date is told the new one (docs/deadlines.md)."""

from __future__ import annotations

import datetime

from casereviews.deadlines import rules
from casereviews.deadlines.services import deadline_start, deadlines_cancel
from casereviews.decisions.models import InvolvementRequest
from casereviews.involvement.emails import involvement_due_changed_emails
from casereviews.involvement.models import LisgMeeting
from casereviews.involvement.selectors import unanswered_requests
from casereviews.notifications.models import Notification


def _due_moves(waiting: InvolvementRequest, due_at: datetime.datetime) -> None:
    """The request's new due date; an agency told another date is told this one."""
    was = waiting.due_at
    if due_at == was:
        return
    InvolvementRequest.objects.filter(pk=waiting.pk).update(due_at=due_at)
    waiting.due_at = due_at
    involvement_due_changed_emails(involvement_request=waiting, was=was)


def returns_due_before(
    notification: Notification, meeting: LisgMeeting, at: datetime.datetime
) -> None:
    """The answers still awaited for the case are now due before `meeting`."""
    rule = rules.agency_return_before_meeting_rule(
        meeting.date, notification.board.agency_return_days_before_meeting
    )
    for waiting in unanswered_requests(notification):
        subject = f"involvement-request:{waiting.pk}"
        deadlines_cancel(
            notification=notification, at=at, codes=rules.AGENCY_RETURN_CODES, subject=subject
        )
        deadline = deadline_start(
            notification=notification,
            rule=rule,
            started_at=at,
            subject=subject,
            responsible_organisation=waiting.organisation,
        )
        _due_moves(waiting, deadline.due_at)


def returns_due_after_request(notification: Notification, at: datetime.datetime) -> None:
    """With no meeting, the answers awaited are due their working days after the request."""
    for waiting in unanswered_requests(notification):
        subject = f"involvement-request:{waiting.pk}"
        deadlines_cancel(
            notification=notification, at=at, codes=rules.AGENCY_RETURN_CODES, subject=subject
        )
        deadline = deadline_start(
            notification=notification,
            rule=rules.agency_return_rule(waiting.working_days),
            started_at=waiting.requested_at,
            subject=subject,
            responsible_organisation=waiting.organisation,
        )
        _due_moves(waiting, deadline.due_at)
