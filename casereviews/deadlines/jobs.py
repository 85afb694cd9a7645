"""The worker's deadline sweep: reminders and escalations, each step recorded once.

For every open deadline, every reminder step (`rules.reminder_steps`) whose moment has come
is recorded as a `ReminderSent` row and its e-mail queued in the outbox, in ONE transaction.
The unique (deadline, step) constraint means a restarted worker, or a second worker running
at the same time, cannot record a step twice; the outbox delivers the e-mail at least once.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.contacts import business_manager_recipients
from casereviews.boards.models import Role
from casereviews.deadlines.calendar import LONDON
from casereviews.deadlines.models import Deadline, DeadlineState, ReminderSent
from casereviews.deadlines.rules import (
    ReminderCode,
    ReminderStep,
    due_soon_window,
    get_rule,
    reminder_steps,
)
from casereviews.outbox.services import outbox_enqueue
from casereviews.worker.jobs import register_job
from casereviews.worker.pause import pause_point

logger = logging.getLogger("casereviews.deadlines")

_WHAT = {
    ReminderCode.DUE_SOON: "is due soon",
    ReminderCode.OVERDUE: "is overdue",
    ReminderCode.ESCALATED: "is overdue and has been escalated to you",
}


def _addresses(deadline: Deadline, step: ReminderStep) -> list[str]:
    """Who is told: the person or role responsible, or the Business Manager (with the
    deputies while absent, `boards.contacts`). Where nobody holds the responsible role,
    the Business Manager is told instead, so no step is lost."""
    case = deadline.notification
    people = User.objects.filter(is_active=True, role_grants__board=case.board_id)
    in_their_place = sorted({u.email for u in business_manager_recipients(case.board)})
    if step.recipient == "business_manager":
        return in_their_place
    elif deadline.responsible_role == Role.NOTIFIER:
        chosen = User.objects.filter(pk=case.notifier_id, is_active=True)
    elif deadline.responsible_role == Role.AGENCY_LEAD:
        chosen = people.filter(
            role_grants__role=Role.AGENCY_LEAD,
            organisation=deadline.responsible_organisation_id,
        )
    else:
        # Never one who declared a conflict of interest in the case.
        chosen = people.filter(role_grants__role=deadline.responsible_role).exclude(
            lisg_conflicts__notification=case
        )
    emails = sorted(set(chosen.values_list("email", flat=True)))
    return emails or in_their_place


def _message(deadline: Deadline, step: ReminderStep) -> tuple[str, str]:
    """The e-mail: the case's reference and a link, never the child's identity."""
    rule = get_rule(deadline.rule_code)
    reference = deadline.notification.reference or f"case {deadline.notification_id}"
    due = deadline.due_at.astimezone(LONDON)
    link = settings.SERVICE_URL + reverse(
        "notifications:detail", args=[deadline.notification.reference or ""]
    )
    subject = f"{reference}: deadline {_WHAT[step.code]}"
    body = (
        f"A deadline for case {reference} {_WHAT[step.code]}.\n\n"
        f"{rule.title}.\n"
        f"Due by: {due:%H:%M on %A %-d %B %Y}.\n\n"
        f"Sign in to see the case: {link}\n"
    )
    return subject, body


def reminder_record(*, deadline: Deadline, step: ReminderStep) -> bool:
    """Record the step and queue its e-mail together; `False` if it was already recorded."""
    try:
        with transaction.atomic():
            to = _addresses(deadline, step)
            ReminderSent.objects.create(
                deadline=deadline, step=step.code, recorded_at=timezone.now(), recipients=len(to)
            )
            if to:
                subject, body = _message(deadline, step)
                outbox_enqueue(
                    key=f"deadline-reminder:{deadline.pk}:{step.code}",
                    to=to,
                    subject=subject,
                    body=body,
                )
    except IntegrityError:
        return False  # another worker, or an earlier run, recorded it first
    return True


@register_job("sweep_deadlines")
def sweep_deadlines() -> int:
    now = timezone.now()
    recorded = 0
    open_deadlines = Deadline.objects.filter(state=DeadlineState.OPEN).select_related(
        "notification"
    )
    for deadline in open_deadlines.iterator():
        done = set(deadline.reminders.values_list("step", flat=True))
        rule = get_rule(deadline.rule_code)
        window = due_soon_window(rule, deadline.started_at, deadline.due_at)
        for step in reminder_steps(rule, window):
            if step.code in done or now < step.fires_at(deadline.due_at):
                continue
            if reminder_record(deadline=deadline, step=step):
                recorded += 1
                logger.info("Reminder %s recorded for deadline %s", step.code, deadline.pk)
                pause_point("reminder_recorded")
    return recorded
