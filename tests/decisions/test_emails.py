"""People are told when work reaches them, through the outbox and a real SMTP server:
the board's Independent Chair(s) when a notification is verified and when the LISG
recommends; the notifier when their notification is returned for information and when
the Chair decides. Each e-mail is sent exactly once, with the reference and a link, and
never the child's identity (DESIGN.md sections 3 and 6)."""

from __future__ import annotations

import datetime
from email.message import Message

import pytest
from django.test import Client
from django.urls import reverse

from casereviews.accounts.models import User
from casereviews.assessments.models import Outcome
from casereviews.assessments.services import notification_verification_record
from casereviews.boards.models import Role
from casereviews.decisions.services import chair_decision_record
from casereviews.notifications.models import Child, Notification, Status
from casereviews.outbox.jobs import deliver_outbox
from casereviews.workflow.services import notification_transition
from tests.decisions.cases import CPIR_FACTS, case_for_the_chair, commissioned
from tests.factories import NotificationFactory, person
from tests.helpers import Mailbox, sign_in
from tests.lisg import before_the_lisg
from tests.workflow.procedure import SATISFY, staff

pytestmark = pytest.mark.django_db

CHILD_NAME = "Amelia Zebedee-Quartermaine"
CHILD_ADDRESS = "17 Larkspur Crescent"


def _with_a_child(case: Notification) -> Notification:
    Child.objects.create(
        notification=case,
        full_name=CHILD_NAME,
        address=CHILD_ADDRESS,
        date_of_birth=datetime.date(2019, 5, 17),
        sex="female",
        child_protection_plan="no",
        looked_after="no",
        open_to_social_care="no",
    )
    return case


def _delivered(mailbox: Mailbox) -> list[Message]:
    """Deliver the outbox; a second run sends nothing more (exactly once)."""
    deliver_outbox()
    sent = list(mailbox.messages)
    deliver_outbox()
    assert mailbox.messages == sent
    for message in sent:
        text = _body(message)
        for secret in (CHILD_NAME, "Zebedee", CHILD_ADDRESS, "2019"):
            assert secret not in text
            assert secret not in message["Subject"]
    return sent


def _body(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def _to(messages: list[Message]) -> list[str]:
    return sorted(message["To"] for message in messages)


def _move(case: Notification, name: str, by: User, reason: str = "") -> Notification:
    case.refresh_from_db()
    return notification_transition(
        notification=case, name=name, by=by, expected_version=case.version, reason=reason
    )


def test_the_boards_chairs_are_told_once_when_a_notification_is_verified(
    board, other_board, mailbox: Mailbox
) -> None:
    people = staff(board)
    second_chair = person(board, Role.INDEPENDENT_CHAIR, full_name="Second Chair")
    person(other_board, Role.INDEPENDENT_CHAIR, full_name="Another board's Chair")
    case = _with_a_child(NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER]))
    _move(case, "verify", people[Role.BUSINESS_MANAGER])
    sent = _delivered(mailbox)
    assert _to(sent) == sorted([people[Role.INDEPENDENT_CHAIR].email, second_chair.email])
    for message in sent:
        assert message["Subject"] == f"Case notification {case.reference}: verified"
        body = _body(message)
        assert reverse("notifications:detail", args=[case.reference]) in body


def test_the_chair_is_told_once_when_the_lisg_recommends(board, mailbox: Mailbox) -> None:
    people = staff(board)
    case = _with_a_child(
        NotificationFactory.create(
            board=board, notifier=people[Role.NOTIFIER], status=Status.UNDER_CONSIDERATION
        )
    )
    SATISFY["agency_information_not_requested"](case, None, people)  # type: ignore[arg-type]
    SATISFY["agencies_not_answered"](case, None, people)  # type: ignore[arg-type]
    before_the_lisg(case, people[Role.LISG_MEMBER])
    _move(case, "lisg_recommend", people[Role.LISG_MEMBER], reason="The LISG's reasons")
    (message,) = _delivered(mailbox)
    assert message["To"] == people[Role.INDEPENDENT_CHAIR].email
    assert case.reference in message["Subject"]
    assert "ready for your decision" in message["Subject"]


def test_the_notifier_is_told_once_of_a_return_and_sees_what_was_asked(
    board, mailbox: Mailbox
) -> None:
    people = staff(board)
    notifier = people[Role.NOTIFIER]
    case = _with_a_child(NotificationFactory.create(board=board, notifier=notifier))
    notification_verification_record(
        notification=case,
        by=people[Role.BUSINESS_MANAGER],
        outcome=Outcome.RETURNED,
        expected_version=case.version,
        message="Tell us which school the child attended",
    )
    case.refresh_from_db()
    assert case.status == Status.RETURNED_FOR_INFORMATION
    (message,) = _delivered(mailbox)
    assert message["To"] == notifier.email
    assert message["Subject"] == f"Your notification {case.reference} needs more information"

    client = Client()
    sign_in(client, notifier)
    check = client.get(reverse("submission:check", args=[case.pk]))
    assert check.status_code == 200
    assert "Tell us which school the child attended" in check.content.decode()


def test_the_notifier_is_told_once_when_the_chair_decides(board, mailbox: Mailbox) -> None:
    people = staff(board)
    case = _with_a_child(case_for_the_chair(board, people, facts=CPIR_FACTS))
    chair_decision_record(
        notification=case,
        by=people[Role.INDEPENDENT_CHAIR],
        expected_version=case.version,
        decision="cpir",
        rationale="The Chair's reasons",
        choice=commissioned(board, "cpir"),
    )
    notifier = people[Role.NOTIFIER].email
    (message,) = [m for m in _delivered(mailbox) if m["To"] == notifier]
    assert message["Subject"] == (
        f"Your notification {case.reference}: the Independent Chair has decided"
    )
