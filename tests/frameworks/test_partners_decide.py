"""Issue 27 §3 and §8: the three statutory safeguarding partners decide together. Each
agrees through its own representative (a role per partner; more holders are deputies); the
decision is made only when all three agree; a partner's different view blocks it, is
recorded with each partner's view and escalated. Those who act next are told, once each,
without the child's identity."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board, BoardFramework, Role
from casereviews.deadlines.models import Deadline
from casereviews.notifications.models import Notification, Status
from casereviews.outbox.jobs import deliver_outbox
from casereviews.outbox.models import OutboxEmail
from casereviews.workflow.models import PartnersView, StatusChange, TimelineEntry
from casereviews.workflow.partners import partners_view_record
from casereviews.workflow.services import TransitionRefused, notification_transition
from tests.factories import NotificationFactory, person
from tests.helpers import Mailbox
from tests.partnership import PARTNERS, judged_notifiable
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

WT = "wt-2023"
NOT_SERIOUS = {"abuse_or_neglect": "not_suspected", "child_died": False, "seriously_harmed": False}


@pytest.fixture
def people(board: Board):
    BoardFramework.objects.create(
        board=board, framework=WT, effective_from=datetime.date(2024, 9, 1)
    )
    return staff(board)


@pytest.fixture
def case(board: Board, people) -> Notification:
    draft = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        status=Status.DRAFT,
        framework=WT,
        criteria_facts=NOT_SERIOUS,
        reference="BF-2026-0300",
    )
    submitted = notification_transition(
        notification=draft, name="submit", by=people[Role.NOTIFIER], expected_version=1
    )
    return judged_notifiable(submitted, people[Role.BUSINESS_MANAGER], notifiable=False)


def _agree(case: Notification, by, decision: str = "no_review") -> None:
    case.refresh_from_db()
    partners_view_record(
        notification=case,
        decision=decision,
        criteria=["improvements"],
        reasons=f"{by.full_name}'s reasons",
        by=by,
        expected_version=case.version,
    )


def _mail(subject_part: str) -> list[OutboxEmail]:
    return list(OutboxEmail.objects.filter(subject__contains=subject_part))


def test_the_decision_is_made_only_when_all_three_partners_agree_and_everyone_is_told(
    case: Notification, people, signed_in
) -> None:
    asked = _mail("not notifiable, your agreement is needed")
    assert sorted(m.to[0] for m in asked) == sorted(people[r].email for r in PARTNERS)
    client = signed_in(people[Role.PARTNER_LOCAL_AUTHORITY])
    url = reverse("workflow:partners-decision", args=[case.reference])
    page = client.get(url).content.decode()
    assert "What decision do you agree?" in page
    # An LCSPR follows a rapid review: not offered for a case judged not notifiable.
    assert 'value="lcspr"' not in page
    done = client.post(
        url,
        {
            "decision": "no_review",
            "reasons": "Single-agency learning only",
            "version": case.version,
        },
    )
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.NOT_NOTIFIABLE
    _agree(case, people[Role.PARTNER_ICB])
    case.refresh_from_db()
    assert case.status == Status.NOT_NOTIFIABLE
    _agree(case, people[Role.PARTNER_POLICE])
    case.refresh_from_db()
    assert case.status == Status.NO_REVIEW
    assert PartnersView.objects.filter(notification=case).count() == 3
    change = StatusChange.objects.get(notification=case, transition="partners_decide_no_review")
    assert "The local authority: Single-agency learning only" in change.reason
    assert AuditEvent.objects.filter(action="notification.partners_view").count() == 3
    told = _mail("the safeguarding partners have decided")
    assert sorted(m.to[0] for m in told) == sorted(
        [people[Role.NOTIFIER].email, *(people[r].email for r in PARTNERS)]
    )
    for message in [*asked, *told]:
        assert case.subject_child is None or case.subject_child.full_name not in message.body
    assert not Deadline.objects.filter(notification=case).exists()


def test_one_partners_different_view_blocks_the_decision_is_recorded_and_escalated(
    case: Notification, people, mailbox: Mailbox
) -> None:
    _agree(case, people[Role.PARTNER_LOCAL_AUTHORITY])
    _agree(case, people[Role.PARTNER_ICB])
    _agree(case, people[Role.PARTNER_POLICE], decision="other_review")
    case.refresh_from_db()
    assert case.status == Status.NOT_NOTIFIABLE
    assert not StatusChange.objects.filter(transition__startswith="partners_decide").exists()
    entry = TimelineEntry.objects.get(notification=case, kind="partners.disagree")
    assert "The chief officer of police: Another form of learning review" in entry.detail
    assert AuditEvent.objects.get(action="notification.partners_disagree").detail == {
        "partner_local_authority": "no_review",
        "partner_icb": "no_review",
        "partner_police": "other_review",
    }
    # Sent through the local SMTP server, once each, however often the outbox is drained.
    deliver_outbox()
    deliver_outbox()
    escalated = [m for m in mailbox.messages if "partners disagree" in m["Subject"]]
    assert sorted(m["To"] for m in escalated) == sorted(
        [people[Role.BUSINESS_MANAGER].email, *(people[r].email for r in PARTNERS)]
    )
    for message in escalated:
        assert case.reference in message["Subject"]
        assert "Open the case" in message.get_payload()
    with pytest.raises(TransitionRefused) as refused:
        notification_transition(
            notification=case,
            name="partners_decide_no_review",
            by=people[Role.PARTNER_LOCAL_AUTHORITY],
            expected_version=case.version,
            reason="Two of three agree",
        )
    assert refused.value.code == "partners_not_agreed"
    # The police's deputy agrees after all: the newest view of each partner counts.
    deputy = person(case.board, Role.PARTNER_POLICE, full_name="Police deputy")
    _agree(case, deputy)
    case.refresh_from_db()
    assert case.status == Status.NO_REVIEW


def test_only_a_partners_representative_records_a_view(
    case: Notification, people, signed_in
) -> None:
    url = reverse("workflow:partners-decision", args=[case.reference])
    for role in (Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR, Role.NOTIFIER, Role.AGENCY_LEAD):
        assert signed_in(people[role]).get(url).status_code == 404, role
        with pytest.raises(TransitionRefused):
            _agree(case, people[role])
    assert not PartnersView.objects.exists()
    missing = signed_in(people[Role.PARTNER_ICB]).post(
        url, {"decision": "no_review", "reasons": "", "version": case.version}
    )
    assert "Enter the reasons for the decision" in missing.content.decode()
    assert not PartnersView.objects.exists()


def test_a_partners_representative_finds_the_case_waiting_for_their_agreement_at_home(
    case: Notification, people, signed_in
) -> None:
    home = signed_in(people[Role.PARTNER_ICB]).get("/").content.decode()
    assert "Cases waiting for your agreement" in home
    assert case.reference in home.split("Cases waiting for your agreement", 1)[1]
    _agree(case, people[Role.PARTNER_LOCAL_AUTHORITY])
    _agree(case, people[Role.PARTNER_ICB])
    _agree(case, people[Role.PARTNER_POLICE])
    home = signed_in(people[Role.PARTNER_ICB]).get("/").content.decode()
    # Nothing else waits for them, so the list is left out (no empty block).
    assert "Cases waiting for your agreement" not in home
    assert case.reference not in home
