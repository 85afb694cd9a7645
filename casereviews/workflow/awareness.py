"""The day the local authority became aware of a safeguarding partnership's incident.

Under Working Together 2023 the local authority notifies the Child Safeguarding Practice
Review Panel within 5 working days of becoming aware of a serious incident (Children Act
2004 s16C; WT 2023 chapter 5). The notifier may give the day on the form; the partnership's
Business Manager records or corrects it on the case until the notification to the Panel is
recorded (`notify_panel`). Recording it is audited and written on the timeline, and the
hooks (the deadlines, `casereviews.deadlines.hooks`) count the Panel's 5 days from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record, audited_transaction
from casereviews.kit.refusal import require
from casereviews.notifications.forms import awareness_refusal
from casereviews.notifications.models import Notification
from casereviews.policy import Action
from casereviews.workflow.services import TransitionRefused, timeline_add


@dataclass(frozen=True)
class AwarenessRecorded:
    notification: Notification
    previous: date | None
    by: User
    at: datetime


AwarenessHook = Callable[[AwarenessRecorded], None]
# Called inside the transaction once the day is recorded (the deadlines recount here).
_HOOKS: list[AwarenessHook] = []


def on_awareness_recorded(hook: AwarenessHook) -> AwarenessHook:
    _HOOKS.append(hook)
    return hook


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def local_authority_awareness_record(
    *,
    notification: Notification,
    aware_on: date,
    by: User,
    request: HttpRequest | None = None,
) -> Notification:
    """Record (or correct) the day the local authority became aware of the incident.

    Raises `TransitionRefused`: `not_permitted` unless the person may record it on this
    case now (the case's Business Manager, a wt-2023 case not yet notified to the Panel);
    `refused` with the field's message for a day in the future or before the incident."""
    require(by, Action.LOCAL_AUTHORITY_AWARENESS_RECORD, notification)
    refusal = awareness_refusal(aware_on, notification.incident_date)
    if refusal:
        raise TransitionRefused(refusal, code="refused")
    previous = notification.local_authority_aware_on
    with audited_transaction():
        notification.local_authority_aware_on = aware_on
        notification.save(update_fields=["local_authority_aware_on"])
        timeline_add(
            notification=notification,
            kind="local_authority_aware",
            text=f"The local authority became aware of the incident on {_day(aware_on)}",
            by=by,
            detail=f"Corrected from {_day(previous)}." if previous else "",
        )
        audit_record(
            request=request,
            actor=by,
            action="notification.local_authority_aware",
            obj=notification,
            detail={
                "aware_on": aware_on.isoformat(),
                "previous": previous.isoformat() if previous else None,
            },
        )
        recorded = AwarenessRecorded(
            notification=notification, previous=previous, by=by, at=timezone.now()
        )
        for hook in _HOOKS:
            hook(recorded)
    return notification
