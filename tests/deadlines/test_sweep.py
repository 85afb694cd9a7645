"""The worker's sweep: each due reminder step recorded once with its e-mail queued, to the
person responsible and then to the Business Manager, carrying a reference and a link only.
And the pages that show deadlines and the worker's health."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from casereviews.boards.models import Role
from casereviews.deadlines import rules
from casereviews.deadlines.calendar import LONDON
from casereviews.deadlines.jobs import sweep_deadlines
from casereviews.deadlines.models import ReminderSent
from casereviews.deadlines.services import deadline_start
from casereviews.notifications.models import Status
from casereviews.outbox.models import OutboxEmail
from casereviews.worker.models import Heartbeat
from tests.factories import NotificationFactory, person
from tests.helpers import sign_in
from tests.lisg import before_the_lisg
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db


def london(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=LONDON)


@pytest.fixture
def case_with_verification(board):
    """A case submitted on Monday 2 November 2026: verification due end of Wednesday 4th."""
    people = staff(board)
    case = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        status=Status.SUBMITTED,
        criteria_facts={"age_years": 4, "child_died": True},
    )
    deadline = deadline_start(
        notification=case, rule=rules.VERIFICATION_DUE, started_at=london(2026, 11, 2, 10, 0)
    )
    return people, case, deadline


def _sweep_at(year: int, month: int, day: int, hour: int, minute: int) -> int:
    with time_machine.travel(london(year, month, day, hour, minute), tick=False):
        return sweep_deadlines()


@pytest.mark.usefixtures("case_with_verification")
def test_each_step_is_recorded_once_when_its_moment_comes() -> None:
    """A 2-working-day deadline is not due soon the day it starts (issue 28, 9): nothing
    on Monday, one reminder on Tuesday, none more on Wednesday. Overdue from Thursday: a
    second. Escalated once overdue a whole working day (Friday 00:00): a third. Sweeping
    again records nothing twice."""
    assert _sweep_at(2026, 11, 2, 12, 0) == 0
    assert _sweep_at(2026, 11, 3, 9, 0) == 1
    assert _sweep_at(2026, 11, 4, 9, 0) == 0
    assert _sweep_at(2026, 11, 5, 0, 1) == 1
    assert _sweep_at(2026, 11, 6, 0, 1) == 1
    assert _sweep_at(2026, 11, 9, 9, 0) == 0
    assert list(ReminderSent.objects.values_list("step", flat=True)) == [
        "due_soon",
        "overdue",
        "escalated",
    ]
    assert OutboxEmail.objects.count() == 3


def test_reminders_go_to_the_responsible_role_and_escalation_to_the_business_manager(
    board, case_with_verification
) -> None:
    """Verification is the Business Manager's own deadline; a LISG deadline reminds the
    LISG members and escalates to the Business Manager."""
    people, case, _ = case_with_verification
    deadline_start(
        notification=case,
        rule=rules.LISG_RECOMMENDATION_DUE,
        started_at=london(2026, 11, 2, 10, 0),
    )
    _sweep_at(2027, 1, 29, 9, 0)
    lisg_mails = OutboxEmail.objects.filter(subject__contains=case.reference).exclude(
        to=[people[Role.BUSINESS_MANAGER].email]
    )
    assert {tuple(m.to) for m in lisg_mails} == {(people[Role.LISG_MEMBER].email,)}
    assert lisg_mails.count() == 2  # due soon and overdue
    escalations = ReminderSent.objects.filter(step="escalated")
    assert escalations.count() == 2
    assert OutboxEmail.objects.filter(to=[people[Role.BUSINESS_MANAGER].email]).count() == 4


def test_a_reminder_carries_the_reference_and_a_link_never_the_childs_details(
    case_with_verification,
) -> None:
    people, case, _ = case_with_verification
    _sweep_at(2026, 11, 5, 9, 0)
    email = OutboxEmail.objects.filter(key__endswith=":overdue").get()
    assert email.subject == f"{case.reference}: deadline is overdue"
    assert f"/notifications/{case.reference}" in email.body
    assert "23:59 on Wednesday 4 November 2026" in email.body
    for detail in ("child_died", "age_years", people[Role.NOTIFIER].full_name):
        assert detail not in email.body
        assert detail not in email.subject


def test_a_met_deadline_sends_no_reminder(case_with_verification) -> None:
    deadline = case_with_verification[2]
    deadline.state = "met"
    deadline.save()
    assert _sweep_at(2026, 11, 20, 9, 0) == 0
    assert not ReminderSent.objects.exists()
    assert not OutboxEmail.objects.exists()


def test_the_due_page_shows_each_person_their_deadlines_with_tags(board) -> None:
    """The Business Manager sees verification as due soon; the LISG member sees the LISG
    deadline on track; neither sees the other's."""
    people = staff(board)
    with time_machine.travel(london(2026, 11, 2, 10, 0), tick=False):
        case = NotificationFactory.create(
            board=board, notifier=people[Role.NOTIFIER], status=Status.UNDER_CONSIDERATION
        )
        for rule in (rules.VERIFICATION_DUE, rules.LISG_RECOMMENDATION_DUE):
            deadline_start(notification=case, rule=rule, started_at=london(2026, 11, 2, 10, 0))
        # A LISG member sees the cases on their meetings' agendas (ADR 0011).
        before_the_lisg(case, people[Role.LISG_MEMBER])
    with time_machine.travel(london(2026, 11, 3, 9, 0), tick=False):
        bm, lisg = Client(), Client()
        sign_in(bm, people[Role.BUSINESS_MANAGER])
        sign_in(lisg, people[Role.LISG_MEMBER])
        bm_page = bm.get(reverse("deadlines:due")).content.decode()
        lisg_page = lisg.get(reverse("deadlines:due")).content.decode()
    assert rules.VERIFICATION_DUE.title in bm_page
    assert "Due soon" in bm_page
    assert "end of Wednesday 4 November 2026" in bm_page
    assert rules.LISG_RECOMMENDATION_DUE.title not in bm_page
    assert rules.LISG_RECOMMENDATION_DUE.title in lisg_page
    assert "On track" in lisg_page
    assert rules.VERIFICATION_DUE.title not in lisg_page


