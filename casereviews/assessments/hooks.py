"""Stores the criteria assessment whenever a notification is submitted or resubmitted."""

from __future__ import annotations

from casereviews.assessments.services import criteria_assessment_refresh
from casereviews.workflow.services import TransitionMade, on_transition

SUBMISSIONS = frozenset({"submit", "resubmit"})


@on_transition
def assess_on_submission(made: TransitionMade) -> None:
    if made.transition.name in SUBMISSIONS:
        criteria_assessment_refresh(notification=made.notification, by=made.by)
