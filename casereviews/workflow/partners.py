"""The safeguarding partners decide together (framework wt-2023).

Each of the three statutory safeguarding partners (the local authority, the integrated care
board, the chief officer of police: Children Act 2004 s16E; Working Together 2023, chapter
5, "Decisions on local and national reviews") agrees the decision on a case through its own
representative: a role per partner (`Role.PARTNER_*`), whose holders are the representative
and deputies. Each records the decision it agrees, the criteria considered and its reasons
(`PartnersView`). The decision is made only when the newest view of every partner, since
the case came to be decided, names the same decision: then its step (`partners_decide_*`)
is made at once with their reasons. When the three have spoken and differ, the
disagreement is recorded with each partner's view, and escalated to the lead safeguarding
partners (the hooks tell them, `casereviews.decisions.emails`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record, audited_transaction
from casereviews.boards.models import Role
from casereviews.notifications.models import Notification, Status
from casereviews.notifications.policy import sees_through
from casereviews.policy import board_roles
from casereviews.workflow.guards import register_guard
from casereviews.workflow.models import PartnersDecisionChoice, PartnersView, StatusChange
from casereviews.workflow.services import (
    NotificationChanged,
    TransitionRefused,
    notification_transition,
    timeline_add,
)
from casereviews.workflow.wt_2023 import PARTNERS_DECISIONS, WT_2023_TRANSITIONS

PARTNER_ROLES = (Role.PARTNER_LOCAL_AUTHORITY, Role.PARTNER_ICB, Role.PARTNER_POLICE)
PARTNER_NAMES = {
    Role.PARTNER_LOCAL_AUTHORITY: "the local authority",
    Role.PARTNER_ICB: "the integrated care board",
    Role.PARTNER_POLICE: "the chief officer of police",
}
# The step each decision makes.
STEP_OF = {decision: step for step, decision in PARTNERS_DECISIONS.items()}
# Where the partners decide: once the rapid review is sent to the Panel, or once the incident
# is judged not notifiable (another form of learning review or none only).
DECIDED_FROM = frozenset(WT_2023_TRANSITIONS["partners_decide_no_review"].sources)


class PartnersViewRefused(TransitionRefused):
    """The view cannot be recorded as given; `field` is where the message goes."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, code="refused")
        self.field = field


@dataclass(frozen=True)
class PartnersDisagree:
    """The three partners have each given a view and they differ: escalated."""

    notification: Notification
    views: tuple[PartnersView, ...]
    by: User


PartnersDisagreeHook = Callable[[PartnersDisagree], None]
_DISAGREE_HOOKS: list[PartnersDisagreeHook] = []


def on_partners_disagree(hook: PartnersDisagreeHook) -> PartnersDisagreeHook:
    _DISAGREE_HOOKS.append(hook)
    return hook


def partner_of(user: User, notification: Notification) -> Role | None:
    """The partner whose representative (or deputy) this person is, in the case's board."""
    held = board_roles(user).get(notification.board_id, frozenset())
    return next((role for role in PARTNER_ROLES if role in held), None)


def current_views(notification: Notification) -> dict[str, PartnersView]:
    """Each partner's newest view since the case came to be decided (its newest step into
    the state it is decided from), by partner."""
    since = (
        StatusChange.objects.filter(notification=notification, to_status__in=DECIDED_FROM)
        .order_by("-at", "-id")
        .values_list("at", flat=True)
        .first()
    )
    views = PartnersView.objects.filter(notification=notification).select_related("by")
    if since is not None:
        views = views.filter(at__gte=since)
    newest: dict[str, PartnersView] = {}
    for view in views.order_by("at", "id"):
        newest[view.partner] = view
    return newest


def agreed_decision(notification: Notification) -> str | None:
    """The decision all three partners agree, if they do."""
    views = current_views(notification)
    decisions = {views[role].decision for role in PARTNER_ROLES if role in views}
    if len(views) == len(PARTNER_ROLES) and len(decisions) == 1:
        return decisions.pop()
    return None


def _register_agreement_guards() -> None:
    for step, decision in PARTNERS_DECISIONS.items():

        def holds(case: Notification, decision: str = decision) -> bool:
            return agreed_decision(case) == decision

        register_guard(
            step,
            code="partners_not_agreed",
            message="Each of the three safeguarding partners must agree this decision first",
        )(holds)


_register_agreement_guards()


def partners_view_record(
    *,
    notification: Notification,
    decision: str,
    criteria: list[str],
    reasons: str,
    by: User,
    expected_version: int,
    request: HttpRequest | None = None,
) -> PartnersView:
    """Record the decision this partner agrees. When the three agree, make the decision's
    step at once; when the three differ, record the disagreement and escalate it. Raises
    `TransitionRefused` (not a partner's representative, wrong state), `PartnersViewRefused`
    (a field), or `NotificationChanged`."""
    partner = partner_of(by, notification)
    if partner is None or not sees_through(by, notification, {partner}):
        raise TransitionRefused("You cannot do this to this case", code="not_permitted")
    reasons = reasons.strip()
    if not reasons:
        raise PartnersViewRefused("reasons", "Enter the reasons for the decision")
    if decision == PartnersDecisionChoice.LCSPR and notification.status == Status.NOT_NOTIFIABLE:
        raise PartnersViewRefused(
            "decision",
            "An LCSPR follows a rapid review: judge the incident notifiable first",
        )
    with audited_transaction():
        current = Notification.objects.select_for_update(of=("self",)).get(pk=notification.pk)
        if current.version != expected_version:
            raise NotificationChanged(current, expected_version)
        if current.status not in DECIDED_FROM:
            raise TransitionRefused(
                "The safeguarding partners' decision cannot be recorded now", code="wrong_state"
            )
        view = PartnersView.objects.create(
            notification=current,
            partner=partner,
            decision=decision,
            criteria=sorted(criteria),
            reasons=reasons,
            by=by,
            at=timezone.now(),
        )
        label = PartnersDecisionChoice(decision).label
        timeline_add(
            notification=current,
            kind="partners.view",
            text=f"{PARTNER_NAMES[partner].capitalize()} agreed: {label[0].lower()}{label[1:]}",
            by=by,
            detail=reasons,
        )
        audit_record(
            request=request,
            actor=by,
            action="notification.partners_view",
            obj=current,
            detail={"partner": str(partner), "decision": decision},
        )
        views = current_views(current)
        if len(views) < len(PARTNER_ROLES):
            return view
        agreed = agreed_decision(current)
        if agreed is not None:
            notification_transition(
                notification=current,
                name=STEP_OF[agreed],
                by=by,
                expected_version=expected_version,
                reason="\n".join(
                    f"{PARTNER_NAMES[Role(role)].capitalize()}: {views[role].reasons}"
                    for role in PARTNER_ROLES
                ),
                request=request,
            )
            return view
        timeline_add(
            notification=current,
            kind="partners.disagree",
            text="The safeguarding partners disagree: escalated to the lead safeguarding partners",
            by=by,
            detail="\n".join(
                f"{PARTNER_NAMES[Role(role)].capitalize()}: "
                f"{PartnersDecisionChoice(views[role].decision).label}. {views[role].reasons}"
                for role in PARTNER_ROLES
            ),
        )
        audit_record(
            request=request,
            actor=by,
            action="notification.partners_disagree",
            obj=current,
            detail={str(role): views[role].decision for role in PARTNER_ROLES},
        )
        disagreement = PartnersDisagree(current, tuple(views[role] for role in PARTNER_ROLES), by)
        for hook in _DISAGREE_HOOKS:
            hook(disagreement)
    return view
