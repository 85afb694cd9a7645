"""A single-agency CPIR (Procedure B 1(i)): when the agency's LSCB Representative and the
Business Manager agree the case is a single-agency review, the board records it (the
agency, who agreed, when), the agency runs the review, and the board records its outcome
and learning and closes the case, without the LISG's recommendation or the Independent
Chair's decision. Until it closes it can be escalated to the LISG and the Chair."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.boards.models import Role
from casereviews.deadlines import rules
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.deadlines.services import deadline_start
from casereviews.decisions.models import ChairDecision, LisgRecommendation
from casereviews.notifications.models import Notification, ReviewSought, Status
from casereviews.outbox.models import OutboxEmail
from casereviews.single_agency.models import SingleAgencyReview
from tests.factories import NotificationFactory, moved
from tests.helpers import sign_in
from tests.notifications.helpers import date_parts
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db


def _consultation(board, people, sought: str = ReviewSought.SINGLE_AGENCY_CPIR) -> Notification:
    """A verified single-agency CPIR consultation, its clocks for the LISG and the Chair
    running as verification left them."""
    case = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        status=Status.UNDER_CONSIDERATION,
        review_sought=sought,
    )
    board.partners.add(case.organisation)
    for rule in (rules.LISG_RECOMMENDATION_DUE, rules.SCR_DECISION_WITHIN_ONE_MONTH):
        deadline_start(notification=case, rule=rule, started_at=timezone.now())
    return case


def _agree(client: Client, case: Notification, agreed_on: datetime.date | None = None):
    return client.post(
        reverse("single_agency:agreement", args=[case.reference]),
        {
            "version": case.version,
            "agency": case.organisation.pk,
            "agency_representative": "Pat Quinn, Safeguarding Lead Officer",
            **date_parts("agreed_on", agreed_on or timezone.localdate()),
        },
    )


def test_recorded_and_closed_without_the_lisg_or_the_chair(board) -> None:
    people = staff(board)
    case = _consultation(board, people)
    manager = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    page = manager.get(reverse("notifications:detail", args=[case.reference])).content.decode()
    assert reverse("single_agency:agreement", args=[case.reference]) in page
    assert _agree(manager, case).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.SINGLE_AGENCY_CPIR
    review = SingleAgencyReview.objects.get(notification=case)
    assert review.agency == case.organisation
    assert review.business_manager == people[Role.BUSINESS_MANAGER]
    assert review.agreed_on == timezone.localdate()
    # The LISG's and the Chair's clocks stop: nothing waits for them.
    open_codes = set(
        Deadline.objects.filter(notification=case, state=DeadlineState.OPEN).values_list(
            "rule_code", flat=True
        )
    )
    assert not open_codes & {
        rules.LISG_RECOMMENDATION_DUE.code,
        rules.SCR_DECISION_WITHIN_ONE_MONTH.code,
    }

    outcome = reverse("single_agency:outcome", args=[case.reference])
    response = manager.post(
        outcome,
        {
            "version": case.version,
            "outcome": "The health visiting service's review found missed follow-ups",
            "learning": "Follow-up visits are now booked before the first visit ends",
            **date_parts("outcome_on", timezone.localdate()),
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    page = manager.get(reverse("notifications:detail", args=[case.reference])).content.decode()
    assert "Follow-up visits are now booked before the first visit ends" in page
    assert "Pat Quinn, Safeguarding Lead Officer" in page
    # The board chain was never touched: no recommendation, no decision, nobody told.
    assert not LisgRecommendation.objects.filter(notification=case).exists()
    assert not ChairDecision.objects.filter(notification=case).exists()
    told = [address for email in OutboxEmail.objects.all() for address in email.to]
    assert people[Role.INDEPENDENT_CHAIR].email not in told
    assert people[Role.LISG_MEMBER].email not in told


def test_a_notification_that_sought_another_review_is_refused_with_the_reason(board) -> None:
    people = staff(board)
    case = _consultation(board, people, sought=ReviewSought.INTER_AGENCY_CPIR)
    response = _agree(sign_in(Client(), people[Role.BUSINESS_MANAGER]), case)
    assert "Only a notification that asks for a single-agency CPIR consultation" in (
        response.content.decode()
    )
    case.refresh_from_db()
    assert case.status == Status.UNDER_CONSIDERATION
    assert not SingleAgencyReview.objects.exists()


def test_an_outcome_dated_before_the_agreement_is_refused_at_its_field(board) -> None:
    people = staff(board)
    case = _consultation(board, people)
    manager = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    _agree(manager, case, timezone.localdate() - datetime.timedelta(days=2))
    case.refresh_from_db()
    response = manager.post(
        reverse("single_agency:outcome", args=[case.reference]),
        {
            "version": case.version,
            "outcome": "Outcome",
            "learning": "Learning kept",
            **date_parts("outcome_on", timezone.localdate() - datetime.timedelta(days=5)),
        },
    )
    text = response.content.decode()
    assert "The date of the outcome must be between" in text
    assert "Learning kept" in text
    case.refresh_from_db()
    assert case.status == Status.SINGLE_AGENCY_CPIR


@pytest.mark.parametrize("role", [Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR])
def test_it_can_be_escalated_to_the_lisg_and_the_chair_with_a_reason(board, role) -> None:
    people = staff(board)
    case = _consultation(board, people)
    _agree(sign_in(Client(), people[Role.BUSINESS_MANAGER]), case)
    case.refresh_from_db()
    client = sign_in(Client(), people[role])
    page = reverse("workflow:transition", args=[case.reference, "escalate_single_agency"])
    response = client.post(
        page, {"version": case.version, "reason": "Another agency's part has come to light"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.UNDER_CONSIDERATION
    review = SingleAgencyReview.objects.get(notification=case)
    assert review.escalated_at is not None
    # Considered afresh: the LISG's recommendation and the decision are due again.
    assert Deadline.objects.filter(
        notification=case,
        rule_code=rules.SCR_DECISION_WITHIN_ONE_MONTH.code,
        state=DeadlineState.OPEN,
    ).exists()
    # An escalated review no longer closes the case by its outcome: its page says so to
    # the Business Manager, whose step it was (issue 26), and is not the Chair's at all.
    outcome = client.get(reverse("single_agency:outcome", args=[case.reference]))
    if role == Role.BUSINESS_MANAGER:
        assert outcome.status_code == 409
        assert "This step cannot be taken on the case now" in outcome.content.decode()
        assert 'name="outcome"' not in outcome.content.decode()
    else:
        assert outcome.status_code == 404
    text = client.get(reverse("notifications:detail", args=[case.reference])).content.decode()
    assert "To the LISG and the Independent Chair on" in text


def test_only_the_business_manager_records_it(board) -> None:
    people = staff(board)
    case = _consultation(board, people)
    for role in (Role.LISG_MEMBER, Role.INDEPENDENT_CHAIR, Role.AGENCY_LEAD, Role.NOTIFIER):
        response = _agree(sign_in(Client(), people[role]), case)
        assert response.status_code == 404, role
    case.refresh_from_db()
    assert case.status == Status.UNDER_CONSIDERATION


def test_the_escalation_is_refused_once_the_case_is_closed(board) -> None:
    people = staff(board)
    case = _consultation(board, people)
    _agree(sign_in(Client(), people[Role.BUSINESS_MANAGER]), case)
    SingleAgencyReview.objects.filter(notification=case).update(
        outcome="Done",
        learning="Learnt",
        outcome_on=timezone.localdate(),
        outcome_recorded_at=timezone.now(),
    )
    moved(case, "close_single_agency", people[Role.BUSINESS_MANAGER])
    client = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    page = reverse("workflow:transition", args=[case.reference, "escalate_single_agency"])
    response = client.get(page)
    assert response.status_code == 409
    assert f"{case.reference} is closed." in response.content.decode()
    assert 'name="version"' not in response.content.decode()
