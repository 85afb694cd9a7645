"""Starting, meeting and cancelling deadlines. Called inside the transaction of the
transition or record that causes it; `due_at` always comes from the pure rules."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.db.models import Q

from casereviews.boards.models import Organisation
from casereviews.deadlines import rules
from casereviews.deadlines.calendar import start_of_day
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.deadlines.rules import DeadlineRule
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.models import StatusChange


def configured(rule: DeadlineRule) -> DeadlineRule:
    """The rule with this installation's own figure, where it gives one (the
    `DEADLINE_FIGURES` setting, e.g. {"panel_told_within_14_days": 10}). Only figures the
    procedure does not give (national guidance, local standards) can be changed."""
    figure = getattr(settings, "DEADLINE_FIGURES", {}).get(rule.code)
    return rule if figure is None else rule.with_amount(int(figure))


def review_completion_rule(review_type: str) -> DeadlineRule:
    """The completion target of a review of `review_type` (scr, cpir, other_review): the
    `REVIEW_COMPLETION_MONTHS` setting's figure for that type (e.g. {"cpir": 3}), otherwise
    the installation's figure for every review (six months unless `DEADLINE_FIGURES` says)."""
    rule = configured(rules.REVIEW_COMPLETED_WITHIN_SIX_MONTHS)
    figure = getattr(settings, "REVIEW_COMPLETION_MONTHS", {}).get(review_type)
    return rule if figure is None else rule.with_amount(int(figure))


def panel_notification_started_at(notification: Notification, submitted_at: datetime) -> datetime:
    """Where a partnership's 5 working days for notifying the Child Safeguarding Practice
    Review Panel start: the day the local authority became aware of the incident (Children
    Act 2004 s16C), when it is known; otherwise the notification's submission."""
    aware_on = notification.local_authority_aware_on
    return start_of_day(aware_on) if aware_on is not None else submitted_at


def panel_clock_started_at(notification: Notification, fallback: datetime) -> datetime:
    """Where a partnership's 5 working days for notifying the Panel start once the incident
    is judged notifiable: from the local authority's awareness (`panel_notification_started_at`),
    unless the case was first judged not notifiable and later notifiable on new information,
    when they start from that later judgement."""
    later = (
        StatusChange.objects.filter(
            notification=notification,
            transition="judge_notifiable",
            from_status=Status.NOT_NOTIFIABLE,
        )
        .order_by("-at", "-id")
        .values_list("at", flat=True)
        .first()
    )
    return later if later is not None else panel_notification_started_at(notification, fallback)


def deadline_start(
    *,
    notification: Notification,
    rule: DeadlineRule,
    started_at: datetime,
    subject: str = "",
    responsible_organisation: Organisation | None = None,
) -> Deadline:
    """Start `rule` for the case; an open deadline of the same rule and subject is kept."""
    existing = Deadline.objects.filter(
        notification=notification, rule_code=rule.code, subject=subject, state=DeadlineState.OPEN
    ).first()
    if existing is not None:
        return existing
    return Deadline.objects.create(
        **_new(notification, rule, started_at, subject, responsible_organisation)
    )


def deadlines_start(
    *, notification: Notification, starts: Iterable[tuple[DeadlineRule, datetime]]
) -> None:
    """Start several rules for the case at once (one read, one insert); as
    `deadline_start`, a rule already open for the case is kept."""
    starts = list(starts)
    if not starts:
        return
    open_already = set(
        Deadline.objects.filter(
            notification=notification,
            rule_code__in=[rule.code for rule, _ in starts],
            subject="",
            state=DeadlineState.OPEN,
        ).values_list("rule_code", flat=True)
    )
    Deadline.objects.bulk_create(
        Deadline(**_new(notification, rule, started_at, "", None))
        for rule, started_at in starts
        if rule.code not in open_already
    )


def deadline_record_ended(
    *, notification: Notification, rule: DeadlineRule, started_at: datetime, ended_at: datetime
) -> Deadline:
    """Record a deadline whose clock ran before the case reached the service (the 24 hours
    from consultation to submission): ended as it is recorded, met if by its due moment."""
    met = ended_at <= rule.due(started_at)
    return Deadline.objects.create(
        **_new(notification, rule, started_at, "", None),
        state=DeadlineState.MET if met else DeadlineState.MISSED,
        ended_at=ended_at,
    )


def deadline_unsaved(
    *,
    notification: Notification,
    rule: DeadlineRule,
    started_at: datetime,
    subject: str = "",
    responsible_organisation: Organisation | None = None,
    ended_at: datetime | None = None,
    cancelled: bool = False,
) -> Deadline:
    """A deadline as `deadline_start` would start it, not yet saved, for a caller writing
    many at once (a board's cases moving in). With `ended_at` it is recorded ended: met if
    by its due moment, otherwise missed, or cancelled."""
    deadline = Deadline(**_new(notification, rule, started_at, subject, responsible_organisation))
    if ended_at is not None:
        deadline.ended_at = ended_at
        if cancelled:
            deadline.state = DeadlineState.CANCELLED
        else:
            met = ended_at <= deadline.due_at
            deadline.state = DeadlineState.MET if met else DeadlineState.MISSED
    return deadline


def _new(
    notification: Notification,
    rule: DeadlineRule,
    started_at: datetime,
    subject: str,
    responsible_organisation: Organisation | None,
) -> dict[str, object]:
    return {
        "notification": notification,
        "board_id": notification.board_id,
        "rule_code": rule.code,
        "subject": subject,
        "started_at": started_at,
        "due_at": rule.due(started_at),
        "responsible_role": rule.owner_role,
        "responsible_organisation": responsible_organisation,
    }


def _open(notification: Notification, codes: Iterable[str], subject: str | None) -> Q:
    query = Q(notification=notification, rule_code__in=list(codes), state=DeadlineState.OPEN)
    return query & Q(subject=subject) if subject is not None else query


def deadlines_meet(
    *, notification: Notification, codes: Iterable[str], at: datetime, subject: str | None = None
) -> int:
    """End the open deadlines of `codes`: met if by their due moment, otherwise missed."""
    ended = 0
    for deadline in Deadline.objects.filter(_open(notification, codes, subject)):
        deadline.state = DeadlineState.MET if at <= deadline.due_at else DeadlineState.MISSED
        deadline.ended_at = at
        deadline.save(update_fields=["state", "ended_at"])
        ended += 1
    return ended


def deadlines_cancel(
    *,
    notification: Notification,
    at: datetime,
    codes: Iterable[str] | None = None,
    subject: str | None = None,
) -> int:
    """Cancel the open deadlines of `codes` (all of them if `None`), of `subject` if given."""
    open_ones = Deadline.objects.filter(notification=notification, state=DeadlineState.OPEN)
    if codes is not None:
        open_ones = open_ones.filter(rule_code__in=list(codes))
    if subject is not None:
        open_ones = open_ones.filter(subject=subject)
    return open_ones.update(state=DeadlineState.CANCELLED, ended_at=at)


def deadline_restart(
    *, notification: Notification, rule: DeadlineRule, started_at: datetime, at: datetime
) -> Deadline | None:
    """Count the open deadline of `rule` from `started_at` instead: the open one is ended
    (cancelled at `at`, its reminders kept with it) and a new one started, so there is one
    open deadline of the rule throughout. None if none of the rule was open."""
    if not deadlines_cancel(notification=notification, at=at, codes=(rule.code,), subject=""):
        return None
    return deadline_start(notification=notification, rule=rule, started_at=started_at)
