"""Asking the agencies (Procedure A 4(i)): every partner at once, an agency that is not
registered yet, the LISG meeting the returns are due before, and the Business Manager's
reason for letting the LISG go ahead without an answer."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Organisation, Role, RoleGrant
from casereviews.deadlines import rules
from casereviews.decisions.models import InvolvementRequest
from casereviews.decisions.services import involvement_request_send
from casereviews.frameworks.vocabulary import vocabulary
from casereviews.involvement.codes import Code
from casereviews.involvement.emails import agency_lead_invitation_email, involvement_request_emails
from casereviews.involvement.models import LisgGoAhead
from casereviews.involvement.recipients import HOW_TO_REACH, names, unreachable
from casereviews.involvement.selectors import meeting_of, unanswered_requests
from casereviews.involvement.services.common import status_now
from casereviews.kit.refusal import require
from casereviews.notifications.models import ASKING_AGENCIES, Notification
from casereviews.policy import Action
from casereviews.workflow.services import TransitionRefused, timeline_add


def _considering(notification: Notification, what: str) -> None:
    """Refuse unless the agencies are being asked: the case is under consideration (2015)
    or in its rapid review (wt-2023)."""
    if status_now(notification) not in ASKING_AGENCIES:
        raise TransitionRefused(
            f"You can only {what} while the case is "
            f"{vocabulary(notification.framework).considered}",
            code=Code.WRONG_STATE,
        )


def return_rule(notification: Notification, working_days: int) -> rules.DeadlineRule:
    """Due before the case's LISG meeting when it has one, else `working_days` after the
    request (DESIGN.md section 5)."""
    meeting = meeting_of(notification)
    if meeting is None:
        return rules.agency_return_rule(working_days)
    return rules.agency_return_before_meeting_rule(
        meeting.date, notification.board.agency_return_days_before_meeting
    )


def involvement_requests_send(
    *,
    notification: Notification,
    organisations: Iterable[Organisation],
    by: User,
    working_days: int = rules.AGENCY_RETURN_DUE.amount,
    request: HttpRequest | None = None,
) -> list[InvolvementRequest]:
    """Ask every chosen agency at once, in one transaction: all are asked or none. Each
    agency's leads (else its secure address) are e-mailed the reference and a link; an
    agency nobody can be told is refused, not asked in silence (`recipients`)."""
    require(by, Action.AGENCY_INFORMATION_REQUEST, notification)
    chosen = list(organisations)
    if not chosen:
        raise TransitionRefused("Select at least one agency to ask", code=Code.NO_AGENCIES)
    cannot = unreachable(chosen, notification.board)
    if cannot:
        raise TransitionRefused(
            f"{names(cannot)} cannot be told: no safeguarding lead is registered and there "
            f"is no secure e-mail address. {HOW_TO_REACH}",
            code=Code.UNREACHABLE,
        )
    rule = return_rule(notification, working_days)
    with transaction.atomic():
        sent = [
            involvement_request_send(
                notification=notification,
                organisation=organisation,
                by=by,
                working_days=working_days,
                rule=rule,
                request=request,
            )
            for organisation in chosen
        ]
        for involvement_request in sent:
            involvement_request_emails(involvement_request=involvement_request)
    return sent


def agency_add_and_invite(
    *,
    notification: Notification,
    name: str,
    organisation_type: str,
    lead_name: str,
    lead_email: str,
    by: User,
    request: HttpRequest | None = None,
) -> Organisation:
    """An agency the notifier named that is not registered (a GP surgery, a private
    school): it becomes a partner of the board, and its lead is invited to set up an
    account with a second factor. The invitation says nothing about the case."""
    require(by, Action.AGENCY_INFORMATION_REQUEST, notification)
    _considering(notification, "add an agency")
    if Organisation.objects.filter(name__iexact=name.strip()).exists():
        raise TransitionRefused(
            "An organisation with this name is already registered: choose it from the list",
            code=Code.ORGANISATION_EXISTS,
        )
    if User.objects.filter(email__iexact=lead_email.strip()).exists():
        raise TransitionRefused(
            "Someone already has an account with this e-mail address", code=Code.EMAIL_EXISTS
        )
    board = notification.board
    with transaction.atomic():
        organisation = Organisation.objects.create(name=name.strip(), type=organisation_type)
        board.partners.add(organisation)
        lead = User.objects.create_user(
            lead_email.strip(), None, full_name=lead_name.strip(), organisation=organisation
        )
        RoleGrant.objects.create(user=lead, board=board, role=Role.AGENCY_LEAD, granted_by=by)
        timeline_add(
            notification=notification,
            kind="involvement.agency_added",
            text=f"{organisation.name} added as a partner agency, and its lead invited",
            by=by,
        )
        audit_record(
            request=request,
            actor=by,
            action="involvement.agency_added",
            obj=notification,
            detail={"organisation": organisation.pk, "lead": lead.pk},
        )
        agency_lead_invitation_email(user=lead, board=board)
    return organisation


def lisg_go_ahead_record(
    *,
    notification: Notification,
    reason: str,
    by: User,
    request: HttpRequest | None = None,
) -> LisgGoAhead:
    """The Business Manager records why the LISG should recommend (or a partnership's rapid
    review be sent) without the answers of the agencies still awaited; the reason is shown
    to those who decide."""
    require(by, Action.LISG_GO_AHEAD_RECORD, notification)
    _considering(notification, "record this")
    answers_for = vocabulary(notification.framework).answers_for
    reason = reason.strip()
    if not reason:
        raise TransitionRefused(
            f"Enter why {answers_for} should go ahead", code=Code.REASON_REQUIRED
        )
    waiting = unanswered_requests(notification)
    if not waiting:
        raise TransitionRefused(
            f"Every agency asked has answered: {answers_for} can go ahead already",
            code=Code.ALL_ANSWERED,
        )
    with transaction.atomic():
        go_ahead = LisgGoAhead.objects.create(
            notification=notification, reason=reason, recorded_by=by, recorded_at=timezone.now()
        )
        names = ", ".join(w.organisation.name for w in waiting)
        timeline_add(
            notification=notification,
            kind="involvement.lisg_go_ahead",
            text=f"{answers_for[0].upper()}{answers_for[1:]} may go ahead without the answer "
            f"of {names}",
            by=by,
        )
        audit_record(
            request=request,
            actor=by,
            action="involvement.lisg_go_ahead",
            obj=notification,
            detail={"waiting": [w.organisation_id for w in waiting]},
        )
    return go_ahead
