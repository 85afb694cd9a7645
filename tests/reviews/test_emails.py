"""The review's steps tell the people whose work follows, through the outbox and a real
SMTP server, exactly once, with the reference and a link and never the child's identity:
the Independent Chair and the LISG when the review starts, the Chair when the final
report is written."""

from __future__ import annotations

import datetime
from email.message import Message

import pytest
from django.urls import reverse

from casereviews.boards.models import Role
from casereviews.notifications.models import Child, Notification, Status
from casereviews.outbox.jobs import deliver_outbox
from casereviews.workflow.services import notification_transition
from casereviews.workflow.transitions import get_transition
from tests.factories import person
from tests.helpers import Mailbox
from tests.lisg import before_the_lisg
from tests.reviews.helpers import commissioned
from tests.workflow.procedure import prepare, staff

pytestmark = pytest.mark.django_db

CHILD_NAME = "Peregrine Oakenshaw-Vale"


def _delivered(mailbox: Mailbox) -> list[Message]:
    deliver_outbox()
    sent = list(mailbox.messages)
    deliver_outbox()
    assert mailbox.messages == sent  # exactly once
    for message in sent:
        payload = message.get_payload(decode=True)
        assert isinstance(payload, bytes)
        assert "Oakenshaw" not in payload.decode()
        assert "Oakenshaw" not in message["Subject"]
    return sent


def _with_a_child(case: Notification) -> Notification:
    Child.objects.create(
        notification=case,
        full_name=CHILD_NAME,
        date_of_birth=datetime.date(2018, 2, 3),
        sex="male",
        child_protection_plan="no",
        looked_after="no",
        open_to_social_care="no",
    )
    return case


def _move(case: Notification, name: str, people: dict[Role, object]) -> None:
    case.refresh_from_db()
    prepare(case, get_transition(name), people)  # type: ignore[arg-type]
    notification_transition(
        notification=case,
        name=name,
        by=people[Role.BUSINESS_MANAGER],  # type: ignore[arg-type]
        expected_version=case.version,
    )


def test_the_chair_and_the_lisg_are_told_once_when_the_review_starts(
    board, mailbox: Mailbox
) -> None:
    people = staff(board)
    case = _with_a_child(commissioned(board, people))
    # The LISG members told are those of the meeting that had the case (ADR 0027).
    before_the_lisg(case, people[Role.LISG_MEMBER])
    person(board, Role.LISG_MEMBER, full_name="LISG member of no meeting")
    _move(case, "start_review", people)  # type: ignore[arg-type]
    sent = _delivered(mailbox)
    assert sorted(m["To"] for m in sent) == sorted(
        [people[Role.INDEPENDENT_CHAIR].email, people[Role.LISG_MEMBER].email]
    )
    for message in sent:
        assert message["Subject"] == f"Case notification {case.reference}: the review has started"
        payload = message.get_payload(decode=True)
        assert isinstance(payload, bytes)
        assert reverse("reviews:detail", args=[case.reference]) in payload.decode()


def test_the_chair_is_told_once_when_the_final_report_is_written(board, mailbox: Mailbox) -> None:
    people = staff(board)
    case = _with_a_child(commissioned(board, people, status=Status.REVIEW_IN_PROGRESS))
    _move(case, "receive_report", people)  # type: ignore[arg-type]
    (message,) = _delivered(mailbox)
    assert message["To"] == people[Role.INDEPENDENT_CHAIR].email
    assert message["Subject"] == f"Case notification {case.reference}: the final report is written"
