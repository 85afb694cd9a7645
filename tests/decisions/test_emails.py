"""People are told when work reaches them, through the outbox and a real SMTP server:
the board's Independent Chair(s) when a notification is verified and when the LISG
recommends; the notifier when their notification is returned for information and when
the Chair decides. Each e-mail is sent exactly once, with the reference and a link, and
never the child's identity (DESIGN.md sections 3 and 6)."""

from __future__ import annotations

from email.message import Message

import pytest
from django.test import Client
from django.urls import reverse

from casereviews.assessments.models import Outcome
from casereviews.assessments.services import notification_verification_record
from casereviews.boards.models import Role
from casereviews.decisions.services import chair_decision_record
from casereviews.notifications.models import Status
from tests.decisions.cases import CPIR_FACTS, case_for_the_chair, commissioned
from tests.factories import (
    CHILD_ADDRESS,
    CHILD_NAME,
    NotificationFactory,
    moved,
    person,
    with_a_child,
)
from tests.helpers import Mailbox, body_of, delivered_once, sign_in
from tests.lisg import before_the_lisg
from tests.workflow.procedure import SATISFY, staff

pytestmark = pytest.mark.django_db

# What must never leave the service: the child's name, address and year of birth.
SECRETS = (CHILD_NAME, "Zebedee", CHILD_ADDRESS, "2019")


def _to(messages: list[Message]) -> list[str]:
    return sorted(message["To"] for message in messages)


def test_the_boards_chairs_are_told_once_when_a_notification_is_verified(
    board, other_board, mailbox: Mailbox
) -> None:
    people = staff(board)
    second_chair = person(board, Role.INDEPENDENT_CHAIR, full_name="Second Chair")
    person(other_board, Role.INDEPENDENT_CHAIR, full_name="Another board's Chair")
    case = with_a_child(NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER]))
    moved(case, "verify", people[Role.BUSINESS_MANAGER])
    sent = delivered_once(mailbox, *SECRETS)
    assert _to(sent) == sorted([people[Role.INDEPENDENT_CHAIR].email, second_chair.email])
    for message in sent:
        assert message["Subject"] == f"Case notification {case.reference}: verified"
        body = body_of(message)
        assert reverse("notifications:detail", args=[case.reference]) in body


def test_the_chair_is_told_once_when_the_lisg_recommends(board, mailbox: Mailbox) -> None:
    people = staff(board)
    case = with_a_child(
        NotificationFactory.create(
            board=board, notifier=people[Role.NOTIFIER], status=Status.UNDER_CONSIDERATION
        )
    )
    SATISFY["agency_information_not_requested"](case, None, people)
    SATISFY["agencies_not_answered"](case, None, people)
    before_the_lisg(case, people[Role.LISG_MEMBER])
    moved(case, "lisg_recommend", people[Role.LISG_MEMBER], reason="The LISG's reasons")
    (message,) = delivered_once(mailbox, *SECRETS)
    assert message["To"] == people[Role.INDEPENDENT_CHAIR].email
    assert case.reference in message["Subject"]
    assert "ready for your decision" in message["Subject"]


def test_the_notifier_is_told_once_of_a_return_and_sees_what_was_asked(
    board, mailbox: Mailbox
) -> None:
    people = staff(board)
    notifier = people[Role.NOTIFIER]
    case = with_a_child(NotificationFactory.create(board=board, notifier=notifier))
    notification_verification_record(
        notification=case,
        by=people[Role.BUSINESS_MANAGER],
        outcome=Outcome.RETURNED,
        expected_version=case.version,
        message="Tell us which school the child attended",
    )
    case.refresh_from_db()
    assert case.status == Status.RETURNED_FOR_INFORMATION
    (message,) = delivered_once(mailbox, *SECRETS)
    assert message["To"] == notifier.email
    assert message["Subject"] == f"Your notification {case.reference} needs more information"

    client = Client()
    sign_in(client, notifier)
    check = client.get(reverse("submission:check", args=[case.pk]))
    assert check.status_code == 200
    assert "Tell us which school the child attended" in check.content.decode()


def test_the_notifier_is_told_once_when_the_chair_decides(board, mailbox: Mailbox) -> None:
    people = staff(board)
    case = with_a_child(case_for_the_chair(board, people, facts=CPIR_FACTS))
    chair_decision_record(
        notification=case,
        by=people[Role.INDEPENDENT_CHAIR],
        expected_version=case.version,
        decision="cpir",
        rationale="The Chair's reasons",
        choice=commissioned(board, "cpir"),
    )
    notifier = people[Role.NOTIFIER].email
    (message,) = [m for m in delivered_once(mailbox, *SECRETS) if m["To"] == notifier]
    assert message["Subject"] == (
        f"Your notification {case.reference}: the Independent Chair has decided"
    )
