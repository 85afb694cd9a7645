"""The steps of a communication with the family, significant others or the press
(Procedure A 4(v)): drafted, agreed by the LISG, approved by the Independent Chair in
consultation with the responsible senior managers, then delivered or held. Each step
checks the permission through the policy, refuses a step out of order with the sentence
the person reads, and writes the record, the case's timeline entry, the audit event and
the e-mail to whoever acts next in one transaction."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Role
from casereviews.communications.codes import Code
from casereviews.communications.emails import communication_emails
from casereviews.communications.models import UNDELIVERED, Communication, CommunicationState
from casereviews.communications.policy import LOG_ROLES
from casereviews.communications.selectors import case_people
from casereviews.kit.refusal import require
from casereviews.notifications.models import Notification
from casereviews.policy import Action
from casereviews.workflow.services import TransitionRefused, timeline_add

S = CommunicationState

NOT_BOTH_AGREEMENTS = (
    "You cannot record this communication as delivered until the LISG has agreed it and "
    "the Independent Chair has approved it"
)
NOT_AGREED_BY_THE_LISG = (
    "The LISG must agree the communication before the Independent Chair approves it"
)
CONSULTED_MISSING = "Enter which responsible senior managers you consulted"
NOT_PERMITTED = "You cannot do this to this communication"
CHANGED = "Someone else has recorded a step on this communication: look at it again"


def _move(communication: Communication, expected: set[str], **changes: object) -> None:
    """Apply a step only if the communication is still where the person saw it."""
    moved = Communication.objects.filter(pk=communication.pk, state__in=expected).update(**changes)
    if moved != 1:
        raise TransitionRefused(CHANGED, code=Code.CHANGED)
    communication.refresh_from_db()


def _record(
    communication: Communication, *, by: User, action: str, text: str, request: HttpRequest | None
) -> None:
    case = communication.notification
    timeline_add(notification=case, kind=action, text=text, by=by)
    audit_record(
        request=request,
        actor=by,
        action=action,
        obj=case,
        detail={"communication": communication.pk, "audience": communication.audience},
    )


def communication_draft(
    *,
    notification: Notification,
    by: User,
    audience: str,
    message: str,
    channel: str,
    deliverer: User,
    audience_detail: str = "",
    request: HttpRequest | None = None,
) -> Communication:
    """Draft a communication; the LISG members of the meeting that has the case are asked
    to agree it."""
    with transaction.atomic():
        require(by, Action.COMMUNICATION_DRAFT, notification, message=NOT_PERMITTED)
        if not case_people(notification, *LOG_ROLES).filter(pk=deliverer.pk).exists():
            raise TransitionRefused(
                "Choose someone of the board to deliver the communication", code=Code.DELIVERER
            )
        communication = Communication.objects.create(
            notification=notification,
            audience=audience,
            audience_detail=audience_detail.strip(),
            message=message.strip(),
            channel=channel,
            deliverer=deliverer,
            drafted_by=by,
            drafted_at=timezone.now(),
        )
        _record(
            communication,
            by=by,
            action="communication.draft",
            text=f"A communication with {communication.audience_text.lower()} was drafted",
            request=request,
        )
        communication_emails(
            communication=communication,
            step="draft",
            people=case_people(notification, Role.LISG_MEMBER).exclude(pk=by.pk),
            subject=f"Case {notification.reference}: a communication needs the LISG's agreement",
            line=f"A communication about case {notification.reference} has been drafted. "
            "The LISG must agree it before it goes to the Independent Chair.",
        )
    return communication


def communication_agree(
    *, communication: Communication, by: User, request: HttpRequest | None = None
) -> Communication:
    """A LISG member of the board records the LISG's agreement; the Chair is asked."""
    with transaction.atomic():
        require(by, Action.COMMUNICATION_AGREE, communication, message=NOT_PERMITTED)
        if communication.state != S.DRAFTED:
            raise TransitionRefused(
                "The LISG's agreement can only be recorded on a communication waiting for it",
                code=Code.WRONG_STATE,
            )
        _move(communication, {S.DRAFTED}, state=S.AGREED, agreed_by=by, agreed_at=timezone.now())
        case = communication.notification
        _record(
            communication,
            by=by,
            action="communication.agree",
            text=f"The LISG agreed a communication with {communication.audience_text.lower()}",
            request=request,
        )
        communication_emails(
            communication=communication,
            step="agree",
            people=case_people(case, Role.INDEPENDENT_CHAIR),
            subject=f"Case {case.reference}: a communication needs your approval",
            line=f"The LISG has agreed a communication about case {case.reference}. It needs "
            "your approval, in consultation with the responsible senior managers.",
        )
    return communication


