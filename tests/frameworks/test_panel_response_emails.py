"""When the Business Manager records the Child Safeguarding Practice Review Panel's response
to a partnership's rapid review, those whose work it is are told, through the outbox and a
real SMTP server: the partnership's Business Manager(s) and the safeguarding partners'
decision-makers, each once per response, with the reference, whether the Panel will carry
out a national review, and a link, never the child's identity or the Panel's own words."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from casereviews.boards.models import Board, BusinessManagerAbsence, BusinessManagerDeputy, Role
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.models import PanelResponse
from tests.factories import CHILD_NAME, ChildFactory, NotificationFactory, person
from tests.helpers import Mailbox, body_of, delivered_once
from tests.partnership import PARTNERS
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

ANSWERED = {"received_on_day": "2", "received_on_month": "4", "received_on_year": "2026"}


def _partnership_case(board: Board, notifier, status: str = Status.RAPID_REVIEW_SENT):
    case = NotificationFactory.create(
        board=board, notifier=notifier, framework="wt-2023", status=status
    )
    child = ChildFactory.create(
        notification=case,
        address="",
        child_protection_plan="never",
        looked_after="never",
        open_to_social_care="yes",
    )
    Notification.objects.filter(pk=case.pk).update(subject_child=child)
    return case


def test_the_business_manager_and_the_partners_decision_makers_are_told_of_the_panels_answer(
    board: Board, other_board: Board, signed_in, mailbox: Mailbox
) -> None:
    people = staff(board)
    second_manager = person(board, Role.BUSINESS_MANAGER, full_name="Second Manager")
    # The decision-makers of another partnership are not told.
    person(other_board, Role.PARTNER_POLICE, full_name="Another partnership's partner")
    case = _partnership_case(board, people[Role.NOTIFIER])
    client = signed_in(people[Role.BUSINESS_MANAGER])
    url = reverse("workflow:panel-response", args=[case.reference])
    done = client.post(
        url,
        {"version": case.version, "national_review": "yes", "detail": "Letter from the Panel"},
    )
    # The form asks for the date too: nothing is recorded, nobody is told.
    assert done.status_code == 200
    assert delivered_once(mailbox) == []

    done = client.post(
        url,
        {
            "version": case.version,
            "national_review": "yes",
            "detail": f"The Panel will review the case of {CHILD_NAME}",
            **ANSWERED,
        },
    )
    assert done.status_code == 302
    sent = delivered_once(mailbox)
    told = sorted(message["To"] for message in sent)
    assert told == sorted(
        [
            people[Role.BUSINESS_MANAGER].email,
            second_manager.email,
            *(people[role].email for role in PARTNERS),
        ]
    )
    for message in sent:
        assert message["Subject"] == f"Case notification {case.reference}: the Panel has responded"
        body = body_of(message)
        assert "The Child Safeguarding Practice Review Panel will carry out a national review" in (
            body
        )
        assert "2 April 2026" in body
        assert reverse("notifications:detail", args=[case.reference]) in body
        # Neither the child nor the Panel's own words, which may name the child.
        for secret in (CHILD_NAME, "Zebedee", "2019", "The Panel will review"):
            assert secret not in body
            assert secret not in message["Subject"]


def test_a_correction_is_told_again_with_the_panels_new_answer(
    board: Board, signed_in, mailbox: Mailbox
) -> None:
    people = staff(board)
    case = _partnership_case(board, people[Role.NOTIFIER], status=Status.LCSPR_COMMISSIONED)
    client = signed_in(people[Role.BUSINESS_MANAGER])
    url = reverse("workflow:panel-response", args=[case.reference])
    client.post(url, {"version": case.version, "national_review": "no", **ANSWERED})
    first = delivered_once(mailbox)
    assert len(first) == 4  # the Business Manager and the three partners' representatives
    assert all("will not carry out a national review" in body_of(m) for m in first)
    client.post(url, {"version": case.version, "national_review": "yes", **ANSWERED})
    second = delivered_once(mailbox)
    assert sorted(m["To"] for m in second) == sorted(m["To"] for m in first)
    assert all("will carry out a national review" in body_of(m) for m in second)
    assert PanelResponse.objects.filter(notification=case).count() == 2


def test_while_a_business_manager_is_away_their_deputy_is_told_too(
    board: Board, signed_in, mailbox: Mailbox
) -> None:
    """Who stands in for the Business Manager is decided in one place
    (`casereviews.boards.contacts`): while a manager is away, the deputy named for the
    partnership is told as well."""
    people = staff(board)
    away = person(board, Role.BUSINESS_MANAGER, full_name="Away Manager")
    deputy = person(board, Role.LISG_MEMBER, full_name="Named Deputy")
    today = timezone.localdate()
    BusinessManagerAbsence.objects.create(
        board=board, person=away, starts_on=today, ends_on=today, recorded_at=timezone.now()
    )
    BusinessManagerDeputy.objects.create(board=board, person=deputy, named_at=timezone.now())
    case = _partnership_case(board, people[Role.NOTIFIER])
    signed_in(people[Role.BUSINESS_MANAGER]).post(
        reverse("workflow:panel-response", args=[case.reference]),
        {"version": case.version, "national_review": "no", **ANSWERED},
    )
    told = sorted(m["To"] for m in delivered_once(mailbox))
    assert told == sorted(
        [
            people[Role.BUSINESS_MANAGER].email,
            away.email,
            deputy.email,
            *(people[role].email for role in PARTNERS),
        ]
    )


def test_nobody_is_told_when_the_response_is_refused(
    board: Board, signed_in, mailbox: Mailbox
) -> None:
    """Before the rapid review is sent, or on a 2015 case, there is no response to record,
    and nothing is sent."""
    people = staff(board)
    early = _partnership_case(board, people[Role.NOTIFIER], status=Status.RAPID_REVIEW)
    old = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.SCR_COMMISSIONED
    )
    client = signed_in(people[Role.BUSINESS_MANAGER])
    for case in (early, old):
        client.post(
            reverse("workflow:panel-response", args=[case.reference]),
            {"version": case.version, "national_review": "yes", **ANSWERED},
        )
    assert not PanelResponse.objects.exists()
    assert delivered_once(mailbox) == []
