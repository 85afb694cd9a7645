"""Helpers for a safeguarding partnership's case (framework wt-2023)."""

from __future__ import annotations

from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.assessments.notifiability import notifiability_record
from casereviews.boards.models import Role
from casereviews.notifications.models import Notification
from casereviews.workflow.models import PartnersView

PARTNERS = (Role.PARTNER_LOCAL_AUTHORITY, Role.PARTNER_ICB, Role.PARTNER_POLICE)


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


def agreed_by_the_three_partners(
    case: Notification, people: dict[Role, User], decision: str
) -> None:
    """Each partner's representative agrees `decision` (written directly: the step that
    follows is made by the caller)."""
    for role in PARTNERS:
        PartnersView.objects.create(
            notification=case,
            partner=role,
            decision=decision,
            reasons="Agreed at the rapid review",
            by=people[role],
            at=timezone.now(),
        )
