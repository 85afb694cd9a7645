"""Helpers for a safeguarding partnership's case (framework wt-2023)."""

from __future__ import annotations

from casereviews.accounts.models import User
from casereviews.assessments.notifiability import notifiability_record
from casereviews.notifications.models import Notification


def judged_notifiable(case: Notification, by: User, *, notifiable: bool = True) -> Notification:
    """The Business Manager's judgement that the incident is (or is not) notifiable to the
    Panel, through the service, departing from the engine with a reason where it must."""
    notifiability_record(
        notification=case,
        notifiable=notifiable,
        by=by,
        expected_version=case.version,
        reason="Judged on the facts the notifier gave",
    )
    case.refresh_from_db()
    return case
