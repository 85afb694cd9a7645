"""The guards that read the procedure's records (agency requests, the LISG's
recommendation, the Chair's decision, who was told of it), registered with the
workflow's transition table. Imported by `DecisionsConfig.ready()`."""

from __future__ import annotations

from collections.abc import Callable

from casereviews.decisions.codes import Code
from casereviews.decisions.models import ReviewType
from casereviews.decisions.selectors import (
    agency_information_requested,
    bodies_told,
    latest_chair_decision,
    latest_lisg_recommendation,
)
from casereviews.notifications.models import Notification
from casereviews.workflow.guards import register_guard
from casereviews.workflow.models import StatusChange

DECISIONS = ("decide_scr", "decide_cpir", "decide_other_review", "decide_no_review")

register_guard(
    "lisg_recommend",
    code=Code.AGENCY_INFORMATION_NOT_REQUESTED,
    message="Request information from the partner agencies before the LISG makes its "
    "recommendation",
)(agency_information_requested)


@register_guard(
    *DECISIONS,
    code=Code.NO_LISG_RECOMMENDATION,
    message="The LISG must make its recommendation before the Independent Chair decides",
)
def lisg_recommendation_recorded(case: Notification) -> bool:
    return latest_lisg_recommendation(case) is not None


def _decision_recorded(decision: str) -> Callable[[Notification], bool]:
    def holds(case: Notification) -> bool:
        latest = latest_chair_decision(case)
        return latest is not None and latest.decision == decision

    return holds


for _decision, _label in (  # the message names the decision the transition records
    (ReviewType.SCR, "an SCR"),
    (ReviewType.CPIR, "a CPIR"),
    (ReviewType.OTHER_REVIEW, "another review or audit"),
    (ReviewType.NO_REVIEW, "no review"),
):
    register_guard(
        f"decide_{_decision.value}",
        code=Code.DECISION_NOT_RECORDED,
        message=f"Record the Independent Chair's decision ({_label}) first",
    )(_decision_recorded(_decision))


@register_guard(
    "decide_other_review",
    "decide_no_review",
    code=Code.OTHER_REVIEW_NOT_CONSIDERED,
    field="other_review_consideration",
    message="Record whether a CPIR or another review or audit was considered before deciding "
    "on no SCR",
)
def other_review_considered(case: Notification) -> bool:
    latest = latest_chair_decision(case)
    return latest is not None and bool(latest.other_review_consideration.strip())


@register_guard(
    "escalate_to_scr",
    code=Code.ESCALATION_NOT_RECORDED,
    message="Record the Independent Chair's decision to escalate the CPIR first",
)
def escalation_recorded(case: Notification) -> bool:
    latest = latest_chair_decision(case)
    return latest is not None and latest.escalates_id is not None


@register_guard(
    "escalate_to_scr",
    code=Code.NOT_A_CPIR,
    message="Only a CPIR can be escalated to an SCR",
    hides_step=True,
)
def a_cpir_to_escalate(case: Notification) -> bool:
    """The decision in force is a CPIR, or the Chair's escalation of one has just been
    recorded and the case not yet moved by it. Cases "initially subject to a CPIR are
    escalated and managed within the SCR process" (Procedure, Section C): an SCR decided
    as such, or one already escalated, never is, so the step is not offered on it."""
    latest = latest_chair_decision(case)
    if latest is None:
        return False
    if latest.decision == ReviewType.CPIR:
        return True
    escalated = latest.escalates
    return (
        escalated is not None
        and escalated.decision == ReviewType.CPIR
        and not StatusChange.objects.filter(
            notification=case, transition="escalate_to_scr", at__gte=latest.decided_at
        ).exists()
    )


def _told(body: str) -> Callable[[Notification], bool]:
    def holds(case: Notification) -> bool:
        return body in bodies_told(case, since_decision=latest_chair_decision(case))

    return holds


# Procedure C 1(iii): "the LSCB must notify Ofsted and the National Panel of Independent
# Experts of their decision" — of every decision, SCR or not.
register_guard(
    "close",
    code=Code.OFSTED_NOT_TOLD,
    message="Record that Ofsted was told of the Independent Chair's decision before closing "
    "the case",
)(_told("ofsted"))
register_guard(
    "close",
    code=Code.PANEL_NOT_TOLD,
    message="Record that the National Panel was told of the Independent Chair's decision "
    "before closing the case",
)(_told("national_panel"))
