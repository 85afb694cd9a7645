"""Recording the procedure's steps. Each records its record and makes the matching
transition (or, for steps that do not move the case, checks the permission through the
policy and writes the timeline and audit entry) in one transaction, so a refused step
leaves no record behind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Organisation
from casereviews.criteria import SCR_RECOMMENDATIONS, Recommendation
from casereviews.deadlines import rules
from casereviews.deadlines.services import deadline_start, deadlines_meet
from casereviews.decisions.codes import Code
from casereviews.decisions.documents import external_document
from casereviews.decisions.models import (
    ChairDecision,
    Choice,
    ExternalBody,
    ExternalNotification,
    InvolvementRequest,
    LisgRecommendation,
    ReviewType,
    choice_problems,
)
from casereviews.decisions.selectors import (
    bodies_told,
    decision_shown,
    earliest_told_on,
    engine_recommendation,
    external_bodies_due,
    latest_chair_decision,
    latest_lisg_recommendation,
)
from casereviews.frameworks.vocabulary import vocabulary
from casereviews.involvement.models import LisgMeeting, LisgMeetingCase
from casereviews.kit.refusal import require
from casereviews.notifications.models import (
    ASKING_AGENCIES,
    DECIDED_OR_LATER,
    Notification,
)
from casereviews.policy import Action
from casereviews.workflow.services import (
    TransitionRefused,
    notification_transition,
    timeline_add,
)

DEPARTURE_NOT_CONFIRMED = (
    "Confirm that you are deciding against the criteria engine's answer that a Serious Case "
    "Review must be commissioned"
)
DEPARTURE_REASON_MISSING = "Enter why you are deciding against a Serious Case Review"


def lisg_departure_message(engine: str) -> str:
    verb = "must" if engine == Recommendation.SCR_MANDATORY else "should"
    return (
        f"Enter why the LISG does not recommend the Serious Case Review the criteria engine "
        f"says {verb} be commissioned"
    )


def _refuse_contradictions(notification: Notification, choice: Choice) -> None:
    """Refuse a choice that contradicts itself, or names an agency outside the board; the
    code names the field (`<field>_contradicts_type`) so a page can show it there."""
    for field, problem in choice_problems(choice):
        raise TransitionRefused(problem, code=f"{field}_contradicts_type", field=field)
    named = {*choice.other_review_agencies}
    if choice.commissioning_agency is not None:
        named.add(choice.commissioning_agency)
    if named and notification.board.partners.filter(pk__in=named).count() != len(named):
        raise TransitionRefused(
            "Select agencies that are partners of the board",
            code=Code.AGENCY_NOT_A_PARTNER,
            field="other_review_agencies",
        )


def _permitted(user: User, action: Action, notification: Notification) -> str:
    """Check the permission through the policy, inside the step's transaction; returns
    the case's status in the database, not in a copy loaded earlier."""
    require(user, action, notification)
    return Notification.objects.values_list("status", flat=True).get(pk=notification.pk)


def involvement_request_send(
    *,
    notification: Notification,
    organisation: Organisation,
    by: User,
    working_days: int = rules.AGENCY_RETURN_DUE.amount,
    rule: rules.DeadlineRule | None = None,
    request: HttpRequest | None = None,
) -> InvolvementRequest:
    """Ask a partner agency to confirm its involvement; its due date is computed from
    `agency_return_due` with this request's working days (10 unless the board says), or
    from `rule` (counted back from the LISG meeting, `casereviews.involvement`)."""
    with transaction.atomic():
        status = _permitted(by, Action.AGENCY_INFORMATION_REQUEST, notification)
        if status not in ASKING_AGENCIES:
            raise TransitionRefused(
                "You can only ask agencies for information while the case is "
                f"{vocabulary(notification.framework).considered}",
                code=Code.WRONG_STATE,
            )
        if InvolvementRequest.objects.filter(
            notification=notification, organisation=organisation, status="sent"
        ).exists():
            raise TransitionRefused(
                f"{organisation.name} has already been asked and has not answered yet",
                code=Code.ALREADY_REQUESTED,
            )
        now = timezone.now()
        rule = rule or rules.agency_return_rule(working_days)
        involvement = InvolvementRequest.objects.create(
            notification=notification,
            organisation=organisation,
            requested_by=by,
            requested_at=now,
            working_days=working_days,
            due_at=rule.due(now),
        )
        deadline_start(
            notification=notification,
            rule=rule,
            started_at=now,
            subject=f"involvement-request:{involvement.pk}",
            responsible_organisation=organisation,
        )
        timeline_add(
            notification=notification,
            kind="involvement_request.sent",
            text=f"Information requested from {organisation.name}",
            by=by,
        )
        audit_record(
            request=request,
            actor=by,
            action="involvement_request.send",
            obj=notification,
            detail={"organisation": organisation.pk, "working_days": working_days},
        )
    return involvement


