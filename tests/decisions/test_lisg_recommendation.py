"""The LISG's recommendation is consistent with itself and with the criteria engine:
a methodology that contradicts the type of review is refused at the field, and a
recommendation departing from the engine's SCR answer ("must" or "should") says why
(Procedure A 4(vi), C 1(ii))."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.decisions.models import (
    REVIEW_METHODOLOGIES,
    LisgRecommendation,
    Methodology,
    ReviewType,
    methodology_problem,
)
from casereviews.decisions.services import lisg_recommendation_record
from casereviews.notifications.models import Status
from casereviews.workflow.models import StatusChange, TimelineEntry
from casereviews.workflow.services import TransitionRefused
from tests.decisions.cases import CPIR_FACTS, MUST_FACTS, assessed
from tests.factories import NotificationFactory
from tests.helpers import sign_in
from tests.lisg import before_the_lisg
from tests.workflow.procedure import SATISFY, staff

pytestmark = pytest.mark.django_db

# Regulation 5(2) not met, but the child died in custody: an SCR "should" be held.
SHOULD_FACTS = {
    "abuse_or_neglect": "not_suspected",
    "child_died": True,
    "death_setting": "custody",
    "age_years": 15,
}


def _considered(board, people, facts=None):
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.UNDER_CONSIDERATION
    )
    SATISFY["agency_information_not_requested"](case, None, people)
    SATISFY["agencies_not_answered"](case, None, people)
    if facts is not None:
        assessed(case, facts, people[Role.BUSINESS_MANAGER])
    before_the_lisg(case, people[Role.LISG_MEMBER])
    return case


def _post(client: Client, case, **answers: str):
    data = {
        "version": str(case.version),
        "review_type": "scr",
        "methodology": "scie_learning_together",
        "rationale": "Agencies did not share what they knew",
        "meeting_date_day": "2",
        "meeting_date_month": "3",
        "meeting_date_year": "2026",
        "meeting_held": "meeting",
    }
    data.update(answers)
    return client.post(reverse("decisions:lisg-recommendation", args=[case.reference]), data)


def _nothing_recorded(case) -> None:
    case.refresh_from_db()
    assert case.status == Status.UNDER_CONSIDERATION
    assert not LisgRecommendation.objects.filter(notification=case).exists()
    assert not StatusChange.objects.filter(notification=case).exists()
    assert not AuditEvent.objects.filter(action="notification.lisg_recommend").exists()


@pytest.mark.parametrize(
    ("review_type", "methodology", "message"),
    [
        ("scr", "none", "Select how the Serious Case Review should be carried out"),
        ("cpir", "none", "Select how the Child Protection Incident Review should be"),
        ("scr", "audit", "A Serious Case Review is not carried out as"),
        ("no_review", "silp", "Select &quot;No review&quot; as the methodology"),
    ],
)
def test_a_contradictory_recommendation_is_refused_at_the_methodology(
    board, review_type, methodology, message
) -> None:
    people = staff(board)
    case = _considered(board, people)
    client = Client()
    sign_in(client, people[Role.LISG_MEMBER])
    response = _post(client, case, review_type=review_type, methodology=methodology)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'href="#id_methodology' in page  # the error summary points at the field
    assert "Agencies did not share what they knew" in page  # nothing entered is lost
    _nothing_recorded(case)


def test_every_type_has_a_fitting_methodology_and_the_rule_refuses_the_rest() -> None:
    for review_type in ReviewType:
        fitting = REVIEW_METHODOLOGIES[review_type]
        assert fitting
        for methodology in Methodology:
            assert (methodology_problem(review_type, methodology) == "") == (methodology in fitting)


def test_the_service_refuses_a_contradiction_the_page_did_not_check(board) -> None:
    people = staff(board)
    case = _considered(board, people)
    with pytest.raises(TransitionRefused) as refused:
        lisg_recommendation_record(
            notification=case,
            by=people[Role.LISG_MEMBER],
            expected_version=case.version,
            review_type="scr",
            methodology="none",
            rationale="Reasons",
            meeting_date=timezone.localdate(),
        )
    assert refused.value.code == "methodology_contradicts_type"
    _nothing_recorded(case)


@pytest.mark.parametrize(("facts", "verb"), [(MUST_FACTS, "must"), (SHOULD_FACTS, "should")])
def test_departing_from_the_engines_scr_answer_needs_the_lisgs_reason(board, facts, verb) -> None:
    people = staff(board)
    case = _considered(board, people, facts)
    client = Client()
    sign_in(client, people[Role.LISG_MEMBER])
    answers = {"review_type": "cpir", "methodology": "silp", "commissioning": "joint"}
    page = _post(client, case, **answers).content.decode()
    assert (
        "Enter why the LISG does not recommend the Serious Case Review the criteria engine "
        f"says {verb} be commissioned"
    ) in page
    _nothing_recorded(case)

    response = _post(
        client, case, **answers, departure_reason="The family asked for a learning review"
    )
    assert response.status_code == 302
    recommendation = LisgRecommendation.objects.get(notification=case)
    assert recommendation.engine_recommendation == case.assessments.get().recommendation
    assert recommendation.departure_reason == "The family asked for a learning review"
    entry = TimelineEntry.objects.get(notification=case, kind="lisg_recommendation.departure")
    assert verb in entry.text
    assert entry.detail == "The family asked for a learning review"
    case.refresh_from_db()
    assert case.status == Status.LISG_RECOMMENDED


def test_no_reason_is_asked_when_the_lisg_agrees_or_the_engine_says_no_scr(board) -> None:
    people = staff(board)
    client = Client()
    sign_in(client, people[Role.LISG_MEMBER])
    agrees = _considered(board, people, MUST_FACTS)
    assert _post(client, agrees).status_code == 302
    no_scr = _considered(board, people, CPIR_FACTS)
    page = client.get(reverse("decisions:lisg-recommendation", args=[no_scr.reference]))
    assert 'name="departure_reason"' not in page.content.decode()
    assert (
        _post(
            client, no_scr, review_type="cpir", methodology="silp", commissioning="joint"
        ).status_code
        == 302
    )
    assert not TimelineEntry.objects.filter(kind="lisg_recommendation.departure").exists()
    assert LisgRecommendation.objects.get(notification=no_scr).departure_reason == ""
