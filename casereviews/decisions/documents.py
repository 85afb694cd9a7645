"""The documents the board sends about the Independent Chair's decision, generated from
the case (ADR 0012): the notification to Ofsted or the National Panel (Procedure C 1(iii))
and the decision letter to the notifying agency. Each is rendered HTML (a page shows it;
a PDF is made from it). They name the case by its reference only: never the child or the
family, whom neither recipient needs to identify from them."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from casereviews.assessments.selectors import RECOMMENDATION_LABELS
from casereviews.decisions.models import ChairDecision, ExternalBody, ReviewType
from casereviews.decisions.selectors import recommendation_shown
from casereviews.involvement.models import Involvement
from casereviews.involvement.selectors import agencies_answers
from casereviews.notifications.ages import age_on
from casereviews.notifications.models import Notification

# What happens next, for the notifying agency, after each decision.
NEXT_STEPS = {
    ReviewType.SCR: [
        "The board will appoint a reviewer, agree the terms of reference and ask the agencies "
        "involved, yours among them, to take part in the Serious Case Review.",
        "The board tells Ofsted and the National Panel of Independent Experts of this decision "
        "(Procedure, Section C 1(iii)).",
    ],
    ReviewType.CPIR: [
        "The Child Protection Incident Review will be set up as described above; the agency "
        "carrying it out will contact those involved.",
        "The board tells Ofsted and the National Panel of Independent Experts of this decision "
        "(Procedure, Section C 1(iii)).",
    ],
    ReviewType.OTHER_REVIEW: [
        "The agencies named above will carry out the review or audit and report its learning "
        "to the board.",
        "The board tells Ofsted and the National Panel of Independent Experts of this decision "
        "(Procedure, Section C 1(iii)).",
    ],
    ReviewType.NO_REVIEW: [
        "No review will be held. The board tells Ofsted and the National Panel of Independent "
        "Experts of this decision (Procedure, Section C 1(iii)).",
        "If new information comes to light, you can notify the board again.",
    ],
}


def _incident(notification: Notification) -> dict[str, object]:
    """What a recipient needs of the incident to act without asking (issue 28, 15): its
    date, the child's age and sex (never their name), whether the child died or was
    seriously harmed, the notifier's summary, and the agencies that were involved."""
    # The child the notification is about: the one marked so, or the only one named.
    children = list(notification.children.all()[:2])
    child = notification.subject_child or (children[0] if len(children) == 1 else None)
    age = (
        age_on(child.date_of_birth, notification.incident_date)
        if child is not None and child.date_of_birth and notification.incident_date
        else getattr(child, "age_at_incident", None)
    )
    facts = notification.criteria_facts or {}
    harm = (
        "The child died"
        if facts.get("child_died") is True
        else "The child was seriously harmed"
        if facts.get("seriously_harmed") is True
        else "Not known"
    )
    return {
        "incident_on": notification.incident_date,
        "child_age": age if age is not None and 0 <= age <= 17 else None,
        "child_sex": child.get_sex_display() if child is not None else "Not known",
        "harm": harm,
        "agencies_involved": [
            answer.request.organisation.name
            for answer in agencies_answers(notification)
            if answer.involvement == Involvement.INVOLVED.label
        ],
    }


def _context(notification: Notification, decision: ChairDecision) -> dict[str, object]:
    return {
        **_incident(notification),
        "case": notification,
        "board": notification.board,
        "decision": decision,
        "engine_label": RECOMMENDATION_LABELS.get(decision.engine_recommendation, ""),
        "recommendation": recommendation_shown(notification),
        "generated_on": timezone.localdate(),
    }


def external_document(notification: Notification, decision: ChairDecision, body: str) -> str:
    """The notification of the decision to Ofsted or the National Panel: the decision, what
    it commissions, the reasons (with any reason for deciding against a "must"), and how a
    CPIR or another review was considered. No reviewer is named: the service has no record
    of reviewers yet (ADR 0012)."""
    return render_to_string(
        "decisions/documents/external.html",
        {
            **_context(notification, decision),
            "body": ExternalBody(body),
            # "the National Panel ...", never "tells National Panel".
            "body_name": "Ofsted"
            if body == ExternalBody.OFSTED
            else f"the {ExternalBody(body).label}",
        },
    )


def decision_letter(notification: Notification, decision: ChairDecision) -> str:
    """The letter to the notifying agency: the decision, the reasons, what happens next."""
    return render_to_string(
        "decisions/documents/letter.html",
        {
            **_context(notification, decision),
            "next_steps": NEXT_STEPS[ReviewType(decision.decision)],
        },
    )


def as_pdf(document: str, *, title: str, reference: str) -> bytes:
    """A generated document as a PDF, in the house style of the case file's PDFs."""
    html = render_to_string(
        "decisions/documents/pdf.html",
        {"document": document, "title": title, "reference": reference},
    )
    import weasyprint  # heavy: loaded only when a PDF is asked for

    return weasyprint.HTML(string=html).write_pdf() or b""