def lisg_recommendation_record(
    *,
    notification: Notification,
    by: User,
    expected_version: int,
    review_type: str,
    methodology: str,
    rationale: str,
    meeting_date: date | None = None,
    departure_reason: str = "",
    meeting: LisgMeeting | None = None,
    outside_meeting_reason: str = "",
    choice: Choice | None = None,
    dissent_by: str = "",
    dissent_view: str = "",
    request: HttpRequest | None = None,
) -> LisgRecommendation:
    """The LISG recommends a type of review and a methodology that fits it (A 4(vi)): a
    CPIR jointly commissioned or single-agency naming the agency, another review or audit
    naming the agencies, a DHR, SAR or MAPPA review alongside an SCR or instead (A 5(i));
    members who disagreed are recorded. Departing from the criteria engine's SCR answer
    ("must" or "should"), it says why.

    It recommends at a meeting that had the case on its agenda (`meeting`, on or after
    whose date it is recorded), or outside a meeting (an extraordinary or virtual
    decision) on `meeting_date`, with the reason recorded."""
    departure_reason = departure_reason.strip()
    outside_meeting_reason = outside_meeting_reason.strip()
    choice = replace(
        choice or Choice(review_type), review_type=review_type, methodology=methodology
    )
    dissent_by, dissent_view = dissent_by.strip(), dissent_view.strip()
    with transaction.atomic():
        _permitted(by, Action.LISG_RECOMMEND, notification)
        _refuse_contradictions(notification, choice)
        if bool(dissent_by) != bool(dissent_view):
            raise TransitionRefused(
                "Record both who did not agree and what their view was",
                code=Code.DISSENT_INCOMPLETE,
                field="dissent_view",
            )
        engine = engine_recommendation(notification)
        departs = engine in SCR_RECOMMENDATIONS and review_type != ReviewType.SCR
        if departs and not departure_reason:
            raise TransitionRefused(
                lisg_departure_message(engine),
                code=Code.DEPARTURE_REASON_MISSING,
                field="departure_reason",
            )
        if meeting is not None:
            outside_meeting_reason = ""
            if not LisgMeetingCase.objects.filter(
                meeting=meeting, notification=notification
            ).exists():
                raise TransitionRefused(
                    "The case is not on the agenda of this meeting", code=Code.NOT_ON_AGENDA
                )
            if meeting.date > timezone.localdate():
                raise TransitionRefused(
                    f"The {meeting} has not taken place yet: record the recommendation at "
                    "or after it, or say why the LISG recommends outside a meeting",
                    code=Code.MEETING_NOT_HELD,
                    field="meeting_held",
                )
            meeting_date = meeting.date
        else:
            if not outside_meeting_reason:
                raise TransitionRefused(
                    "Enter why the LISG recommends outside a meeting",
                    code=Code.OUTSIDE_MEETING_REASON_MISSING,
                    field="outside_meeting_reason",
                )
            if meeting_date is None:
                raise TransitionRefused(
                    "Enter the date the LISG made its recommendation", code=Code.DATE_MISSING
                )
        recommendation = LisgRecommendation.objects.create(
            notification=notification,
            review_type=review_type,
            methodology=methodology,
            methodology_other=choice.methodology_other.strip(),
            commissioning=choice.commissioning,
            commissioning_agency_id=choice.commissioning_agency,
            other_review_name=choice.other_review_name.strip(),
            other_procedure=choice.other_procedure,
            other_procedure_relation=choice.other_procedure_relation,
            rationale=rationale,
            dissent_by=dissent_by,
            dissent_view=dissent_view,
            engine_recommendation=engine,
            departure_reason=departure_reason if departs else "",
            meeting_date=meeting_date,
            meeting=meeting,
            outside_meeting_reason=outside_meeting_reason,
            recorded_by=by,
            recorded_at=timezone.now(),
            by_notifier=by.pk == notification.notifier_id,
        )
        recommendation.other_review_agencies.set(choice.other_review_agencies)
        notification_transition(
            notification=notification,
            name="lisg_recommend",
            by=by,
            expected_version=expected_version,
            reason=rationale,
            request=request,
        )
        if recommendation.by_notifier:
            timeline_add(
                notification=notification,
                kind="lisg_recommendation.by_notifier",
                text="The LISG's recommendation was recorded by the person who notified the case",
                by=by,
            )
            audit_record(
                request=request,
                actor=by,
                action="lisg_recommendation.by_notifier",
                obj=notification,
                detail={"recommendation": recommendation.pk},
            )
        if departs:
            timeline_add(
                notification=notification,
                kind="lisg_recommendation.departure",
                text="The LISG departed from the criteria engine's answer that a Serious Case "
                "Review "
                + ("must" if engine == Recommendation.SCR_MANDATORY else "should")
                + " be commissioned",
                by=by,
                detail=departure_reason,
            )
    return recommendation


