"""Issue 27 §1: not every partnership case goes to the Panel. The Business Manager judges
whether the incident is notifiable, with the criteria engine's answer beside the question;
departing from it needs a reason. The Panel's 5 working days start only when the incident
is judged notifiable (from the local authority's awareness, or from a later judgement on new
information); a case judged not notifiable goes to the partners' decision on another
learning review or none, and never to the Panel or a rapid review."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from casereviews.assessments.models import VerificationDecision
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board, BoardFramework, Role
from casereviews.deadlines.calendar import end_of_day
from casereviews.deadlines.models import Deadline
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.models import StatusChange, TimelineEntry
from casereviews.workflow.services import TransitionRefused, notification_transition
from tests.factories import NotificationFactory
from tests.partnership import agreed_by_the_three_partners, judged_notifiable
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

WT = "wt-2023"
PANEL = "panel_notified_within_5_working_days"
SERIOUS = {"abuse_or_neglect": "known", "child_died": True, "learning": ["working_together"]}
NOT_SERIOUS = {"abuse_or_neglect": "not_suspected", "child_died": False, "seriously_harmed": False}


@pytest.fixture
def people(board: Board):
    BoardFramework.objects.create(
        board=board, framework=WT, effective_from=datetime.date(2024, 9, 1)
    )
    return staff(board)


def _submitted(
    board: Board, people, facts: dict[str, object], aware_on: datetime.date | None = None
):
    draft = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        status=Status.DRAFT,
        framework=WT,
        criteria_facts=facts,
        local_authority_aware_on=aware_on,
        reference=f"BF-2026-{Notification.objects.count() + 1:04d}",
    )
    return notification_transition(
        notification=draft, name="submit", by=people[Role.NOTIFIER], expected_version=1
    )


def _panel_deadlines(case: Notification) -> list[tuple[str, datetime.date]]:
    return [
        (d.state, timezone.localtime(d.due_at).date())
        for d in Deadline.objects.filter(notification=case, rule_code=PANEL).order_by("id")
    ]


def test_the_page_shows_the_engines_answer_and_a_departure_needs_a_reason_kept_at_its_field(
    board: Board, people, signed_in
) -> None:
    case = _submitted(board, people, SERIOUS)
    client = signed_in(people[Role.BUSINESS_MANAGER])
    url = reverse("assessments:notifiability", args=[case.reference])
    detail = client.get(reverse("notifications:detail", args=[case.reference])).content.decode()
    assert detail.count(f'href="{url}"') == 1
    page = client.get(url).content.decode()
    assert "Is the incident notifiable to the Child Safeguarding Practice Review Panel?" in page
    assert "A serious child safeguarding case that meets the criteria for an LCSPR" in page
    refused = client.post(url, {"notifiable": "no", "reason": "", "version": case.version})
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "Enter why your judgement differs from the criteria engine&#x27;s answer" in text
    assert re.search(r'<input[^>]*value="no"[^>]*checked', text)  # nothing typed is lost
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED
    assert not VerificationDecision.objects.filter(notification=case).exists()
    assert not StatusChange.objects.filter(notification=case).exclude(transition="submit").exists()

    done = client.post(
        url, {"notifiable": "no", "reason": "A fall at home", "version": case.version}
    )
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.NOT_NOTIFIABLE
    judgement = VerificationDecision.objects.get(notification=case)
    assert (judgement.outcome, judgement.engine_recommendation, judgement.agrees) == (
        "not_notifiable",
        "lcspr_criteria_met",
        False,
    )
    assert judgement.reason == "A fall at home"
    assert TimelineEntry.objects.filter(notification=case, kind="notifiability.not_notifiable")
    assert AuditEvent.objects.filter(action="notification.notifiability").count() == 1
    assert not Deadline.objects.filter(notification=case).exists()


def test_only_the_business_manager_sees_the_page_and_a_2015_case_has_none(
    board: Board, people, signed_in
) -> None:
    case = _submitted(board, people, SERIOUS)
    url = reverse("assessments:notifiability", args=[case.reference])
    for role in (Role.NOTIFIER, Role.AGENCY_LEAD, Role.LISG_MEMBER, Role.INDEPENDENT_CHAIR):
        client = signed_in(people[role])
        assert client.get(url).status_code == 404, role
        assert client.post(url, {"notifiable": "yes", "version": 2}).status_code == 404, role
    old = NotificationFactory.create(board=board, notifier=people[Role.NOTIFIER])
    manager = signed_in(people[Role.BUSINESS_MANAGER])
    old_url = reverse("assessments:notifiability", args=[old.reference])
    assert manager.get(old_url).status_code == 404
    assert not VerificationDecision.objects.exists()


def test_judged_notifiable_the_clock_starts_from_awareness_across_christmas_and_is_met(
    board: Board, people
) -> None:
    """Aware on Thursday 24 December 2026: Christmas Day, the Boxing Day substitute and New
    Year's Day are not working days, so the Panel is due by Tuesday 5 January 2027."""
    with time_machine.travel(datetime.datetime(2026, 12, 24, 10, tzinfo=datetime.UTC)):
        case = _submitted(board, people, SERIOUS, aware_on=datetime.date(2026, 12, 24))
        assert _panel_deadlines(case) == []
        case = judged_notifiable(case, people[Role.BUSINESS_MANAGER])
    assert _panel_deadlines(case) == [("open", datetime.date(2027, 1, 5))]
    judgement = VerificationDecision.objects.get(notification=case)
    assert (judgement.outcome, judgement.agrees) == ("notifiable", True)
    with time_machine.travel(datetime.datetime(2027, 1, 5, 15, tzinfo=datetime.UTC)):
        notification_transition(
            notification=case,
            name="notify_panel",
            by=people[Role.BUSINESS_MANAGER],
            expected_version=case.version,
        )
    assert _panel_deadlines(case) == [("met", datetime.date(2027, 1, 5))]


