"""Cases put where the LISG or the Independent Chair acts, with the records a real case
would have by then: the criteria engine's stored answer (from the real engine), the
LISG's recommendation and the one-month decision deadline."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.assessments.models import CriteriaAssessment
from casereviews.boards.models import Board, Role
from casereviews.criteria import assess, parse_facts, ruleset_in_force
from casereviews.deadlines import rules
from casereviews.deadlines.services import deadline_start
from casereviews.decisions.models import Choice, Commissioning, ReviewType
from casereviews.notifications.models import Notification, Status
from tests.factories import LisgRecommendationFactory, NotificationFactory, OrganisationFactory

# Regulation 5(2): abuse suspected and the child died: an SCR must be commissioned.
MUST_FACTS: dict[str, Any] = {"abuse_or_neglect": "suspected", "child_died": True}
# Nothing points to an SCR: a CPIR (standards not met, learning for one agency).
CPIR_FACTS: dict[str, Any] = {
    "abuse_or_neglect": "not_suspected",
    "child_died": False,
    "seriously_harmed": True,
    "inter_agency_concern": "no",
    "standards_not_met": "yes",
    "learning": ["single_agency"],
}


def assessed(case: Notification, facts: dict[str, Any], by: User) -> CriteriaAssessment:
    ruleset = ruleset_in_force(timezone.localdate())
    answer: dict[str, Any] = assess(parse_facts(facts), ruleset).as_dict()
    return CriteriaAssessment.objects.create(
        notification=case,
        ruleset=ruleset.code,
        ruleset_version=ruleset.version,
        facts=facts,
        answer=answer,
        recommendation=str(answer["recommendation"]),
        assessed_at=timezone.now(),
        by=by,
    )


def case_for_the_chair(
    board: Board,
    people: dict[Role, User],
    *,
    facts: dict[str, Any] | None,
    notified_at: datetime.datetime | None = None,
    review_type: str = "scr",
) -> Notification:
    """A case the LISG has recommended on, waiting for the Chair."""
    notified_at = notified_at or timezone.now()
    case = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        status=Status.LISG_RECOMMENDED,
        submitted_at=notified_at,
    )
    if facts is not None:
        assessed(case, facts, people[Role.BUSINESS_MANAGER])
    deadline_start(
        notification=case, rule=rules.SCR_DECISION_WITHIN_ONE_MONTH, started_at=notified_at
    )
    LisgRecommendationFactory.create(
        notification=case,
        review_type=review_type,
        methodology="scie_learning_together" if review_type == "scr" else "none",
        commissioning=Commissioning.JOINT if review_type == ReviewType.CPIR else "",
        rationale="The LISG found that agencies did not share what they knew",
        meeting_date=timezone.localdate(),
        recorded_by=people[Role.LISG_MEMBER],
    )
    return case


def commissioned(board: Board, decision: str) -> Choice:
    """What the Chair commissions with a decision of this type: a CPIR jointly, another
    review or audit by one of the board's partners; nothing more for an SCR or no review."""
    if decision == ReviewType.CPIR:
        return Choice(decision, commissioning=Commissioning.JOINT)
    if decision == ReviewType.OTHER_REVIEW:
        agency = board.partners.first() or OrganisationFactory.create(name="Children's Social Care")
        board.partners.add(agency)
        return Choice(decision, other_review_name="Audit", other_review_agencies=(agency.pk,))
    return Choice(decision)
