"""The documents generated from the Chair's decision (ADR 0012): the notification to
Ofsted and to the National Panel (Procedure C 1(iii)), kept with the record of when and
how each was told and the body's reference, as it was sent; and the decision letter to
the notifying agency. Each carries the decision and the reasons, names the case by its
reference only, and every read is audited."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.decisions.models import Choice, ExternalNotification
from casereviews.decisions.services import (
    chair_decision_escalate,
    chair_decision_record,
)
from casereviews.notifications.models import FamilyMember, Status
from tests.decisions.cases import MUST_FACTS, case_for_the_chair
from tests.factories import CHILD_NAME, NotificationFactory, with_a_child
from tests.helpers import sign_in
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

PARENT_NAME = "Bartholomew Zebedee-Quartermaine"
REASONS = "The answers of the agencies show the learning can come from a single-agency review"
DEPARTURE = "The police review already covers the multi-agency learning"


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def decided(board, police):
    """A CPIR decided against the engine's "must", single-agency by the police, on a case
    naming the child and a parent."""
    board.partners.add(police)
    people = staff(board)
    case = case_for_the_chair(board, people, facts=MUST_FACTS)
    with_a_child(case, address="")
    FamilyMember.objects.create(notification=case, full_name=PARENT_NAME, relationship="Father")
    chair_decision_record(
        notification=case,
        by=people[Role.INDEPENDENT_CHAIR],
        expected_version=case.version,
        decision="cpir",
        rationale=REASONS,
        departure_confirmed=True,
        departure_reason=DEPARTURE,
        choice=Choice("cpir", commissioning="single_agency", commissioning_agency=police.pk),
    )
    case.refresh_from_db()
    return case, people


@pytest.mark.parametrize(("body", "named"), [("ofsted", "Ofsted"), ("national_panel", "Panel")])
def test_the_document_for_each_body_carries_the_decision_and_no_identity(
    decided, body, named
) -> None:
    case, people = decided
    client = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    page = client.get(reverse("decisions:external-document", args=[case.reference, body]))
    assert page.status_code == 200
    text = page.content.decode()
    for shown in (
        f"Notification to {'Ofsted' if body == 'ofsted' else 'National Panel'}",
        case.reference,
        "Child Protection Incident Review (CPIR)",
        "Single-agency review by Thames Valley Police",
        REASONS,
        DEPARTURE,
    ):
        assert shown in text, shown
    assert named in text
    assert CHILD_NAME not in text
    assert PARENT_NAME not in text
    assert AuditEvent.objects.filter(
        action="external_document.read", object_id=str(case.pk)
    ).exists()

    pdf = client.get(reverse("decisions:external-document-pdf", args=[case.reference, body]))
    assert pdf["Content-Type"] == "application/pdf"
    words = _text(pdf.content)
    assert case.reference in words
    assert "Single-agency review by Thames Valley" in words
    assert CHILD_NAME not in words


def test_the_record_keeps_the_document_as_sent_and_the_bodys_reference(decided) -> None:
    case, people = decided
    client = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    today = timezone.localdate()
    response = client.post(
        reverse("decisions:external-notification", args=[case.reference]),
        {
            "version": str(case.version),
            "body": "ofsted",
            "told_on_day": str(today.day),
            "told_on_month": str(today.month),
            "told_on_year": str(today.year),
            "how": "Ofsted's online notification form",
            "body_reference": "OF-2026-0417",
        },
    )
    assert response.status_code == 302
    told = ExternalNotification.objects.get(notification=case)
    assert told.body_reference == "OF-2026-0417"
    assert "Single-agency review by Thames Valley Police" in told.document
    assert told.decision is not None
    assert told.decision.decision == "cpir"

    # The CPIR is escalated: what was sent to Ofsted still says what it said.
    chair_decision_escalate(
        notification=case,
        by=people[Role.INDEPENDENT_CHAIR],
        expected_version=case.version,
        rationale="New information meets the criteria",
    )
    case.refresh_from_db()
    sent = client.get(reverse("decisions:sent-document", args=[case.reference, told.pk]))
    assert sent.status_code == 200
    words = _text(sent.content)
    assert "Single-agency review by Thames Valley" in words
    assert "escalated" not in words
    assert AuditEvent.objects.filter(action="external_notification.document_download").exists()
    shown = client.get(reverse("notifications:detail", args=[case.reference])).content.decode()
    assert "OF-2026-0417" in shown
    assert reverse("decisions:sent-document", args=[case.reference, told.pk]) in shown


def test_only_the_business_manager_reads_the_documents_and_only_once_decided(
    decided, board
) -> None:
    case, people = decided
    url = reverse("decisions:external-document", args=[case.reference, "ofsted"])
    for role in (Role.NOTIFIER, Role.LISG_MEMBER):
        assert sign_in(Client(), people[role]).get(url).status_code == 404
    waiting = case_for_the_chair(board, people, facts=None)
    business_manager = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    early = reverse("decisions:external-document", args=[waiting.reference, "ofsted"])
    assert business_manager.get(early).status_code == 404
    nobody = reverse("decisions:external-document", args=[case.reference, "the_press"])
    assert business_manager.get(nobody).status_code == 404


def test_the_notifier_gets_the_decision_letter_once_decided(decided, board) -> None:
    case, people = decided
    client = sign_in(Client(), people[Role.NOTIFIER])
    page = client.get(reverse("notifications:detail", args=[case.reference])).content.decode()
    url = reverse("decisions:decision-letter", args=[case.reference])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    words = _text(response.content)
    for shown in (case.reference, "Child Protection Incident Review", "What happens next"):
        assert shown in words, shown
    assert "single-agency review" in words.lower()
    assert CHILD_NAME not in words
    assert PARENT_NAME not in words
    assert AuditEvent.objects.filter(
        action="chair_decision.letter_download", actor=people[Role.NOTIFIER]
    ).exists()

    # Before a decision, and for someone else's case, there is no letter.
    waiting = case_for_the_chair(board, people, facts=None)
    early = reverse("decisions:decision-letter", args=[waiting.reference])
    assert client.get(early).status_code == 404
    other = NotificationFactory.create(board=board, status=Status.CPIR_COMMISSIONED)
    stranger = reverse("decisions:decision-letter", args=[other.reference])
    assert client.get(stranger).status_code == 404
