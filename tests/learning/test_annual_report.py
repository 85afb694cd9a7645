"""The annual report: the year's figures and the reviews commissioned, with their
publication and the progress of their actions, as a page, a PDF, a CSV file and a
spreadsheet; a year with no cases renders and says so."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.notifications.models import Notification, Status
from casereviews.reviews.models import (
    LearningDissemination,
    Publication,
    Recommendation,
    Review,
)
from casereviews.workflow.models import StatusChange
from tests.factories import (
    ChairDecisionFactory,
    NotificationFactory,
    OrganisationFactory,
    ReviewActionFactory,
    person,
)
from tests.prepared_files.helpers import fetch_prepared

pytestmark = pytest.mark.django_db
PAGE = "/figures/annual-report/"


@pytest.fixture(autouse=True)
def quick_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _export(client, file_type: str, year: int):
    url = reverse("learning:annual-report-export", args=[file_type]) + f"?year={year}"
    return fetch_prepared(client, url)


def test_a_year_with_no_cases_renders_and_says_so(board, business_manager, signed_in):
    year = timezone.localdate().year - 2
    client = signed_in(business_manager)
    page = client.get(PAGE + f"?year={year}").content.decode()
    assert f"No cases were notified to the board in {year}" in page
    assert f"The Chair commissioned no review in {year}." in page
    text = _export(client, "csv", year).content.decode("utf-8-sig")
    assert f"No cases were notified to the board in {year}." in text
    pdf = _export(client, "pdf", year)
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == f'attachment; filename="annual-report-BF-{year}.pdf"'


def test_the_report_holds_the_figures_and_the_reviews(board, business_manager, signed_in):
    chair = person(board, Role.INDEPENDENT_CHAIR)
    year = timezone.localdate().year
    decided = timezone.make_aware(datetime.datetime(year, 1, 20, 12))
    for reference, decision, status in (
        ("BF-X-0001", "scr", Status.REVIEW_IN_PROGRESS),
        ("BF-X-0002", "cpir", Status.CPIR_COMMISSIONED),
        ("BF-X-0003", "no_review", Status.NO_REVIEW),
    ):
        case = NotificationFactory.create(
            board=board,
            reference=reference,
            status=status,
            submitted_at=decided - datetime.timedelta(days=10),
        )
        ChairDecisionFactory.create(
            notification=case,
            decision=decision,
            rationale="Reasons",
            decided_by=chair,
            decided_at=decided,
        )
    _reviewed(chair, year)
    client = signed_in(business_manager)
    page = client.get(PAGE).content.decode()
    listed = page.split('id="reviews"', 1)[1]
    assert "BF-X-0001" in listed
    assert "BF-X-0002" in listed
    assert f"Published in full on {year}-03-02 at https://example.org/scr-0001" in listed
    assert "Significant Incident Learning Process (SILP)" in listed
    assert "Not started: 1" in listed
    assert "Complete: 2" in listed
    assert "Improvement sustained: 1" in listed
    assert f"Learning disseminated on {year}-02-14" in listed
    # A decision of no review is not a review.
    assert "BF-X-0003" not in page.split('id="reviews"', 1)[1]
    assert "No cases were notified" not in page

    rows = list(csv.reader(io.StringIO(_export(client, "csv", year).content.decode("utf-8-sig"))))
    assert ["Chair decisions by outcome"] in rows
    # Each stage counts its cases under each framework (all five under the 2015 one).
    assert ["Stage", "Notifications", "Under LSCB (2015)", "Under Partnership (2023)"] in rows
    assert ["Review in progress", "1", "1", "0"] in rows
    assert [
        "BF-X-0001",
        "LSCB (2015)",
        "Serious Case Review (SCR)",
        f"{year}-01-20",
        "Significant Incident Learning Process (SILP)",
        "Review in progress",
        f"Published in full on {year}-03-02 at https://example.org/scr-0001",
        "1",
        "0",
        "0",
        "0",
        "2",
        "1",
    ] in rows
    assert [
        "BF-X-0002",
        "LSCB (2015)",
        "Child Protection Incident Review (CPIR)",
        f"{year}-01-20",
        "Not set yet",
        "CPIR commissioned",
        f"Learning disseminated on {year}-02-14",
        *["0"] * 6,
    ] in rows
    assert ["Actions of reviews by status and agency"] in rows
    assert not any("BF-X-0003" in row for row in rows)

    workbook = load_workbook(io.BytesIO(_export(client, "xlsx", year).content))
    assert workbook.sheetnames[0] == "Notifications by stage"
    reviews = list(workbook["Reviews commissioned"].values)
    assert [row[0] for row in reviews[1:]] == ["BF-X-0001", "BF-X-0002"]

    exported = AuditEvent.objects.filter(action__startswith="annual_report.exported.")
    assert sorted(exported.values_list("action", flat=True)) == [
        "annual_report.exported.csv",
        "annual_report.exported.xlsx",
    ]
    assert [event.detail for event in exported] == [{"year": year, "reviews": 2}] * 2


def _reviewed(chair, year: int) -> None:
    """The SCR published in full with three actions (two complete, one of them sustained);
    the CPIR's learning disseminated."""
    scr = Notification.objects.get(reference="BF-X-0001")
    review = Review.objects.create(
        notification=scr,
        kind="scr",
        methodology="silp",
        created_by=chair,
        created_at=timezone.now(),
    )
    Publication.objects.create(
        review=review,
        form="full",
        web_address="https://example.org/scr-0001",
        published_on=datetime.date(year, 3, 2),
    )
    recommendation = Recommendation.objects.create(review=review, number=1, text="Share")
    agency = OrganisationFactory.create(name="Surrey County Council")
    for status, sustained in (
        ("not_started", None),
        ("complete", None),
        ("complete", datetime.date(year, 3, 1)),
    ):
        ReviewActionFactory.create(
            recommendation=recommendation,
            board=scr.board,
            notification=scr,
            description="Train the health visitors",
            owner_agency=agency,
            due_on=datetime.date(year, 2, 1),
            status=status,
            sustained_on=sustained,
        )
    cpir = Review.objects.create(
        notification=Notification.objects.get(reference="BF-X-0002"),
        kind="cpir",
        created_by=chair,
        created_at=timezone.now(),
    )
    for day in (10, 14):
        LearningDissemination.objects.create(
            review=cpir,
            how="Briefing",
            to_whom="Partners",
            on=datetime.date(year, 2, day),
            recorded_by=chair,
            recorded_at=timezone.now(),
        )