def chair_decision_record(
    *,
    notification: Notification,
    by: User,
    expected_version: int,
    decision: str,
    rationale: str,
    other_review_consideration: str = "",
    departure_confirmed: bool = False,
    departure_reason: str = "",
    choice: Choice | None = None,
    request: HttpRequest | None = None,
) -> ChairDecision:
    """The Independent Chair decides; transition `decide_<decision>`.

    Where the criteria engine says an SCR must be commissioned (Regulation 5(2)), any other
    decision needs the Chair's explicit confirmation and a reason, kept with the decision
    and written in the case's timeline. A CPIR says how it is commissioned (and by which
    agency if single-agency), another review or audit which one and by which agencies, so
    the review that follows knows what was commissioned."""
    departure_reason = departure_reason.strip()
    with transaction.atomic():
        _permitted(by, Action.CHAIR_DECIDE, notification)
        engine = engine_recommendation(notification)
        departs = engine == Recommendation.SCR_MANDATORY and decision != ReviewType.SCR
        if departs and not departure_confirmed:
            raise TransitionRefused(
                DEPARTURE_NOT_CONFIRMED,
                code=Code.DEPARTURE_NOT_CONFIRMED,
                field="departure_confirmed",
            )
        if departs and not departure_reason:
            raise TransitionRefused(
                DEPARTURE_REASON_MISSING,
                code=Code.DEPARTURE_REASON_MISSING,
                field="departure_reason",
            )
        choice = _chair_choice(notification, decision, choice)
        _refuse_contradictions(notification, choice)
        recorded = ChairDecision.objects.create(
            notification=notification,
            decision=ReviewType(decision),
            commissioning=choice.commissioning,
            commissioning_agency_id=choice.commissioning_agency,
            other_review_name=choice.other_review_name.strip(),
            rationale=rationale,
            other_review_consideration=other_review_consideration.strip(),
            engine_recommendation=engine,
            departure_confirmed=departs,
            departure_reason=departure_reason if departs else "",
            decided_by=by,
            decided_at=timezone.now(),
        )
        recorded.other_review_agencies.set(choice.other_review_agencies)
        notification_transition(
            notification=notification,
            name=f"decide_{decision}",
            by=by,
            expected_version=expected_version,
            reason=rationale,
            request=request,
        )
        if departs:
            timeline_add(
                notification=notification,
                kind="chair_decision.departure",
                text="The Independent Chair confirmed deciding against the criteria engine's "
                "answer that a Serious Case Review must be commissioned (Regulation 5(2))",
                by=by,
                detail=departure_reason,
            )
    return recorded