def communication_approve(
    *,
    communication: Communication,
    by: User,
    consulted: str,
    request: HttpRequest | None = None,
) -> Communication:
    """The Independent Chair approves, naming the senior managers consulted; the person
    named to deliver it is told."""
    consulted = consulted.strip()
    with transaction.atomic():
        require(by, Action.COMMUNICATION_APPROVE, communication, message=NOT_PERMITTED)
        if communication.state == S.DRAFTED:
            raise TransitionRefused(NOT_AGREED_BY_THE_LISG, code=Code.NOT_AGREED)
        if communication.state != S.AGREED:
            raise TransitionRefused(
                "Only a communication the LISG has agreed can be approved", code=Code.WRONG_STATE
            )
        if not consulted:
            raise TransitionRefused(
                CONSULTED_MISSING, code=Code.CONSULTED_MISSING, field="consulted"
            )
        _move(
            communication,
            {S.AGREED},
            state=S.APPROVED,
            approved_by=by,
            approved_at=timezone.now(),
            consulted=consulted,
        )
        case = communication.notification
        _record(
            communication,
            by=by,
            action="communication.approve",
            text="The Independent Chair approved a communication with "
            f"{communication.audience_text.lower()}",
            request=request,
        )
        communication_emails(
            communication=communication,
            step="approve",
            people=[communication.deliverer],
            subject=f"Case {case.reference}: a communication is approved for you to deliver",
            line=f"A communication about case {case.reference} has been agreed by the LISG "
            "and approved by the Independent Chair. You are named to deliver it.",
        )
    return communication


def communication_deliver(
    *,
    communication: Communication,
    by: User,
    delivered_on: date,
    delivered_by_name: str,
    request: HttpRequest | None = None,
) -> Communication:
    """Record that it was delivered: never without the LISG's agreement and the Chair's
    approval (Procedure A 4(v))."""
    with transaction.atomic():
        require(by, Action.COMMUNICATION_OUTCOME_RECORD, communication, message=NOT_PERMITTED)
        if communication.state not in UNDELIVERED:
            raise TransitionRefused(
                "This communication has already been recorded as delivered or held",
                code=Code.WRONG_STATE,
            )
        if (
            communication.state != S.APPROVED
            or communication.agreed_at is None
            or communication.approved_at is None
        ):
            raise TransitionRefused(NOT_BOTH_AGREEMENTS, code=Code.NOT_BOTH_AGREEMENTS)
        approved_on = timezone.localdate(communication.approved_at)
        if not approved_on <= delivered_on <= timezone.localdate():
            raise TransitionRefused(
                f"The date it was delivered must be between {approved_on.day} "
                f"{approved_on:%B %Y}, when it was approved, and today",
                code=Code.DELIVERED_ON_NOT_POSSIBLE,
                field="delivered_on",
            )
        _move(
            communication,
            {S.APPROVED},
            state=S.DELIVERED,
            delivered_on=delivered_on,
            delivered_by_name=delivered_by_name.strip(),
            outcome_recorded_by=by,
            outcome_recorded_at=timezone.now(),
        )
        _record(
            communication,
            by=by,
            action="communication.deliver",
            text=f"A communication with {communication.audience_text.lower()} was delivered",
            request=request,
        )
    return communication


def communication_hold(
    *,
    communication: Communication,
    by: User,
    reason: str,
    request: HttpRequest | None = None,
) -> Communication:
    """Record that it is held back, with the reason, at any point before delivery."""
    reason = reason.strip()
    with transaction.atomic():
        require(by, Action.COMMUNICATION_OUTCOME_RECORD, communication, message=NOT_PERMITTED)
        if communication.state not in UNDELIVERED:
            raise TransitionRefused(
                "This communication has already been recorded as delivered or held",
                code=Code.WRONG_STATE,
            )
        if not reason:
            raise TransitionRefused("Enter why the communication is held", code=Code.REASON_MISSING)
        _move(
            communication,
            set(UNDELIVERED),
            state=S.HELD,
            held_reason=reason,
            outcome_recorded_by=by,
            outcome_recorded_at=timezone.now(),
        )
        _record(
            communication,
            by=by,
            action="communication.hold",
            text=f"A communication with {communication.audience_text.lower()} was held",
            request=request,
        )
    return communication
