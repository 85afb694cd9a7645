"""Disclosure decisions (Procedure A 4(ii)-(iv)): "all disclosures need to be considered
on a case-by-case basis, and the reasoning for either disclosure or non-disclosure
documented"."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Organisation
from casereviews.involvement.codes import Code
from casereviews.involvement.models import (
    Consent,
    DisclosureDecision,
    DisclosureOutcome,
    RecordsBody,
)
from casereviews.involvement.services.common import status_now
from casereviews.kit.refusal import require
from casereviews.notifications.models import Notification, Status
from casereviews.policy import Action
from casereviews.workflow.services import TransitionRefused, timeline_add

NOT_OPEN = (Status.DRAFT, Status.WITHDRAWN, Status.CLOSED)


@dataclass(frozen=True)
class DisclosureAnswers:
    records_body: str
    records_description: str
    holding_agency: Organisation
    consent: str
    consent_note: str
    lawful_basis: str
    decision: str
    reasoning: str


class DisclosureRefused(TransitionRefused):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, code=f"{field}_required", field=field)


def disclosure_decision_record(
    *,
    notification: Notification,
    answers: DisclosureAnswers,
    by: User,
    request: HttpRequest | None = None,
) -> DisclosureDecision:
    """Record one decision; its reasoning is required whatever the decision."""
    require(by, Action.DISCLOSURE_DECISION_RECORD, notification)
    if status_now(notification) in NOT_OPEN:
        raise TransitionRefused("This case is not open", code=Code.WRONG_STATE)
    if not answers.reasoning.strip():
        raise DisclosureRefused(
            "reasoning", "Enter the reasoning for this decision, whether to disclose or not"
        )
    if answers.consent != Consent.OBTAINED and not answers.consent_note.strip():
        raise DisclosureRefused(
            "consent_note", "Enter why consent was refused or not sought, and how that was weighed"
        )
    if not answers.lawful_basis.strip():
        raise DisclosureRefused("lawful_basis", "Enter the lawful basis for the decision")
    with transaction.atomic():
        decision = DisclosureDecision.objects.create(
            notification=notification,
            records_body=RecordsBody(answers.records_body),
            records_description=answers.records_description.strip(),
            holding_agency=answers.holding_agency,
            consent=Consent(answers.consent),
            consent_note=answers.consent_note.strip(),
            lawful_basis=answers.lawful_basis.strip(),
            decision=DisclosureOutcome(answers.decision),
            reasoning=answers.reasoning.strip(),
            decided_by=by,
            decided_at=timezone.now(),
        )
        timeline_add(
            notification=notification,
            kind="disclosure_decision.recorded",
            text=(
                f"Disclosure decision: {decision.get_records_body_display().lower()} held by "
                f"{answers.holding_agency.name}: {decision.get_decision_display().lower()}"
            ),
            by=by,
        )
        audit_record(
            request=request,
            actor=by,
            action="disclosure_decision.recorded",
            obj=notification,
            detail={"decision": decision.pk, "outcome": decision.decision},
        )
    return decision
