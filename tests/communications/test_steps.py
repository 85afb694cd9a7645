"""A communication with the family, significant others or the press (Procedure A 4(v)) is
drafted, agreed by the LISG, approved by the Independent Chair in consultation with the
responsible senior managers, then delivered or held. Nothing is delivered without both
agreements: the service refuses it, and so does the page, with the reason."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.communications.models import Communication, CommunicationState
from casereviews.communications.services import (
    NOT_AGREED_BY_THE_LISG,
    NOT_BOTH_AGREEMENTS,
    communication_approve,
    communication_deliver,
)
from casereviews.notifications.models import Status
from casereviews.workflow.services import TransitionRefused
from tests.communications.cases import MESSAGE, case_with_a_child, communication
from tests.helpers import sign_in
from tests.notifications.helpers import date_parts
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db
S = CommunicationState


def _client(user) -> Client:
    return sign_in(Client(), user)


@pytest.mark.parametrize("state", [S.DRAFTED, S.AGREED])
def test_the_service_refuses_to_record_delivery_without_both_agreements(board, state) -> None:
    people = staff(board)
    told = communication(case_with_a_child(board, people), people, state)
    with pytest.raises(TransitionRefused) as refused:
        communication_deliver(
            communication=told,
            by=people[Role.BUSINESS_MANAGER],
            delivered_on=timezone.localdate(),
            delivered_by_name="Business Manager one",
        )
    assert refused.value.message == NOT_BOTH_AGREEMENTS
    told.refresh_from_db()
    assert told.state == state
    assert told.delivered_on is None
    assert not AuditEvent.objects.filter(action="communication.deliver").exists()


@pytest.mark.parametrize("state", [S.DRAFTED, S.AGREED])
def test_the_page_refuses_to_record_delivery_without_both_agreements(board, state) -> None:
    people = staff(board)
    case = case_with_a_child(board, people)
    told = communication(case, people, state)
    page = reverse("communications:deliver", args=[case.reference, told.pk])
    response = _client(people[Role.BUSINESS_MANAGER]).post(
        page,
        {**date_parts("delivered_on", timezone.localdate()), "delivered_by_name": "Someone Typed"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in text
    assert NOT_BOTH_AGREEMENTS.replace("'", "&#x27;") in text
    assert 'value="Someone Typed"' in text  # nothing typed is lost
    told.refresh_from_db()
    assert told.state == state


def test_the_database_refuses_a_delivered_communication_without_both_agreements(board) -> None:
    people = staff(board)
    told = communication(case_with_a_child(board, people), people, S.AGREED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Communication.objects.filter(pk=told.pk).update(state=S.DELIVERED)


def test_the_chair_cannot_approve_before_the_lisg_agrees(board) -> None:
    people = staff(board)
    told = communication(case_with_a_child(board, people), people, S.DRAFTED)
    with pytest.raises(TransitionRefused) as refused:
        communication_approve(
            communication=told, by=people[Role.INDEPENDENT_CHAIR], consulted="The police lead"
        )
    assert refused.value.message == NOT_AGREED_BY_THE_LISG
    # The approval page does not exist for a draft the LISG has not agreed.
    response = _client(people[Role.INDEPENDENT_CHAIR]).get(
        reverse("communications:approve", args=[told.notification.reference, told.pk])
    )
    assert response.status_code == 404


def test_drafted_agreed_approved_and_delivered_through_the_pages(board) -> None:
    people = staff(board)
    case = case_with_a_child(board, people)
    manager = _client(people[Role.BUSINESS_MANAGER])
    response = manager.post(
        reverse("communications:draft", args=[case.reference]),
        {
            "audience": "family",
            "message": MESSAGE,
            "channel": "in_person",
            "deliverer": people[Role.BUSINESS_MANAGER].pk,
        },
    )
    told = Communication.objects.get(notification=case)
    assert response.status_code == 302
    assert response["Location"] == reverse("communications:detail", args=[case.reference, told.pk])
    assert told.state == S.DRAFTED
    assert told.drafted_by == people[Role.BUSINESS_MANAGER]

    lisg = _client(people[Role.LISG_MEMBER])
    agree = reverse("communications:agree", args=[case.reference, told.pk])
    assert MESSAGE in lisg.get(agree).content.decode()
    assert lisg.post(agree, {"confirmed": "on"}).status_code == 302
    told.refresh_from_db()
    assert told.state == S.AGREED
    assert told.agreed_by == people[Role.LISG_MEMBER]

    chair = _client(people[Role.INDEPENDENT_CHAIR])
    approve = reverse("communications:approve", args=[case.reference, told.pk])
    missing = chair.post(approve, {"consulted": "  "})
    assert "Enter which responsible senior managers you consulted" in missing.content.decode()
    consulted = "Head of Safeguarding, Thames Valley Police; Director of Children's Services"
    assert chair.post(approve, {"consulted": consulted}).status_code == 302
    told.refresh_from_db()
    assert told.state == S.APPROVED
    assert told.consulted == consulted

    deliver = reverse("communications:deliver", args=[case.reference, told.pk])
    assert "Business Manager one" in manager.get(deliver).content.decode()  # the deliverer
    response = manager.post(
        deliver,
        {
            **date_parts("delivered_on", timezone.localdate()),
            "delivered_by_name": "Business Manager one",
        },
    )
    assert response.status_code == 302
    told.refresh_from_db()
    assert told.state == S.DELIVERED
    assert told.delivered_on == timezone.localdate()
    assert told.outcome_recorded_by == people[Role.BUSINESS_MANAGER]

    detail = manager.get(reverse("communications:detail", args=[case.reference, told.pk]))
    text = detail.content.decode()
    for shown in ("Delivered", consulted.replace("'", "&#x27;"), "Agreed", "Approved"):
        assert shown in text
    kinds = list(case.timeline.values_list("kind", flat=True))
    for kind in ("draft", "agree", "approve", "deliver"):
        assert f"communication.{kind}" in kinds


def test_a_delivery_dated_before_the_approval_is_refused_at_its_field(board) -> None:
    people = staff(board)
    case = case_with_a_child(board, people)
    told = communication(case, people, S.APPROVED)
    response = _client(people[Role.BUSINESS_MANAGER]).post(
        reverse("communications:deliver", args=[case.reference, told.pk]),
        {
            **date_parts("delivered_on", timezone.localdate() - datetime.timedelta(days=3)),
            "delivered_by_name": "Business Manager one",
        },
    )
    assert "The date it was delivered must be between" in response.content.decode()
    told.refresh_from_db()
    assert told.state == S.APPROVED


def test_a_communication_is_held_with_its_reason_before_or_after_the_agreements(board) -> None:
    people = staff(board)
    case = case_with_a_child(board, people)
    told = communication(case, people, S.AGREED)
    manager = _client(people[Role.BUSINESS_MANAGER])
    hold = reverse("communications:hold", args=[case.reference, told.pk])
    assert "Enter why the communication is held" in manager.post(hold, {}).content.decode()
    manager.post(hold, {"reason": "Criminal proceedings have started; the police asked us to wait"})
    told.refresh_from_db()
    assert told.state == S.HELD
    assert "Criminal proceedings" in told.held_reason
    # Held is an outcome: nothing more is recorded on it.
    assert manager.get(hold).status_code == 404


def test_the_person_named_to_deliver_it_may_record_the_delivery(board) -> None:
    people = staff(board)
    case = case_with_a_child(board, people)
    told = communication(case, people, S.APPROVED)
    Communication.objects.filter(pk=told.pk).update(deliverer=people[Role.LISG_MEMBER])
    response = _client(people[Role.LISG_MEMBER]).post(
        reverse("communications:deliver", args=[case.reference, told.pk]),
        {
            **date_parts("delivered_on", timezone.localdate()),
            "delivered_by_name": "LISG member one",
        },
    )
    assert response.status_code == 302
    told.refresh_from_db()
    assert told.state == S.DELIVERED


def test_the_log_stays_on_the_case_after_the_decision_and_after_it_closes(board) -> None:
    people = staff(board)
    case = case_with_a_child(board, people, status=Status.CLOSED)
    told = communication(case, people, S.APPROVED)
    chair = _client(people[Role.INDEPENDENT_CHAIR])
    log = chair.get(reverse("communications:log", args=[case.reference]))
    assert log.status_code == 200
    assert reverse("communications:detail", args=[case.reference, told.pk]) in log.content.decode()
    # A closed case gets no new communication.
    assert "Draft a communication" not in log.content.decode()
    manager = _client(people[Role.BUSINESS_MANAGER])
    assert manager.get(reverse("communications:draft", args=[case.reference])).status_code == 404
    # The LISG member's sight of the case ended when it closed, and the log's with it.
    lisg = _client(people[Role.LISG_MEMBER])
    assert lisg.get(reverse("communications:log", args=[case.reference])).status_code == 404
    page = _client(people[Role.BUSINESS_MANAGER]).get(
        reverse("notifications:detail", args=[case.reference])
    )
    text = page.content.decode()
    assert "Communications with the family and the press" in text
    assert "Approved, waiting to be delivered" in text


def test_every_read_of_the_log_and_of_a_communication_is_audited(board) -> None:
    people = staff(board)
    case = case_with_a_child(board, people)
    told = communication(case, people)
    chair = _client(people[Role.INDEPENDENT_CHAIR])
    chair.get(reverse("communications:log", args=[case.reference]))
    chair.get(reverse("communications:detail", args=[case.reference, told.pk]))
    read = AuditEvent.objects.filter(actor=people[Role.INDEPENDENT_CHAIR], object_id=str(case.pk))
    assert list(read.order_by("sequence").values_list("action", flat=True)) == [
        "communications.read",
        "communication.read",
    ]


@pytest.mark.parametrize(
    "who", ["another board's LISG member", "notifier", "agency lead", "LISG member agrees"]
)
def test_who_may_not_see_or_take_a_step_is_told_not_found(board, other_board, who) -> None:
    people = staff(board)
    case = case_with_a_child(board, people)
    told = communication(case, people, S.DRAFTED)
    urls = [
        reverse("communications:log", args=[case.reference]),
        reverse("communications:detail", args=[case.reference, told.pk]),
        reverse("communications:agree", args=[case.reference, told.pk]),
        reverse("communications:deliver", args=[case.reference, told.pk]),
        reverse("communications:draft", args=[case.reference]),
    ]
    if who == "another board's LISG member":
        user = staff(other_board)[Role.LISG_MEMBER]
    elif who == "notifier":
        user = people[Role.NOTIFIER]
    elif who == "agency lead":
        user = people[Role.AGENCY_LEAD]
    else:
        # A LISG member agrees; they do not approve, nor record a delivery.
        communication_told = communication(case, people, S.AGREED)
        user = people[Role.LISG_MEMBER]
        urls = [
            reverse("communications:approve", args=[case.reference, communication_told.pk]),
            reverse("communications:deliver", args=[case.reference, communication_told.pk]),
        ]
    client = _client(user)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert not Communication.objects.filter(state__in=[S.DELIVERED, S.APPROVED]).exists()
