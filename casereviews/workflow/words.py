"""Where a case stands, in the words a person reads.

A status's label ("LISG recommended", "Report") names a state in a list or a tag; it is
not a phrase that fits after "The case is". Sentences about a case's state are written
here, one per status, so that no page drops a status label into a sentence.
"""

from __future__ import annotations

from casereviews.frameworks.vocabulary import Framework, framework_of
from casereviews.notifications.models import Notification, Status

# Each names the case `{case}` (its reference, or "this notification" for a draft).
_SENTENCES: dict[Status, str] = {
    Status.DRAFT: "{case} is a draft: it has not been sent to the board.",
    Status.SUBMITTED: "{case} has been sent to the board and is waiting to be verified.",
    Status.RETURNED_FOR_INFORMATION: (
        "{case} has been returned to the notifier for more information."
    ),
    Status.WITHDRAWN: "{case} has been withdrawn.",
    Status.UNDER_CONSIDERATION: (
        "{case} is under consideration: the partner agencies are asked for information "
        "before the LISG makes its recommendation."
    ),
    Status.LISG_RECOMMENDED: (
        "The LISG has made its recommendation on {case}, which is waiting for the "
        "Independent Chair's decision."
    ),
    Status.SCR_COMMISSIONED: (
        "The Independent Chair has decided to commission a Serious Case Review (SCR) of {case}."
    ),
    Status.CPIR_COMMISSIONED: (
        "The Independent Chair has decided to commission a Child Protection Incident Review "
        "(CPIR) of {case}."
    ),
    Status.OTHER_REVIEW_COMMISSIONED: (
        "The Independent Chair has decided on another review or audit of {case}."
    ),
    Status.NO_REVIEW: "The Independent Chair has decided that {case} needs no review.",
    Status.REVIEW_IN_PROGRESS: "The review of {case} is in progress.",
    Status.REPORT: (
        "The report of the review of {case} has been written and is waiting to be published."
    ),
    Status.PUBLISHED: "The report of the review of {case} has been published.",
    Status.LEARNING_DISSEMINATED: (
        "The learning from the review of {case} has been disseminated to the board's partners."
    ),
    Status.ACTIONS_MONITORED: "The actions from the review of {case} are being monitored.",
    Status.CLOSED: "{case} is closed.",
    Status.SINGLE_AGENCY_CPIR: (
        "{case} is a single-agency CPIR: the agency carries out the review, and the board "
        "records its outcome and learning."
    ),
}


# A safeguarding partnership's case (framework wt-2023, `casereviews.workflow.wt_2023`).
_PARTNERSHIP_SENTENCES: dict[Status, str] = {
    Status.DRAFT: "{case} is a draft: it has not been sent to the safeguarding partnership.",
    Status.SUBMITTED: (
        "{case} has been sent to the safeguarding partnership: the Business Manager judges "
        "whether the incident is notifiable to the Child Safeguarding Practice Review Panel, "
        "and the notification to the Panel follows when it is."
    ),
    Status.NOT_NOTIFIABLE: (
        "The incident of {case} has been judged not notifiable to the Child Safeguarding "
        "Practice Review Panel, and is waiting for the safeguarding partners' decision on "
        "another form of learning review or no review."
    ),
    Status.RETURNED_FOR_INFORMATION: (
        "{case} has been returned to the notifier for more information."
    ),
    Status.WITHDRAWN: "{case} has been withdrawn.",
    Status.RAPID_REVIEW: (
        "The Child Safeguarding Practice Review Panel has been notified of {case}, and the "
        "safeguarding partners' rapid review is under way."
    ),
    Status.RAPID_REVIEW_SENT: (
        "The rapid review of {case} has been sent to the Panel, and is waiting for the "
        "safeguarding partners' decision."
    ),
    Status.LCSPR_COMMISSIONED: (
        "The safeguarding partners have decided to commission a Local Child Safeguarding "
        "Practice Review (LCSPR) of {case}."
    ),
    Status.OTHER_REVIEW_COMMISSIONED: (
        "The safeguarding partners have decided on another form of learning review of {case}."
    ),
    Status.NO_REVIEW: "The safeguarding partners have decided that {case} needs no review.",
    Status.REVIEW_IN_PROGRESS: "The review of {case} is in progress.",
    Status.REPORT: (
        "The report of the review of {case} has been written and is waiting to be published."
    ),
    Status.PUBLISHED: "The report of the review of {case} has been published.",
    Status.ACTIONS_MONITORED: "The actions from the review of {case} are being monitored.",
    Status.CLOSED: "{case} is closed.",
}

SENTENCES: dict[Framework, dict[Status, str]] = {
    Framework.BF_LSCB_2015: _SENTENCES,
    Framework.WT_2023: _PARTNERSHIP_SENTENCES,
}


def status_sentence(notification: Notification, status: str | None = None) -> str:
    """One sentence saying where the case stands (in `status`, by default its own), in
    the words of the case's framework."""
    key = Status(status or notification.status)
    # A status only the other framework reaches is still said in that framework's words.
    own = SENTENCES[framework_of(notification.framework)]
    sentence = own.get(key) or next(s[key] for s in SENTENCES.values() if key in s)
    name = notification.reference or "this notification"
    text = sentence.format(case=name)
    return text[0].upper() + text[1:]
