"""Conflicts of interest (issue 28, 3): a member who declared one is left out of the
case's e-mails; the Business Manager is warned when no LISG member without a conflict
remains; a recommendation recorded by the case's own notifier is flagged and recorded.
E-mails go through the outbox and a real SMTP server."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.deadlines import rules
from casereviews.deadlines.jobs import sweep_deadlines
from casereviews.deadlines.services import deadline_start
from casereviews.decisions.models import LisgRecommendation
from casereviews.decisions.services import lisg_recommendation_record
from casereviews.involvement.services.meetings import lisg_conflict_declare
from casereviews.notifications.models import Status
from casereviews.outbox.jobs import deliver_outbox
from casereviews.workflow.models import TimelineEntry
from tests.decisions.cases import MUST_FACTS, assessed
from tests.factories import person
from tests.helpers import sign_in
from tests.involvement.helpers import asked
from tests.lisg import before_the_lisg

pytestmark = pytest.mark.django_db


def test_issue28_3_a_conflicted_member_is_not_reminded_of_the_case(partners, mailbox) -> None:
    """The LISG's recommendation falls due: the LISG member is reminded, the member who
    declared a conflict in the case is not."""
    board, case = partners.board, partners.case
    member = partners.people[Role.LISG_MEMBER]
    conflicted = person(board, Role.LISG_MEMBER, full_name="Conflicted Member")
    meeting = before_the_lisg(case, member, conflicted)
    lisg_conflict_declare(
        meeting=meeting,
        member=conflicted,
        notification=case,
        interest="Related to the child's stepfather",
        by=partners.manager,
    )
    deadline = deadline_start(
        notification=case, rule=rules.LISG_RECOMMENDATION_DUE, started_at=timezone.now()
    )
    deliver_outbox()
    mailbox.messages.clear()
    with time_machine.travel(deadline.due_at - datetime.timedelta(hours=1), tick=False):
        assert sweep_deadlines() >= 1
        deliver_outbox()
    reminded = {m["To"] for m in mailbox.messages if "due soon" in m["Subject"]}
    assert reminded == {member.email}


def test_issue28_3_the_business_manager_is_warned_when_no_member_is_left(
    client, partners, mailbox
) -> None:
    """The meeting's only LISG member declares a conflict: the Business Manager is
    e-mailed that nobody is left to recommend, the case's timeline says so, and the
    confirmation says so too."""
    member = partners.people[Role.LISG_MEMBER]
    meeting = before_the_lisg(partners.case, member)
    response = sign_in(client, member).post(
        reverse("involvement:lisg-conflict", args=[meeting.pk]),
        {
            "member": str(member.pk),
            "case": str(partners.case.pk),
            "interest": "A family connection",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "no longer sees the case" in page
    assert "No LISG member without a conflict remains to recommend" in page
    assert TimelineEntry.objects.filter(
        notification=partners.case, kind="involvement.lisg_no_member_left"
    ).exists()
    deliver_outbox()
    warned = [m for m in mailbox.messages if "no LISG member left" in m["Subject"]]
    assert [m["To"] for m in warned] == [partners.manager.email]


def test_issue28_3_a_recommendation_by_the_cases_own_notifier_is_flagged(client, partners) -> None:
    """A LISG member who notified the case records its recommendation: it is stored as
    the notifier's, the timeline and the audit trail say so, and the Chair sees it."""
    case = partners.case
    notifier = case.notifier
    notifier.role_grants.create(board=partners.board, role=Role.LISG_MEMBER)
    assessed(case, MUST_FACTS, partners.manager)
    answered = asked(case, partners.police, partners.manager)
    answered.status, answered.answered_at = "answered", timezone.now()
    answered.save()
    meeting = before_the_lisg(case, notifier)
    lisg_recommendation_record(
        notification=case,
        by=notifier,
        expected_version=case.version,
        review_type="scr",
        methodology="silp",
        rationale="Regulation 5(2) is met",
        meeting=meeting,
    )
    recommendation = LisgRecommendation.objects.get(notification=case)
    assert recommendation.by_notifier
    assert TimelineEntry.objects.filter(
        notification=case, kind="lisg_recommendation.by_notifier"
    ).exists()
    assert AuditEvent.objects.filter(action="lisg_recommendation.by_notifier").count() == 1
    case.refresh_from_db()
    assert case.status == Status.LISG_RECOMMENDED
    chair = partners.people[Role.INDEPENDENT_CHAIR]
    page = sign_in(client, chair).get(reverse("decisions:chair-decision", args=[case.reference]))
    text = page.content.decode()
    assert 'id="recommendation-by-notifier"' in text
    assert "notified this case and recorded the LISG's recommendation" in text


def test_issue28_3_a_conflicted_person_is_not_offered_in_the_cases_pick_list(
    client, partners
) -> None:
    """The Chair sits on the meeting and declares a conflict in the case: the LISG
    member drafting a communication is no longer offered the Chair to deliver it."""
    case = partners.case
    member = partners.people[Role.LISG_MEMBER]
    chair = partners.people[Role.INDEPENDENT_CHAIR]
    meeting = before_the_lisg(case, member, chair)
    draft = reverse("communications:draft", args=[case.reference])
    page = sign_in(client, member).get(draft).content.decode()
    assert chair.full_name in page
    lisg_conflict_declare(
        meeting=meeting,
        member=chair,
        notification=case,
        interest="Chaired the school's governors",
        by=partners.manager,
    )
    page = client.get(draft).content.decode()
    assert chair.full_name not in page
    assert partners.manager.full_name in page