def _chair_choice(notification: Notification, decision: str, given: Choice | None) -> Choice:
    """What the Chair commissions: the details given, or, given none for the type the LISG
    recommended, the LISG's (the Chair accepts the recommendation as it stands). The
    methodology and any other procedure stay the LISG's advice."""
    if given is None or given == Choice(given.review_type, methodology=given.methodology):
        advice = latest_lisg_recommendation(notification)
        if advice is not None and advice.review_type == decision:
            given = Choice(
                decision,
                commissioning=advice.commissioning,
                commissioning_agency=advice.commissioning_agency_id,
                other_review_name=advice.other_review_name,
                other_review_agencies=tuple(
                    advice.other_review_agencies.values_list("pk", flat=True)
                ),
            )
    return replace(
        given or Choice(decision),
        review_type=decision,
        methodology=None,
        other_procedure="",
        other_procedure_relation="",
    )


def chair_decision_escalate(
    *,
    notification: Notification,
    by: User,
    expected_version: int,
    rationale: str,
    request: HttpRequest | None = None,
) -> ChairDecision:
    """Escalate a CPIR to an SCR: a new SCR decision linked to the CPIR decision."""
    with transaction.atomic():
        _permitted(by, Action.CHAIR_DECIDE, notification)
        cpir = latest_chair_decision(notification)
        if cpir is None or cpir.decision != ReviewType.CPIR:
            raise TransitionRefused("Only a CPIR can be escalated to an SCR", code=Code.NOT_A_CPIR)
        scr = ChairDecision.objects.create(
            notification=notification,
            decision=ReviewType.SCR,
            rationale=rationale,
            escalates=cpir,
            decided_by=by,
            decided_at=timezone.now(),
        )
        notification_transition(
            notification=notification,
            name="escalate_to_scr",
            by=by,
            expected_version=expected_version,
            reason=rationale,
            request=request,
        )
    return scr


def external_notification_record(
    *,
    notification: Notification,
    by: User,
    body: str,
    told_at: datetime,
    how: str,
    body_reference: str = "",
    request: HttpRequest | None = None,
) -> ExternalNotification:
    """Record that Ofsted or the National Panel was told of the Chair's decision, keeping
    the document the service generated for that body as it was sent, and the body's
    reference; meets the deadline to tell them once everyone due to be told has been."""
    with transaction.atomic():
        if _permitted(by, Action.EXTERNAL_NOTIFICATION_RECORD, notification) not in (
            DECIDED_OR_LATER
        ):
            raise TransitionRefused(
                "Record who was told only after the Independent Chair has decided",
                code=Code.WRONG_STATE,
            )
        first, event = earliest_told_on(notification)
        told_on = timezone.localdate(told_at)
        if told_on < first or told_on > timezone.localdate():
            raise TransitionRefused(
                f"The date they were told must be between {first.day} {first:%B %Y}, {event}, "
                "and today",
                code=Code.TOLD_ON_NOT_POSSIBLE,
                field="told_on",
            )
        decision = decision_shown(notification)
        told = ExternalNotification.objects.create(
            notification=notification,
            body=ExternalBody(body),
            decision=decision,
            told_at=told_at,
            how=how,
            body_reference=body_reference.strip(),
            document=external_document(notification, decision, body) if decision else "",
            recorded_by=by,
            recorded_at=timezone.now(),
        )
        timeline_add(
            notification=notification,
            kind="external_notification.recorded",
            text=f"{told.get_body_display()} told of the decision",
            by=by,
        )
        audit_record(
            request=request,
            actor=by,
            action="external_notification.record",
            obj=notification,
            detail={"body": body},
        )
        # Each body's own deadline where no SCR is held; together where one is.
        deadlines_meet(
            notification=notification,
            codes=(
                rules.PANEL_TOLD_WITHIN_14_DAYS.code
                if body == ExternalBody.NATIONAL_PANEL
                else rules.OFSTED_TOLD_OF_NO_SCR.code,
            ),
            at=told_at,
        )
        if external_bodies_due(notification) <= bodies_told(notification, since_decision=decision):
            deadlines_meet(
                notification=notification, codes=(rules.OFSTED_AND_PANEL_TOLD.code,), at=told_at
            )
    return told
