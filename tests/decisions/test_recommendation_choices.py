"""The LISG's recommendation says exactly what it recommends (Procedure A 4(vi), A 5(i),
B 1): a CPIR jointly commissioned or single-agency naming the agency, another review or
audit naming which one and by which agencies, a DHR, SAR or MAPPA review alongside an
SCR or instead of one, members who disagreed; a choice that contradicts itself is refused
at its field. The Chair's decision names what was commissioned, so the review that
follows knows."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.boards.models import Role
from casereviews.decisions.models import (
    ChairDecision,
    Choice,
    LisgRecommendation,
    choice_problems,
)
from casereviews.decisions.services import chair_decision_record, lisg_recommendation_record
from casereviews.notifications.models import Status
from casereviews.workflow.services import TransitionRefused
from tests.decisions.cases import CPIR_FACTS, case_for_the_chair
from tests.factories import NotificationFactory, OrganisationFactory
from tests.helpers import sign_in
from tests.lisg import before_the_lisg
from tests.workflow.procedure import SATISFY, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners(board, police, health):
    board.partners.add(police, health)
    return police, health


def _considered(board, people):
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.UNDER_CONSIDERATION
    )
    SATISFY["agency_information_not_requested"](case, None, people)
    SATISFY["agencies_not_answered"](case, None, people)
    before_the_lisg(case, people[Role.LISG_MEMBER])
    return case


def _post(client: Client, case, **answers):
    data = {
        "version": str(case.version),
        "review_type": "scr",
        "methodology": "scie_learning_together",
        "rationale": "Agencies did not share what they knew",
        "meeting_held": "meeting",
    }
    data.update(answers)
    return client.post(reverse("decisions:lisg-recommendation", args=[case.reference]), data)


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        (
            {"review_type": "cpir", "methodology": "silp"},
            "commissioning",
            "Select whether the CPIR is jointly commissioned or single-agency",
        ),
        (
            {"review_type": "cpir", "methodology": "silp", "commissioning": "single_agency"},
            "commissioning_agency",
            "Select the agency that carries out the single-agency CPIR",
        ),
        (
            {"review_type": "other_review", "methodology": "audit", "other_review_name": "Audit"},
            "other_review_agencies",
            "Select the agencies that carry out the review or audit",
        ),
        (
            {
                "review_type": "no_review",
                "methodology": "none",
                "other_procedure": "dhr",
                "other_procedure_relation": "alongside",
            },
            "other_procedure_relation",
            "A Domestic Homicide Review (DHR) alongside a Serious Case Review contradicts",
        ),
        (
            {"other_procedure": "mappa", "other_procedure_relation": "instead"},
            "other_procedure_relation",
            "A MAPPA Serious Case Review instead of a Serious Case Review contradicts",
        ),
        (
            {"other_procedure": "sar"},
            "other_procedure_relation",
            "Select whether the Safeguarding Adults Review (SAR) is alongside",
        ),
        ({"methodology": "other"}, "methodology_other", "Describe the other methodology"),
        (
            {"review_type": "scr", "commissioning": "joint"},
            "commissioning",
            "Say how a review is commissioned only for a Child Protection Incident Review",
        ),
        (
            {"dissent_by": "Thames Valley Police"},
            "dissent_view",
            "Enter the view of the members who did not agree",
        ),
    ],
)
def test_a_contradictory_recommendation_is_refused_at_its_field(
    board, partners, answers, field, message
) -> None:
    people = staff(board)
    case = _considered(board, people)
    client = Client()
    sign_in(client, people[Role.LISG_MEMBER])
    response = _post(client, case, **answers)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'href="#id_{field}' in page  # the error summary points at the field
    assert "Agencies did not share what they knew" in page  # nothing entered is lost
    case.refresh_from_db()
    assert case.status == Status.UNDER_CONSIDERATION
    assert not LisgRecommendation.objects.filter(notification=case).exists()


def test_a_single_agency_cpir_names_its_agency_and_the_chair_sees_it(board, partners) -> None:
    police, _ = partners
    people = staff(board)
    case = _considered(board, people)
    client = Client()
    sign_in(client, people[Role.LISG_MEMBER])
    response = _post(
        client,
        case,
        review_type="cpir",
        methodology="appreciative_inquiry",
        commissioning="single_agency",
        commissioning_agency=str(police.pk),
        dissent_by="Frimley Health",
        dissent_view="A jointly commissioned review would bring more learning",
    )
    assert response.status_code == 302
    recommendation = LisgRecommendation.objects.get(notification=case)
    assert recommendation.commissioning_agency == police
    assert recommendation.get_methodology_display() == "Appreciative inquiry"

    sign_in(client, people[Role.INDEPENDENT_CHAIR])
    page = client.get(reverse("decisions:chair-decision", args=[case.reference]))
    text = page.content.decode()
    assert "Single-agency review by Thames Valley Police" in text
    assert "Frimley Health" in text
    assert "A jointly commissioned review would bring more learning" in text


def test_another_review_names_which_and_by_whom_and_a_dhr_may_replace_the_scr(
    board, partners
) -> None:
    police, health = partners
    people = staff(board)
    case = _considered(board, people)
    client = Client()
    sign_in(client, people[Role.LISG_MEMBER])
    response = _post(
        client,
        case,
        review_type="other_review",
        methodology="audit",
        other_review_name="Multi-agency audit of neglect referrals",
        other_review_agencies=[str(police.pk), str(health.pk)],
        other_procedure="dhr",
        other_procedure_relation="instead",
    )
    assert response.status_code == 302
    recommendation = LisgRecommendation.objects.get(notification=case)
    assert set(recommendation.other_review_agencies.all()) == {police, health}
    assert recommendation.other_procedure == "dhr"
    assert recommendation.other_procedure_relation == "instead"


def test_the_service_refuses_an_agency_outside_the_board(board, partners) -> None:
    people = staff(board)
    case = _considered(board, people)
    stranger = OrganisationFactory.create(name="Another county's police")
    with pytest.raises(TransitionRefused) as refused:
        lisg_recommendation_record(
            notification=case,
            by=people[Role.LISG_MEMBER],
            expected_version=case.version,
            review_type="cpir",
            methodology="silp",
            rationale="Reasons",
            meeting_date=timezone.localdate(),
            choice=Choice("cpir", commissioning="single_agency", commissioning_agency=stranger.pk),
        )
    assert refused.value.code == "agency_not_a_partner"
    assert not LisgRecommendation.objects.filter(notification=case).exists()


def test_the_chairs_decision_names_what_was_commissioned(board, partners) -> None:
    police, _ = partners
    people = staff(board)
    case = case_for_the_chair(board, people, facts=CPIR_FACTS)  # the LISG said SCR
    client = Client()
    sign_in(client, people[Role.INDEPENDENT_CHAIR])
    url = reverse("decisions:chair-decision", args=[case.reference])
    answers = {"version": str(case.version), "decision": "cpir", "rationale": "Learning"}
    refused = client.post(url, {**answers, "commissioning": "single_agency"})
    assert "Select the agency that carries out the single-agency CPIR" in refused.content.decode()
    assert not ChairDecision.objects.filter(notification=case).exists()

    decided = client.post(
        url, {**answers, "commissioning": "single_agency", "commissioning_agency": str(police.pk)}
    )
    assert decided.status_code == 302
    decision = ChairDecision.objects.get(notification=case)
    assert (decision.commissioning, decision.commissioning_agency) == ("single_agency", police)
    case.refresh_from_db()
    assert case.status == Status.CPIR_COMMISSIONED
    shown = client.get(reverse("notifications:detail", args=[case.reference])).content.decode()
    assert "Single-agency review by Thames Valley Police" in shown


def test_the_chair_accepting_the_lisgs_type_takes_what_it_recommended(board, partners) -> None:
    police, health = partners
    people = staff(board)
    case = case_for_the_chair(board, people, facts=CPIR_FACTS, review_type="other_review")
    advice = LisgRecommendation.objects.get(notification=case)
    advice.other_review_name = "Audit of neglect referrals"
    advice.save()
    advice.other_review_agencies.set([police, health])
    decision = chair_decision_record(
        notification=case,
        by=people[Role.INDEPENDENT_CHAIR],
        expected_version=case.version,
        decision="other_review",
        rationale="The audit will show the learning",
        other_review_consideration="A CPIR was considered and not needed",
    )
    assert decision.other_review_name == "Audit of neglect referrals"
    assert set(decision.other_review_agencies.all()) == {police, health}


def test_the_rule_allows_a_dhr_alongside_an_scr_and_instead_of_no_review() -> None:
    assert (
        choice_problems(
            Choice(
                "scr",
                methodology="silp",
                other_procedure="dhr",
                other_procedure_relation="alongside",
            )
        )
        == []
    )
    assert (
        choice_problems(
            Choice(
                "no_review",
                methodology="none",
                other_procedure="sar",
                other_procedure_relation="instead",
            )
        )
        == []
    )
