"""The review's steps tell the people whose work follows, through the outbox and a real
SMTP server, exactly once, with the reference and a link and never the child's identity:
the Independent Chair and the LISG when the review starts, the Chair when the final
report is written."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.transitions import get_transition
from tests.factories import moved, person, with_a_child
from tests.helpers import Mailbox, delivered_once
from tests.lisg import before_the_lisg
from tests.reviews.helpers import commissioned
from tests.workflow.procedure import prepare, staff

pytestmark = pytest.mark.django_db

CHILD_NAME = "Peregrine Oakenshaw-Vale"


def _move(case: Notification, name: str, people: dict[Role, User]) -> None:
    case.refresh_from_db()
    prepare(case, get_transition(name), people)
    moved(case, name, people[Role.BUSINESS_MANAGER])


def test_the_chair_and_the_lisg_are_told_once_when_the_review_starts(
    board, mailbox: Mailbox
) -> None:
    people = staff(board)
    case = with_a_child(commissioned(board, people), full_name=CHILD_NAME)
    # The LISG members told are those of the meeting that had the case (ADR 0027).
    before_the_lisg(case, people[Role.LISG_MEMBER])
    person(board, Role.LISG_MEMBER, full_name="LISG member of no meeting")
    _move(case, "start_review", people)
    sent = delivered_once(mailbox, "Oakenshaw")
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
    case = with_a_child(
        commissioned(board, people, status=Status.REVIEW_IN_PROGRESS), full_name=CHILD_NAME
    )
    _move(case, "receive_report", people)
    (message,) = delivered_once(mailbox, "Oakenshaw")
    assert message["To"] == people[Role.INDEPENDENT_CHAIR].email
    assert message["Subject"] == f"Case notification {case.reference}: the final report is written"
