"""The case page offers only the steps that could be taken on that case: a step a guard
refuses for what the case is (a CPIR is never published; an SCR is published unless the
Chair agreed otherwise; only a CPIR is escalated) is left out, while a step refused only
for a record still to be made stays offered, and its refusal says what is missing."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.boards.models import Role
from casereviews.decisions.services import chair_decision_escalate
from casereviews.notifications.models import Status
from casereviews.reviews.models import Publication, Review
from tests.factories import ChairDecisionFactory, NotificationFactory
from tests.helpers import sign_in
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db
PUBLISH = "Publish the report"
DISSEMINATE = "Record that the learning was disseminated"
ESCALATE = "Escalate the CPIR to an SCR"


@pytest.fixture(autouse=True)
def quick_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _steps(user, case) -> str:
    client = Client()
    sign_in(client, user)
    page = client.get(reverse("notifications:detail", args=[case.reference])).content.decode()
    if "What you can do next" not in page:
        return ""
    return page.split("What you can do next", 1)[1].split("</ul>", 1)[0]


def _case(board, people, kind: str, status: Status):
    case = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER], status=status)
    ChairDecisionFactory.create(
        notification=case, decision=kind, decided_by=people[Role.INDEPENDENT_CHAIR]
    )
    Review.objects.create(
        notification=case,
        kind=kind,
        created_by=people[Role.BUSINESS_MANAGER],
        created_at=timezone.now(),
    )
    return case


def test_a_cpir_at_the_report_stage_is_offered_dissemination_never_publication(board) -> None:
    people = staff(board)
    case = _case(board, people, "cpir", Status.REPORT)
    steps = _steps(people[Role.BUSINESS_MANAGER], case)
    assert DISSEMINATE in steps
    assert PUBLISH not in steps


def test_an_scr_is_offered_dissemination_only_once_the_chair_agreed_not_to_publish(
    board,
) -> None:
    people = staff(board)
    case = _case(board, people, "scr", Status.REPORT)
    bm = people[Role.BUSINESS_MANAGER]
    steps = _steps(bm, case)
    # Publication is offered before its records exist: its page records them.
    assert PUBLISH in steps
    assert DISSEMINATE not in steps
    Publication.objects.create(
        review=Review.objects.get(notification=case),
        form="not_published",
        reason="A criminal trial is under way",
        chair_agreed_on=datetime.date(2026, 5, 3),
    )
    assert DISSEMINATE in _steps(bm, case)


def test_only_a_cpir_is_offered_escalation(board) -> None:
    people = staff(board)
    chair = people[Role.INDEPENDENT_CHAIR]
    scr = _case(board, people, "scr", Status.REVIEW_IN_PROGRESS)
    assert ESCALATE not in _steps(chair, scr)
    cpir = _case(board, people, "cpir", Status.REVIEW_IN_PROGRESS)
    assert ESCALATE in _steps(chair, cpir)
    chair_decision_escalate(
        notification=cpir, by=chair, expected_version=cpir.version, rationale="New information"
    )
    cpir.refresh_from_db()
    assert cpir.status == Status.SCR_COMMISSIONED
    # The SCR it became, once its review is under way again, is not escalated twice.
    cpir.status = Status.REVIEW_IN_PROGRESS
    cpir.save(update_fields=["status"])
    assert ESCALATE not in _steps(chair, cpir)