def test_a_case_not_notifiable_goes_to_the_partners_decision_and_never_to_the_panel(
    board: Board, people
) -> None:
    case = _submitted(board, people, NOT_SERIOUS)
    manager = people[Role.BUSINESS_MANAGER]
    with pytest.raises(TransitionRefused) as before:
        notification_transition(
            notification=case, name="notify_panel", by=manager, expected_version=case.version
        )
    assert before.value.code == "not_judged_notifiable"
    case = judged_notifiable(case, manager, notifiable=False)
    assert VerificationDecision.objects.get(notification=case).agrees is True
    for step in ("notify_panel", "send_rapid_review", "partners_decide_lcspr"):
        with pytest.raises(TransitionRefused) as refused:
            notification_transition(
                notification=case,
                name=step,
                by=people[Role.PARTNER_POLICE] if "partners" in step else manager,
                expected_version=case.version,
                reason="x",
            )
        assert refused.value.code == "wrong_state", step
    agreed_by_the_three_partners(case, people, "no_review")
    decided = notification_transition(
        notification=case,
        name="partners_decide_no_review",
        by=people[Role.PARTNER_POLICE],
        expected_version=case.version,
        reason="No learning beyond the agency's own",
    )
    assert decided.status == Status.NO_REVIEW
    assert not Deadline.objects.filter(notification=case).exists()


def test_judged_notifiable_later_the_clock_starts_then_across_a_bank_holiday(
    board: Board, people
) -> None:
    """Aware on 1 December 2026 and judged not notifiable; new information on Thursday 24
    December makes it notifiable: due Tuesday 5 January 2027, not 8 December."""
    manager = people[Role.BUSINESS_MANAGER]
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)):
        case = _submitted(board, people, NOT_SERIOUS, aware_on=datetime.date(2026, 12, 1))
        case = judged_notifiable(case, manager, notifiable=False)
    with time_machine.travel(datetime.datetime(2026, 12, 24, 10, tzinfo=datetime.UTC)):
        case = judged_notifiable(case, manager)
    assert case.status == Status.SUBMITTED
    assert _panel_deadlines(case) == [("open", datetime.date(2027, 1, 5))]
    assert Deadline.objects.get(notification=case).due_at == end_of_day(datetime.date(2027, 1, 5))


def test_judged_not_notifiable_after_all_cancels_the_clock_and_late_notice_is_missed(
    board: Board, people
) -> None:
    manager = people[Role.BUSINESS_MANAGER]
    with time_machine.travel(datetime.datetime(2026, 12, 24, 10, tzinfo=datetime.UTC)):
        first = _submitted(board, people, SERIOUS, aware_on=datetime.date(2026, 12, 24))
        first = judged_notifiable(first, manager)
        second = _submitted(board, people, SERIOUS, aware_on=datetime.date(2026, 12, 24))
        second = judged_notifiable(second, manager)
    with time_machine.travel(datetime.datetime(2026, 12, 29, 10, tzinfo=datetime.UTC)):
        judged_notifiable(first, manager, notifiable=False)
    assert _panel_deadlines(first) == [("cancelled", datetime.date(2027, 1, 5))]
    with time_machine.travel(datetime.datetime(2027, 1, 6, 9, tzinfo=datetime.UTC)):
        notification_transition(
            notification=second, name="notify_panel", by=manager, expected_version=second.version
        )
    assert _panel_deadlines(second) == [("missed", datetime.date(2027, 1, 5))]
