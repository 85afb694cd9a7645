"""The people whose step is next on a communication are told, through the outbox and a
real SMTP server, exactly once: the board's LISG members when a draft needs the LISG's
agreement, its Independent Chair when it needs approval, the person named to deliver it
once approved. Each carries the reference and a link, never the child's identity nor
the message itself (DESIGN.md section 6)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from casereviews.boards.models import Role
from casereviews.communications.services import (
    communication_agree,
    communication_approve,
    communication_deliver,
    communication_draft,
)
from tests.communications.cases import MESSAGE, case_with_a_child
from tests.factories import CHILD_ADDRESS, CHILD_NAME, person
from tests.helpers import Mailbox, body_of, delivered_once
from tests.lisg import before_the_lisg
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db
# What must never leave the service: the child's identity and what the press is told.
SECRETS = (CHILD_NAME, "Zebedee", CHILD_ADDRESS, "2019", MESSAGE)


def test_each_next_person_is_told_once_with_a_link_and_nothing_identifying(
    board, other_board, mailbox: Mailbox
) -> None:
    people = staff(board)
    second_lisg = person(board, Role.LISG_MEMBER, full_name="Second LISG member")
    person(other_board, Role.LISG_MEMBER, full_name="Another board's LISG member")
    person(other_board, Role.INDEPENDENT_CHAIR, full_name="Another board's Chair")
    case = case_with_a_child(board, people)
    before_the_lisg(case, second_lisg)
    # A LISG member of no meeting with the case is not asked.
    person(board, Role.LISG_MEMBER, full_name="LISG member of no meeting")
    drafter = people[Role.LISG_MEMBER]
    deliverer = people[Role.BUSINESS_MANAGER]

    told = communication_draft(
        notification=case,
        by=drafter,
        audience="family",
        message=MESSAGE,
        channel="in_person",
        deliverer=deliverer,
    )
    link = reverse("communications:detail", args=[case.reference, told.pk])
    sent = delivered_once(mailbox, *SECRETS)
    # The LISG members other than the one who drafted it.
    assert [m["To"] for m in sent] == [second_lisg.email]
    assert (
        sent[0]["Subject"] == f"Case {case.reference}: a communication needs the LISG's agreement"
    )
    assert link in body_of(sent[0])

    communication_agree(communication=told, by=second_lisg)
    sent = delivered_once(mailbox, *SECRETS)
    assert [m["To"] for m in sent] == [people[Role.INDEPENDENT_CHAIR].email]
    assert sent[0]["Subject"] == f"Case {case.reference}: a communication needs your approval"

    communication_approve(
        communication=told, by=people[Role.INDEPENDENT_CHAIR], consulted="The police lead"
    )
    sent = delivered_once(mailbox, *SECRETS)
    assert [m["To"] for m in sent] == [deliverer.email]
    assert "approved for you to deliver" in sent[0]["Subject"]

    communication_deliver(
        communication=told,
        by=deliverer,
        delivered_on=timezone.localdate(),
        delivered_by_name=deliverer.full_name,
    )
    assert delivered_once(mailbox, *SECRETS) == []  # nobody's step comes next
