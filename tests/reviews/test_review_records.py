"""The review's records, kept by the Business Manager on the review's page, and the
lifecycle steps they guard (Procedure A 1: reviews "are undertaken by individuals who are
independent of the case", "fully involve professionals", and enable families, including
children, to contribute; "rigorous monitoring of actions")."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.notifications.models import Status
from casereviews.reviews.models import ReviewDocument, Reviewer
from casereviews.workflow.services import TransitionRefused, notification_transition
from tests.factories import person
from tests.helpers import sign_in, streamed
from tests.notifications.files import PDF, pdf
from tests.notifications.helpers import date_parts
from tests.reviews.helpers import commissioned, independent_agency, involved_agency
from tests.workflow.procedure import APPLIES, SATISFY, staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _reviewer(employer: str, name: str = "Jo Reviewer", role: str = "lead") -> dict[str, str]:
    return {
        "role": role,
        "full_name": name,
        "employer": employer,
        "independence_declaration": "No part in the child's care or in managing anyone involved",
        **date_parts("declared_on", TODAY),
    }


def test_a_reviewer_employed_by_a_reviewed_agency_is_refused_with_a_message(board) -> None:
    people = staff(board)
    case = commissioned(board, people)
    bm = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    url = reverse("reviews:reviewer", args=[case.reference])
    conflicted = involved_agency(board)
    response = bm.post(url, _reviewer(str(conflicted.pk), name="Sam Conflicted"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert (
        f"Sam Conflicted cannot be appointed: they are employed by {conflicted.name}, an agency "
        "involved with the child and family"
    ) in html
    assert 'value="Sam Conflicted"' in html  # nothing typed is lost
    assert not Reviewer.objects.exists()

    independent = independent_agency(board)
    response = bm.post(url, _reviewer(str(independent.pk)), follow=True)
    html = response.content.decode()
    assert "Jo Reviewer is appointed as lead reviewer" in html
    assert "Surrey County Council" in html
    assert "No part in the child&#x27;s care" in html


def test_the_review_cannot_start_without_a_lead_reviewer_and_terms_of_reference(board) -> None:
    people = staff(board)
    case = commissioned(board, people)
    bm = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    start = reverse("workflow:transition", args=[case.reference, "start_review"])
    html = bm.post(start, {"version": str(case.version)}).content.decode()
    assert "Appoint a lead reviewer, with their declaration of independence" in html

    bm.post(reverse("reviews:reviewer", args=[case.reference]), _reviewer("none"))
    html = bm.post(start, {"version": str(case.version)}).content.decode()
    assert "Upload the terms of reference and record the key lines of enquiry" in html

    terms = reverse("reviews:terms-of-reference", args=[case.reference])
    # The methodology is offered from the LISG's recommendation.
    assert 'value="scie_learning_together" checked' in bm.get(terms).content.decode()
    response = bm.post(
        terms,
        {
            "methodology": "scie_learning_together",
            "lines_of_enquiry": "How agencies shared information\nHow the child was heard",
            "file": SimpleUploadedFile("terms.pdf", PDF, content_type="application/pdf"),
        },
        follow=True,
    )
    assert "The terms of reference are saved" in response.content.decode()
    response = bm.post(start, {"version": str(case.version)}, follow=True)
    case.refresh_from_db()
    assert case.status == Status.REVIEW_IN_PROGRESS


def test_terms_of_reference_that_can_run_code_are_refused_and_nothing_is_lost(board) -> None:
    people = staff(board)
    case = commissioned(board, people)
    bm = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    response = bm.post(
        reverse("reviews:terms-of-reference", args=[case.reference]),
        {
            "methodology": "silp",
            "lines_of_enquiry": "How agencies shared information",
            "file": SimpleUploadedFile(
                "terms.pdf", pdf(javascript="app.alert(1)"), content_type="application/pdf"
            ),
        },
    )
    html = response.content.decode()
    assert "The selected PDF contains JavaScript" in html
    assert "How agencies shared information" in html
    assert not ReviewDocument.objects.exists()


def test_the_report_needs_the_final_report_and_reports_keep_their_versions(board) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.REVIEW_IN_PROGRESS)
    bm = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    report = reverse("workflow:transition", args=[case.reference, "receive_report"])
    html = bm.post(report, {"version": str(case.version)}).content.decode()
    assert "Upload the final report before recording that the report is written" in html

    upload = reverse("reviews:document", args=[case.reference])
    for kind in ("draft_report", "draft_report", "final_report"):
        bm.post(upload, {"kind": kind, "file": SimpleUploadedFile(f"{kind}.pdf", PDF)})
    versions = sorted(ReviewDocument.objects.values_list("kind", "version"))
    assert versions == [("draft_report", 1), ("draft_report", 2), ("final_report", 1)]
    page = bm.get(reverse("reviews:detail", args=[case.reference])).content.decode()
    assert "Draft report" in page
    assert "Final report" in page

    bm.post(report, {"version": str(case.version)})
    case.refresh_from_db()
    assert case.status == Status.REPORT


def test_the_case_cannot_close_while_an_action_is_open(board) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.ACTIONS_MONITORED)
    for code in ("ofsted_not_told", "panel_not_told"):
        SATISFY[code](case, None, people)
    APPLIES["action_open"](case, people)
    with pytest.raises(TransitionRefused) as refused:
        notification_transition(
            notification=case,
            name="close",
            by=people[Role.BUSINESS_MANAGER],
            expected_version=case.version,
        )
    assert refused.value.message == (
        "Every action from the review must be complete, and its improvement checked as "
        "sustained, before the case is closed"
    )
    case.refresh_from_db()
    assert case.status == Status.ACTIONS_MONITORED


def test_professionals_and_the_family_are_recorded_with_their_dates(board) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.REVIEW_IN_PROGRESS)
    bm = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    bm.post(
        reverse("reviews:professionals", args=[case.reference]),
        {
            "way": "learning_event",
            "who_took_part": "2 health visitors",
            **date_parts("held_on", TODAY),
        },
    )
    for outcome in ("offered", "declined"):
        bm.post(
            reverse("reviews:family", args=[case.reference]),
            {"who": "child", "outcome": outcome, "how": "", **date_parts("on", TODAY)},
        )
    bm.post(
        reverse("reviews:milestone", args=[case.reference]),
        {"title": "Panel's first meeting", **date_parts("target_date", TODAY)},
    )
    page = bm.get(reverse("reviews:detail", args=[case.reference])).content.decode()
    assert "Learning event" in page
    assert "2 health visitors" in page
    assert "The child: offered" in page
    assert "The child: declined" in page
    assert "Panel&#x27;s first meeting" in page
    # A date in the future cannot have happened: said at the field.
    response = bm.post(
        reverse("reviews:professionals", args=[case.reference]),
        {
            "way": "interview",
            "who_took_part": "A social worker",
            **date_parts("held_on", TODAY + datetime.timedelta(days=3)),
        },
    )
    assert "The date must be today or in the past" in response.content.decode()


def test_the_review_is_not_found_by_those_who_may_not_see_it(board, other_board) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.REVIEW_IN_PROGRESS)
    bm = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    bm.post(
        reverse("reviews:document", args=[case.reference]),
        {"kind": "final_report", "file": SimpleUploadedFile("final.pdf", PDF)},
    )
    document = ReviewDocument.objects.get()
    outsiders = [
        people[Role.NOTIFIER],
        people[Role.AGENCY_LEAD],
        person(other_board, Role.BUSINESS_MANAGER),
    ]
    for outsider in outsiders:
        client = sign_in(Client(), outsider)
        for url in (
            reverse("reviews:detail", args=[case.reference]),
            reverse("reviews:reviewer", args=[case.reference]),
            reverse("reviews:document-download", args=[document.pk]),
        ):
            assert client.get(url).status_code == 404
    # The Chair reads it and may download the report, but keeps no record of it.
    chair = sign_in(Client(), people[Role.INDEPENDENT_CHAIR])
    assert chair.get(reverse("reviews:detail", args=[case.reference])).status_code == 200
    assert chair.get(reverse("reviews:reviewer", args=[case.reference])).status_code == 404
    response = chair.get(reverse("reviews:document-download", args=[document.pk]))
    assert response.status_code == 200
    assert streamed(response) == PDF
    assert AuditEvent.objects.filter(action="review.document_download").count() == 1