def test_roles_without_figures_are_refused_the_report(board, signed_in):
    client = signed_in(person(board, Role.AGENCY_LEAD))
    assert client.get(PAGE).status_code == 403
    assert _export(client, "csv", 2026).status_code == 403


def test_a_partnerships_reviews_are_listed_with_their_framework(board, business_manager, signed_in):
    """A safeguarding partnership's partners decide by a step of the 2023 table, not by a
    Chair's decision: the LCSPR and the other learning review they commissioned in the year
    are listed on the page and in the files, each named as the partnership's; a decision of
    no review is not a review, and last year's LCSPR is not this year's."""
    partners = person(board, Role.INDEPENDENT_CHAIR)
    year = timezone.localdate().year
    decided = timezone.make_aware(datetime.datetime(year, 2, 3, 12))
    for reference, step, status, at in (
        ("BF-P-0001", "partners_decide_lcspr", Status.LCSPR_COMMISSIONED, decided),
        ("BF-P-0002", "partners_decide_other_review", Status.OTHER_REVIEW_COMMISSIONED, decided),
        ("BF-P-0003", "partners_decide_no_review", Status.NO_REVIEW, decided),
        (
            "BF-P-0000",
            "partners_decide_lcspr",
            Status.LCSPR_COMMISSIONED,
            decided - datetime.timedelta(days=366),
        ),
    ):
        case = NotificationFactory.create(
            board=board,
            reference=reference,
            status=status,
            framework="wt-2023",
            submitted_at=at - datetime.timedelta(days=20),
        )
        StatusChange.objects.create(
            notification=case,
            transition=step,
            from_status=Status.RAPID_REVIEW_SENT,
            to_status=status,
            by=partners,
            at=at,
            reason="The partners' reasons",
        )
    client = signed_in(business_manager)
    page = client.get(PAGE).content.decode()
    assert f"The Chair commissioned no review in {year}." in page
    listed = page.split('id="partners-reviews"', 1)[1]
    assert "Local Child Safeguarding Practice Review (LCSPR)" in listed
    assert "Another form of learning review" in listed
    assert "BF-P-0001" in listed
    assert "BF-P-0002" in listed
    assert "BF-P-0003" not in listed
    assert "BF-P-0000" not in listed

    rows = list(csv.reader(io.StringIO(_export(client, "csv", year).content.decode("utf-8-sig"))))
    assert [
        "BF-P-0001",
        "Partnership (2023)",
        "Local Child Safeguarding Practice Review (LCSPR)",
        f"{year}-02-03",
        "Not set yet",
        Status.LCSPR_COMMISSIONED.label,
        "Not yet published, and no learning disseminated yet",
        *["0"] * 6,
    ] in rows
    assert not any("BF-P-0003" in row or "BF-P-0000" in row for row in rows)
    pdf = _export(client, "pdf", year)
    assert pdf.content.startswith(b"%PDF")
    exported = AuditEvent.objects.filter(action="annual_report.exported.pdf").get()
    assert exported.detail == {"year": year, "reviews": 2}
