"""One way to e-mail about a case (casereviews.kit.emails): the people who hold a role
on the case by the rule of sight, a conflicted LISG member left out, those with no
address named back to the sender, and one footer that carries no child's identity."""

from __future__ import annotations

import pytest
from django.utils import timezone

from casereviews.boards.models import Role
from casereviews.involvement.models import LisgConflict
from casereviews.kit.emails import case_recipients, step_emails
from casereviews.notifications.models import Status
from casereviews.outbox.models import OutboxEmail
from tests.factories import BoardFactory, NotificationFactory, person
from tests.lisg import before_the_lisg

pytestmark = pytest.mark.django_db


def test_the_lisg_members_of_the_case_are_told_and_the_conflicted_one_is_not() -> None:
    board = BoardFactory.create()
    told = person(board, Role.LISG_MEMBER, full_name="Told Member")
    conflicted = person(board, Role.LISG_MEMBER, full_name="Conflicted Member")
    no_address = person(board, Role.LISG_MEMBER, full_name="No Address", email="")
    elsewhere = person(board, Role.LISG_MEMBER, full_name="Not On The Meeting")
    case = NotificationFactory.create(board=board, status=Status.UNDER_CONSIDERATION)
    meeting = before_the_lisg(case, told, conflicted, no_address)
    LisgConflict.objects.create(
        meeting=meeting,
        member=conflicted,
        notification=case,
        interest="Related to the family",
        declared_by=conflicted,
        declared_at=timezone.now(),
    )

    recipients = case_recipients(case, Role.LISG_MEMBER)
    missing = step_emails(
        key=f"test-step:{case.pk}",
        people=recipients.people + recipients.without_address,
        subject=f"Case {case.reference}: a step",
        lines=[f"Something happened on {case.reference}."],
        links=[("Open the case", f"https://example.org/cases/{case.reference}")],
    )

    assert recipients.people == [told]
    assert recipients.without_address == [no_address] == missing
    assert elsewhere not in recipients.people
    (email,) = OutboxEmail.objects.all()
    assert email.to == [told.email]
    assert email.key == f"test-step:{case.pk}:{told.pk}"
    assert email.body == (
        f"Something happened on {case.reference}.\n"
        "\n"
        f"Open the case: https://example.org/cases/{case.reference}\n"
        "\n"
        "This e-mail does not contain the child's details. Sign in to see them."
    )
