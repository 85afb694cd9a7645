"""The guards that read the review's records, registered with the workflow's transition
table. Imported by `ReviewsConfig.ready()`.

- "Start the review": reviews "are undertaken by individuals who are independent of the
  case" (Procedure A 1): a lead reviewer, with their declaration, and terms of reference
  (the document and the key lines of enquiry).
- "Record that the report is written": the final report document.
- "Close the case": no open action; "rigorous monitoring of actions in order that
  improvements are sustained" (A 1)."""

from __future__ import annotations

from casereviews.notifications.models import Notification
from casereviews.reviews.selectors import (
    has_final_report,
    has_lead_reviewer,
    has_open_action,
    has_terms_of_reference,
)
from casereviews.workflow.guards import register_guard

register_guard(
    "start_review",
    code="no_lead_reviewer",
    message="Appoint a lead reviewer, with their declaration of independence, before starting "
    "the review",
)(has_lead_reviewer)

register_guard(
    "start_review",
    code="no_terms_of_reference",
    message="Upload the terms of reference and record the key lines of enquiry before "
    "starting the review",
)(has_terms_of_reference)

register_guard(
    "receive_report",
    code="no_final_report",
    message="Upload the final report before recording that the report is written",
)(has_final_report)


@register_guard(
    "close",
    code="action_open",
    message="Every action from the review must be complete before the case is closed",
)
def no_open_action(case: Notification) -> bool:
    return not has_open_action(case)
