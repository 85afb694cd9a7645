"""A case closed after a review joins the board's lessons library by itself."""

from __future__ import annotations

from casereviews.learning.services import lesson_from_closed_case
from casereviews.workflow.services import TransitionMade, on_transition


@on_transition
def add_closed_review_to_the_library(made: TransitionMade) -> None:
    if made.transition.name == "close":
        lesson_from_closed_case(notification=made.notification, at=made.at)
