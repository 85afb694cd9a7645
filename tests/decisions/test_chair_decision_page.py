"""The Independent Chair decides with everything in front of them: the LISG's
recommendation and reasons, the criteria engine's answer with its findings and sources,
and the one-month due date with the days left (DESIGN.md section 3; Procedure C 1(ii)).
Deciding against the engine's "must" (Regulation 5(2)) needs an explicit confirmation
and a reason, both kept with the decision and shown on the case's timeline."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.decisions.models import ChairDecision
from casereviews.decisions.services import chair_decision_record
from casereviews.notifications.models import Status
from casereviews.workflow.models import StatusChange, TimelineEntry
from casereviews.workflow.services import TransitionRefused
from tests.decisions.cases import CPIR_FACTS, MUST_FACTS, case_for_the_chair
from tests.helpers import sign_in
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

NOTIFIED = datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC)  # due end of 2 April


def _chair(people) -> Client:
    client = Client()
    sign_in(client, people[Role.INDEPENDENT_CHAIR])
    return client


def _url(case) -> str:
    return reverse("decisions:chair-decision", args=[case.reference])


def test_the_page_shows_the_recommendation_the_engine_and_the_days_left(board) -> None:
    people = staff(board)
    with time_machine.travel(datetime.datetime(2026, 3, 20, 10, tzinfo=datetime.UTC)):
        case = case_for_the_chair(board, people, facts=MUST_FACTS, notified_at=NOTIFIED)
        response = _chair(people).get(_url(case))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Serious Case Review (SCR)" in page
    assert "The LISG found that agencies did not share what they knew" in page
    assert "A Serious Case Review must be commissioned (Regulation 5(2))" in page
    # The findings come with the passage they rest on.
    assessment = case.assessments.get()
    assert assessment.answer["findings"]
    for finding in assessment.answer["findings"]:
        assert f"Source: {finding['source']}" in page.replace("&#x27;", "'")
    assert "due by 2 April 2026" in page
    assert "13 days left" in page
    assert 'name="departure_confirmed"' in page
    # Above the form: the form comes after everything the Chair must read first.
    assert page.index("13 days left") < page.index('name="decision"')
    assert page.index("must be commissioned") < page.index('name="decision"')


@pytest.mark.parametrize(
    ("today", "words"),
    [
        (datetime.datetime(2026, 4, 2, 9, tzinfo=datetime.UTC), "Due today"),
        (datetime.datetime(2026, 4, 3, 9, tzinfo=datetime.UTC), "1 day overdue"),
        (datetime.datetime(2026, 4, 12, 9, tzinfo=datetime.UTC), "10 days overdue"),
    ],
)
def test_the_page_says_when_the_decision_is_due_today_or_overdue(board, today, words) -> None:
    people = staff(board)
    case = case_for_the_chair(board, people, facts=CPIR_FACTS, notified_at=NOTIFIED)
    with time_machine.travel(today):
        page = _chair(people).get(_url(case)).content.decode()
    assert words in page
    # Without a "must" there is nothing to confirm.
    assert 'name="departure_confirmed"' not in page


def _decide(client: Client, case, **extra: str):
    data = {
        "version": str(case.version),
        "decision": "no_review",
        "rationale": "The Chair's reasons",
        "other_review_consideration": "A CPIR was considered; a single-agency audit is enough",
    }
    data.update(extra)
    return client.post(_url(case), data)


def _nothing_decided(case) -> None:
    case.refresh_from_db()
    assert case.status == Status.LISG_RECOMMENDED
    assert not ChairDecision.objects.filter(notification=case).exists()
    assert not StatusChange.objects.filter(notification=case).exists()
    assert not AuditEvent.objects.filter(action="notification.decide_no_review").exists()


def test_a_decision_against_a_must_is_refused_without_the_confirmation_or_the_reason(
    board,
) -> None:
    people = staff(board)
    case = case_for_the_chair(board, people, facts=MUST_FACTS)
    client = _chair(people)

    response = _decide(client, case)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Error: " in page.split("</title>")[0]
    assert "Confirm that you are deciding against the criteria engine" in page
    assert "Enter why you are deciding against a Serious Case Review" in page
    assert "A CPIR was considered; a single-agency audit is enough" in page  # nothing lost
    _nothing_decided(case)

    response = _decide(client, case, departure_confirmed="on")
    assert "Enter why you are deciding against a Serious Case Review" in response.content.decode()
    _nothing_decided(case)

    response = _decide(client, case, departure_reason="The child's death was an accident")
    assert "Confirm that you are deciding against" in response.content.decode()
    _nothing_decided(case)


def test_a_confirmed_departure_is_kept_with_the_decision_and_shown_on_the_case(board) -> None:
    people = staff(board)
    case = case_for_the_chair(board, people, facts=MUST_FACTS)
    client = _chair(people)
    response = _decide(
        client,
        case,
        departure_confirmed="on",
        departure_reason="The post-mortem found the death was an accident",
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.NO_REVIEW
    decision = ChairDecision.objects.get(notification=case)
    assert decision.engine_recommendation == "scr_mandatory"
    assert decision.departure_confirmed
    assert decision.departure_reason == "The post-mortem found the death was an accident"
    entry = TimelineEntry.objects.get(notification=case, kind="chair_decision.departure")
    assert entry.by == people[Role.INDEPENDENT_CHAIR]
    assert AuditEvent.objects.filter(action="notification.decide_no_review").count() == 1

    sign_in(client, people[Role.BUSINESS_MANAGER])
    page = client.get(reverse("notifications:detail", args=[case.reference])).content.decode()
    assert "The post-mortem found the death was an accident" in page
    assert "deciding against the criteria engine" in page.replace("&#x27;", "'")


def test_an_scr_against_a_must_needs_no_confirmation(board) -> None:
    people = staff(board)
    case = case_for_the_chair(board, people, facts=MUST_FACTS)
    response = _decide(_chair(people), case, decision="scr")
    assert response.status_code == 302
    decision = ChairDecision.objects.get(notification=case)
    assert decision.decision == "scr"
    assert not decision.departure_confirmed
    assert decision.departure_reason == ""
    assert not TimelineEntry.objects.filter(kind="chair_decision.departure").exists()


def test_the_service_refuses_a_departure_the_form_did_not_check(board) -> None:
    """The rule is the service's: an API or another page cannot skip it."""
    people = staff(board)
    case = case_for_the_chair(board, people, facts=MUST_FACTS)
    with pytest.raises(TransitionRefused) as refused:
        chair_decision_record(
            notification=case,
            by=people[Role.INDEPENDENT_CHAIR],
            expected_version=case.version,
            decision="cpir",
            rationale="Reasons",
            departure_confirmed=True,
        )
    assert refused.value.code == "departure_reason_missing"
    _nothing_decided(case)
