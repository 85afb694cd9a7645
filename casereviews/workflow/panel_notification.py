"""The notification of a partnership's serious incident to the Child Safeguarding Practice
Review Panel, recorded as sent (framework wt-2023).

The local authority notifies the Panel through the national online form within 5 working
days of becoming aware of the incident (Children Act 2004 s16C(1); Working Together 2023,
chapter 5). The Business Manager records when it was sent, how, the reference the Panel or
Ofsted gave it, and who sent it; the step `notify_panel` is made with that moment as when it
happened, so the 5 working days are met or missed by the day it was sent, and the rapid
review's 15 working days count from it (`casereviews.deadlines.hooks`).
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audited_transaction
from casereviews.notifications.models import Notification
from casereviews.workflow.models import PanelNotification, PanelNotificationHow
from casereviews.workflow.services import TransitionRefused, notification_transition


class PanelNotificationRefused(TransitionRefused):
    """The notification cannot be recorded as given; `field` is where the message goes."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, code="refused")
        self.field = field


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def earliest_sent_on(notification: Notification) -> tuple[date, str] | None:
    """The first day the notification could have been sent: the day the local authority
    became aware of the incident, or, while that is not recorded, the incident's date."""
    if notification.local_authority_aware_on is not None:
        return (
            notification.local_authority_aware_on,
            "the day the local authority became aware of the incident",
        )
    if notification.incident_date is not None:
        return notification.incident_date, "the day of the incident"
    return None


def sent_at_refusal(notification: Notification, sent_at: datetime) -> str:
    """Why this moment cannot be when the Panel was notified, or ""."""
    if sent_at > timezone.now():
        return "The date and time the Panel was notified must be now or in the past"
    earliest = earliest_sent_on(notification)
    if earliest is not None and timezone.localdate(sent_at) < earliest[0]:
        first, event = earliest
        return f"The date the Panel was notified must be on or after {_day(first)}, {event}"
    return ""


def panel_notification_record(
    *,
    notification: Notification,
    sent_at: datetime,
    how: str,
    reference: str,
    sent_by: str,
    by: User,
    expected_version: int,
    how_detail: str = "",
    request: HttpRequest | None = None,
) -> PanelNotification:
    """Record the notification to the Panel as sent and make the step `notify_panel` (its
    permission, state and guards: the incident judged notifiable), in one transaction.
    Raises `PanelNotificationRefused` (a field's message), or the workflow's
    `TransitionRefused` and `NotificationChanged`; nothing is written when any is raised."""
    reference, sent_by, how_detail = reference.strip(), sent_by.strip(), how_detail.strip()
    refusal = sent_at_refusal(notification, sent_at)
    if refusal:
        raise PanelNotificationRefused("sent_on", refusal)
    if how == PanelNotificationHow.OTHER and not how_detail:
        raise PanelNotificationRefused("how_detail", "Enter how the Panel was notified")
    with audited_transaction():
        local = timezone.localtime(sent_at)
        way = how_detail if how == PanelNotificationHow.OTHER else PanelNotificationHow(how).label
        notification_transition(
            notification=notification,
            name="notify_panel",
            by=by,
            expected_version=expected_version,
            reason=f"Sent on {_day(local.date())} at {local:%H:%M} by {sent_by}, {way}. "
            f"Reference {reference}.",
            request=request,
            effective_at=sent_at,
        )
        return PanelNotification.objects.create(
            notification=notification,
            sent_at=sent_at,
            how=how,
            how_detail=how_detail,
            reference=reference,
            sent_by=sent_by,
            recorded_by=by,
            recorded_at=timezone.now(),
        )


def panel_notification_of(notification: Notification) -> PanelNotification | None:
    return (
        PanelNotification.objects.filter(notification=notification)
        .order_by("-recorded_at", "-id")
        .first()
    )
