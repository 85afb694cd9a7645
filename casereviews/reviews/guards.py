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
from casereviews.reviews.codes import Code
from casereviews.reviews.models import (
    LearningDissemination,
    Publication,
    PublicationForm,
    Review,
    ReviewKind,
)
from casereviews.reviews.selectors import (
    has_final_report,
    has_lead_reviewer,
    has_open_action,
    has_terms_of_reference,
)
from casereviews.workflow.guards import register_guard

register_guard(
    "start_review",
    code=Code.NO_LEAD_REVIEWER,
    message="Appoint a lead reviewer, with their declaration of independence, before starting "
    "the review",
)(has_lead_reviewer)

register_guard(
    "start_review",
    code=Code.NO_TERMS_OF_REFERENCE,
    message="Upload the terms of reference and record the key lines of enquiry before "
    "starting the review",
)(has_terms_of_reference)

register_guard(
    "receive_report",
    code=Code.NO_FINAL_REPORT,
    message="Upload the final report before recording that the report is written",
)(has_final_report)


@register_guard(
    "close",
    "partners_close",
    code=Code.ACTION_OPEN,
    message="Every action from the review must be complete, and its improvement checked as "
    "sustained, before the case is closed",
)
def no_open_action(case: Notification) -> bool:
    return not has_open_action(case)


def _publication(case: Notification) -> Publication | None:
    return Publication.objects.filter(review__notification=case).first()


def _is_scr(case: Notification) -> bool:
    return Review.objects.filter(notification=case, kind=ReviewKind.SCR).exists()


# Procedure A 1: "a clear requirement for all SCRs to be published in full". A CPIR or
# another review or audit is not forced through publication.
register_guard(
    "publish",
    code=Code.NOT_AN_SCR,
    message="Only an SCR report is published: record how the learning of this review was "
    "disseminated",
    hides_step=True,
)(_is_scr)


@register_guard(
    "publish",
    code=Code.BOARD_NOT_SIGNED_OFF,
    message="Record the board's sign-off of the report before it is published",
)
def board_signed_off(case: Notification) -> bool:
    publication = _publication(case)
    return publication is not None and publication.signed_off_on is not None


@register_guard(
    "publish",
    code=Code.PRE_PUBLICATION_COPY_NOT_SENT,
    message="Record the copy of the report sent to Ofsted and the National Panel before it is "
    "published",
)
def pre_publication_copy_sent(case: Notification) -> bool:
    publication = _publication(case)
    return (
        publication is not None
        and publication.ofsted_copy_sent_on is not None
        and publication.panel_copy_sent_on is not None
    )


@register_guard(
    "publish",
    code=Code.PUBLICATION_NOT_RECORDED,
    message="Record the report's web address and the date it was published",
)
def publication_recorded(case: Notification) -> bool:
    publication = _publication(case)
    return (
        publication is not None
        and publication.form in (PublicationForm.FULL, PublicationForm.SUMMARY)
        and publication.published_on is not None
        and bool(publication.web_address)
    )


@register_guard(
    "disseminate_learning",
    code=Code.SCR_TO_BE_PUBLISHED,
    message="An SCR report is published in full unless the Independent Chair agreed otherwise: "
    "record its publication, or the Chair's agreement not to publish it",
    # Offered on an SCR only once the Chair agreed it is not published.
    hides_step=True,
)
def not_an_scr_to_publish(case: Notification) -> bool:
    if not _is_scr(case):
        return True
    publication = _publication(case)
    return (
        publication is not None
        and publication.form == PublicationForm.NOT_PUBLISHED
        and publication.chair_agreed_on is not None
    )


@register_guard(
    "disseminate_learning",
    code=Code.LEARNING_NOT_RECORDED,
    message="Record how the learning was disseminated, to whom and when",
)
def learning_recorded(case: Notification) -> bool:
    return LearningDissemination.objects.filter(review__notification=case).exists()
