"""Telling people when the review's steps reach them (DESIGN.md section 3): the
Independent Chair and the LISG when the review starts, and the Chair when its report is
written. Each e-mail is queued in the transaction of the step, keyed by the step and the
case's version, so it is sent exactly once; it carries the reference and a link, never the
child's identity. Registered as a transition hook by `ReviewsConfig.ready()`."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from casereviews.boards.models import Role
from casereviews.kit.emails import case_recipients, step_emails
from casereviews.workflow.services import TransitionMade, on_transition

# The step, who is told, the subject (after the reference) and what they are told.
_TOLD: dict[str, tuple[tuple[Role, ...], str, str]] = {
    "start_review": (
        (Role.INDEPENDENT_CHAIR, Role.LISG_MEMBER),
        "the review has started",
        "The review of {reference} has started: the lead reviewer is appointed and the terms "
        "of reference are agreed.",
    ),
    "receive_report": (
        (Role.INDEPENDENT_CHAIR,),
        "the final report is written",
        "The final report of the review of {reference} is uploaded and waits for the "
        "board's sign-off.",
    ),
}


@on_transition
def tell_whose_work_it_is(made: TransitionMade) -> None:
    told = _TOLD.get(made.transition.name)
    case = made.notification
    if told is None or not case.reference:
        return
    roles, subject, line = told
    link = settings.SERVICE_URL + reverse("reviews:detail", args=[case.reference])
    step_emails(
        key=f"{made.transition.name}:{case.pk}:v{case.version}",
        people=case_recipients(case, *roles).people,
        subject=f"Case notification {case.reference}: {subject}",
        lines=[line.format(reference=case.reference)],
        links=[("Open the review", link)],
    )
