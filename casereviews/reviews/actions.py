"""The actions a review's recommendations become, until the improvement is sustained
(Procedure A 1: organisations "demonstrate that findings are translated into programmes
of action" and "have in place rigorous monitoring of actions in order that improvements
are sustained").

Each action has an owner agency and its due date as a deadline (`action_due`), so the
worker's deadline sweep chases it: the owner agency's lead when it is due soon and when
it is overdue, the Business Manager once it has been overdue a whole working day, each
step recorded once (`casereviews.deadlines.jobs`). The worker also marks an action
overdue (`mark_overdue_actions`), idempotently."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Organisation, Role
from casereviews.deadlines import rules
from casereviews.deadlines.services import deadline_start, deadlines_meet
from casereviews.kit.emails import step_emails
from casereviews.kit.refusal import require
from casereviews.notifications.attachments import display_name
from casereviews.notifications.models import Notification
from casereviews.policy import Action
from casereviews.reviews.codes import Code
from casereviews.reviews.models import (
    ActionStatus,
    ActionUpdate,
    Recommendation,
    ReviewAction,
)
from casereviews.reviews.services import (
    checked_case,
    record_step,
    review_ensure,
    store_file,
    stored_file_delete,
)
from casereviews.worker.jobs import register_job
from casereviews.workflow.services import TransitionRefused, timeline_add

EVIDENCE_NEEDED = "Attach the evidence that the action is complete"
STILL_OPEN = (ActionStatus.NOT_STARTED, ActionStatus.ON_TRACK, ActionStatus.AT_RISK)


def subject_of(action: ReviewAction) -> str:
    return f"review-action:{action.pk}"


def _tell(action: ReviewAction, people: QuerySet[User], step: str, subject: str, line: str) -> None:
    """E-mail each person once for this step of this action: the reference and a link."""
    reference = action.notification.reference or ""
    link = settings.SERVICE_URL + reverse("reviews:action", args=[action.pk])
    step_emails(
        key=f"review_action.{step}:{action.pk}",
        people=people.distinct(),
        subject=f"Case notification {reference}: {subject}",
        lines=[line.format(reference=reference)],
        links=[("Open the action", link)],
    )


def _agency_leads(action: ReviewAction) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        organisation=action.owner_agency_id,
        role_grants__board=action.board_id,
        role_grants__role=Role.AGENCY_LEAD,
    )


def _business_managers(action: ReviewAction) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        role_grants__board=action.board_id,
        role_grants__role=Role.BUSINESS_MANAGER,
    )


def action_add(
    *,
    notification: Notification,
    by: User,
    recommendation_number: int,
    recommendation_text: str,
    description: str,
    owner_agency: Organisation,
    owner_name: str,
    due_on: datetime.date,
    request: HttpRequest | None = None,
) -> ReviewAction:
    """An action of one of the review's recommendations (the recommendation is recorded
    with its first action); its due date starts the `action_due` deadline."""
    with transaction.atomic():
        case = checked_case(by, notification)
        review = review_ensure(notification=case, by=by)
        recommendation, _ = Recommendation.objects.get_or_create(
            review=review, number=recommendation_number, defaults={"text": recommendation_text}
        )
        action = ReviewAction.objects.create(
            recommendation=recommendation,
            board_id=case.board_id,
            notification=case,
            description=description,
            owner_agency=owner_agency,
            owner_name=owner_name,
            due_on=due_on,
            created_at=timezone.now(),
        )
        deadline_start(
            notification=case,
            rule=rules.action_rule(due_on),
            started_at=action.created_at,
            subject=subject_of(action),
            responsible_organisation=owner_agency,
        )
        _tell(
            action,
            _agency_leads(action),
            "add",
            "an action for your agency",
            "The review of {reference} has an action for your agency. Its due date and what "
            "it asks are on the action's page; update its progress there.",
        )
        record_step(
            notification=case,
            by=by,
            action="review_action.add",
            text=f"Added an action for {owner_agency.name}",
            request=request,
            detail={"action": action.pk},
        )
    return action


def action_update(
    *,
    action: ReviewAction,
    by: User,
    status: str,
    progress: str,
    evidence: UploadedFile[bytes] | None,
    content_type: str = "",
    request: HttpRequest | None = None,
) -> ActionUpdate:
    """A progress update by the owner agency's lead or the Business Manager. "Complete"
    needs evidence: attached now, or with an earlier update."""
    stored = store_file(evidence) if evidence is not None else None
    try:
        with transaction.atomic():
            require(by, Action.ACTION_UPDATE, action, message="You cannot update this action")
            current = ReviewAction.objects.select_for_update().get(pk=action.pk)
            if current.status == ActionStatus.COMPLETE:
                raise TransitionRefused(
                    "This action is complete: it can no longer be updated", code=Code.COMPLETE
                )
            has_evidence = (
                stored is not None or current.updates.exclude(evidence_stored_name="").exists()
            )
            if status == ActionStatus.COMPLETE and not has_evidence:
                raise TransitionRefused(EVIDENCE_NEEDED, code=Code.EVIDENCE_NEEDED, field="file")
            now = timezone.now()
            update = ActionUpdate.objects.create(
                action=current,
                status=status,
                progress=progress,
                evidence_name=display_name(evidence.name or "") if evidence else "",
                evidence_stored_name=stored.name if stored else "",
                evidence_sha256=stored.sha256 if stored else "",
                evidence_content_type=content_type if evidence else "",
                evidence_size=stored.size if stored else 0,
                by=by,
                at=now,
            )
            current.status = status
            current.save(update_fields=["status"])
            if status == ActionStatus.COMPLETE:
                _tell(
                    current,
                    _business_managers(current),
                    "complete",
                    "an action is complete",
                    "An action from the review of {reference} is complete, with its evidence. "
                    "Check later that the improvement is sustained.",
                )
                deadlines_meet(
                    notification=current.notification,
                    codes=(rules.ACTION_DUE.code,),
                    at=now,
                    subject=subject_of(current),
                )
            timeline_add(
                notification=current.notification,
                kind="review_action.update",
                text=f"Updated an action of {current.owner_agency.name}: "
                f"{current.get_status_display().lower()}",
                by=by,
            )
            audit_record(
                request=request,
                actor=by,
                action="review_action.update",
                obj=current.notification,
                detail={"action": current.pk, "status": status},
            )
    except BaseException:
        if stored is not None:
            stored_file_delete(stored)
        raise
    return update


def action_sustained_record(
    *,
    action: ReviewAction,
    by: User,
    sustained_on: datetime.date,
    evidence: str,
    request: HttpRequest | None = None,
) -> ReviewAction:
    """The Business Manager records the later check that the improvement is sustained,
    which closes the loop on a complete action."""
    with transaction.atomic():
        case = checked_case(by, action.notification)
        current = ReviewAction.objects.select_for_update().get(pk=action.pk)
        if current.status != ActionStatus.COMPLETE:
            raise TransitionRefused(
                "Only a complete action can be checked as sustained", code=Code.NOT_COMPLETE
            )
        current.sustained_on = sustained_on
        current.sustained_evidence = evidence
        current.sustained_judged_by = by
        current.save(update_fields=["sustained_on", "sustained_evidence", "sustained_judged_by"])
        record_step(
            notification=case,
            by=by,
            action="review_action.sustained",
            text=f"Checked that the improvement of an action of {current.owner_agency.name} "
            "is sustained",
            request=request,
            detail={"action": current.pk},
        )
    return current


@register_job("mark_overdue_actions")
def mark_overdue_actions() -> int:
    """Mark each action past its due day, and not complete, as overdue. Safe to run again
    or at the same time: it only ever moves an open action to overdue."""
    return ReviewAction.objects.filter(
        due_on__lt=timezone.localdate(), status__in=STILL_OPEN
    ).update(status=ActionStatus.OVERDUE)
