"""Issue 28, 4: the Business Manager must tell Ofsted and the National Panel of every
decision of the Chair (Procedure C 1(iii)); they are e-mailed when the Chair decides,
with each due date, through the outbox and a real SMTP server."""

from __future__ import annotations

import pytest

from casereviews.boards.models import Role
from casereviews.deadlines import rules
from casereviews.deadlines.calendar import LONDON
from casereviews.deadlines.models import Deadline
from casereviews.decisions.services import chair_decision_record
from casereviews.outbox.jobs import deliver_outbox
from tests.decisions.cases import CPIR_FACTS, MUST_FACTS, case_for_the_chair, commissioned
from tests.helpers import Mailbox
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db


def _told(mailbox: Mailbox, email: str) -> list[str]:
    deliver_outbox()
    told = []
    for message in mailbox.messages:
        payload = message.get_payload(decode=True)
        if message["To"] == email and isinstance(payload, bytes):
            told.append(message["Subject"] + "\n" + payload.decode())
    return told


def _due(case, code: str) -> str:
    deadline = Deadline.objects.get(notification=case, rule_code=code, state="open")
    return f"by the end of {deadline.due_at.astimezone(LONDON):%A %-d %B %Y}"


def test_issue28_4_the_business_manager_is_told_when_the_chair_decides_an_scr(
    board, mailbox: Mailbox
) -> None:
    people = staff(board)
    case = case_for_the_chair(board, people, facts=MUST_FACTS)
    chair_decision_record(
        notification=case,
        by=people[Role.INDEPENDENT_CHAIR],
        expected_version=case.version,
        decision="scr",
        rationale="Regulation 5(2) is met",
        choice=commissioned(board, "scr"),
    )
    (told,) = _told(mailbox, people[Role.BUSINESS_MANAGER].email)
    assert told.startswith(
        f"Case notification {case.reference}: tell Ofsted and the National Panel"
    )
    due = _due(case, rules.OFSTED_AND_PANEL_TOLD.code)
    assert f"Tell Ofsted and the National Panel of the SCR decision: {due}" in told


def test_issue28_4_the_business_manager_is_told_of_a_decision_not_to_hold_an_scr(
    board, mailbox: Mailbox
) -> None:
    people = staff(board)
    case = case_for_the_chair(board, people, facts=CPIR_FACTS)
    chair_decision_record(
        notification=case,
        by=people[Role.INDEPENDENT_CHAIR],
        expected_version=case.version,
        decision="cpir",
        rationale="Learning for one agency",
        choice=commissioned(board, "cpir"),
    )
    (told,) = _told(mailbox, people[Role.BUSINESS_MANAGER].email)
    panel = _due(case, rules.PANEL_TOLD_WITHIN_14_DAYS.code)
    ofsted = _due(case, rules.OFSTED_TOLD_OF_NO_SCR.code)
    assert f"Tell the National Panel that no SCR will be held: {panel}" in told
    assert f"Tell Ofsted that no SCR will be held: {ofsted}" in told
