"""The rules of the single-agency CPIR's transitions, registered with the workflow's
table. Imported by `SingleAgencyConfig.ready()`."""

from __future__ import annotations

from casereviews.notifications.models import Notification, ReviewSought
from casereviews.single_agency.codes import Code
from casereviews.single_agency.selectors import latest_single_agency_review
from casereviews.workflow.guards import register_guard


@register_guard(
    "agree_single_agency",
    code=Code.NOT_A_SINGLE_AGENCY_CONSULTATION,
    message="Only a notification that asks for a single-agency CPIR consultation can be "
    "recorded as a single-agency CPIR",
)
def single_agency_sought(case: Notification) -> bool:
    return case.review_sought == ReviewSought.SINGLE_AGENCY_CPIR


@register_guard(
    "agree_single_agency",
    code=Code.SINGLE_AGENCY_AGREEMENT_NOT_RECORDED,
    message="Record which agency carries out the review and who agreed it first",
)
def agreement_recorded(case: Notification) -> bool:
    latest = latest_single_agency_review(case)
    return latest is not None and latest.is_open


@register_guard(
    "close_single_agency",
    code=Code.SINGLE_AGENCY_OUTCOME_NOT_RECORDED,
    message="Record the outcome and the learning of the agency's review before closing",
)
def outcome_recorded(case: Notification) -> bool:
    latest = latest_single_agency_review(case)
    return latest is not None and latest.escalated_at is None and bool(latest.outcome.strip())