def test_the_case_page_lists_its_deadlines(case_with_verification) -> None:
    people, case, _ = case_with_verification
    client = Client()
    sign_in(client, people[Role.BUSINESS_MANAGER])
    with time_machine.travel(london(2026, 11, 9, 9, 0), tick=False):
        page = client.get(reverse("notifications:detail", args=[case.reference]))
    assert rules.VERIFICATION_DUE.title in page.content.decode()
    assert "Overdue" in page.content.decode()


def test_the_operations_page_is_for_administrators_and_shows_counts_only(
    board, administrator
) -> None:
    Heartbeat.objects.create(worker="host:123", beat_at=datetime.now(LONDON), cycles=7)
    OutboxEmail.objects.create(
        key="a",
        to=["bm@board.example.org"],
        subject="BF-2026-0001: deadline is overdue",
        body="secret",
        next_attempt_at=datetime.now(LONDON),
        last_error="ConnectionRefusedError",
    )
    OutboxEmail.objects.create(
        key="b",
        to=["bm@board.example.org"],
        subject="x",
        body="y",
        next_attempt_at=datetime.now(LONDON) + timedelta(hours=1),
    )
    admin = Client()
    sign_in(admin, administrator)
    page = admin.get(reverse("worker:operations")).content.decode()
    assert "host:123" in page
    assert 'Waiting to be sent</dt><dd class="govuk-summary-list__value">2' in page
    assert 'retried</dt><dd class="govuk-summary-list__value">1' in page
    assert "bm@board.example.org" not in page
    assert "BF-2026-0001" not in page
    manager = Client()
    sign_in(manager, person(board, Role.BUSINESS_MANAGER))
    assert manager.get(reverse("worker:operations")).status_code == 403
