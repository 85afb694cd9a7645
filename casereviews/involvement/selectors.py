"""Reads of agencies' requests and returns, for the guards, the pages and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Organisation
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.deadlines.rules import AGENCY_RETURN_CODES
from casereviews.decisions.models import InvolvementRequest, InvolvementRequestStatus
from casereviews.involvement.models import (
    Involvement,
    InvolvementReturn,
    LisgGoAhead,
    LisgMeeting,
    LisgMeetingCase,
    ParallelProcess,
    ReturnState,
)
from casereviews.notifications.models import NOT_OPEN, OPEN_FOR_ANSWERS, Notification
from casereviews.policy import Action, scope


def meeting_of(notification: Notification) -> LisgMeeting | None:
    assigned = (
        LisgMeetingCase.objects.filter(notification=notification).select_related("meeting").first()
    )
    return assigned.meeting if assigned else None


def unanswered_requests(notification: Notification) -> list[InvolvementRequest]:
    return list(
        InvolvementRequest.objects.filter(
            notification=notification, status=InvolvementRequestStatus.SENT
        )
        .select_related("organisation")
        .order_by("organisation__name")
    )


def no_longer_awaited(notification: Notification, unanswered: list[InvolvementRequest]) -> set[int]:
    """The unanswered requests (their ids) that nobody waits for any more: the case is
    closed or withdrawn, or the request's deadline was cancelled (the LISG recommended,
    the rapid review was sent). Such an agency may still answer while the case is open
    for answers, but it is not "yet to answer" and has no due date."""
    if notification.status in NOT_OPEN:
        return {request.pk for request in unanswered}
    subjects = {f"involvement-request:{request.pk}": request.pk for request in unanswered}
    ended = set(
        Deadline.objects.filter(
            notification=notification,
            rule_code__in=AGENCY_RETURN_CODES,
            subject__in=list(subjects),
            state=DeadlineState.CANCELLED,
        ).values_list("subject", flat=True)
    )
    still_open = set(
        Deadline.objects.filter(
            notification=notification,
            rule_code__in=AGENCY_RETURN_CODES,
            subject__in=list(ended),
            state=DeadlineState.OPEN,
        ).values_list("subject", flat=True)
    )
    return {subjects[subject] for subject in ended - still_open}


def latest_go_ahead(notification: Notification) -> LisgGoAhead | None:
    return (
        LisgGoAhead.objects.filter(notification=notification)
        .select_related("recorded_by")
        .order_by("-recorded_at", "-id")
        .first()
    )


def lisg_may_go_ahead(notification: Notification) -> bool:
    """Every asked agency has answered, or the Business Manager recorded why the LISG
    should go ahead without those still awaited (after the last of them was asked)."""
    waiting = InvolvementRequest.objects.filter(
        notification=notification, status=InvolvementRequestStatus.SENT
    )
    last_asked = waiting.order_by("-requested_at").values_list("requested_at", flat=True).first()
    if last_asked is None:
        return True
    return LisgGoAhead.objects.filter(
        notification=notification, recorded_at__gte=last_asked
    ).exists()


def requests_of_case(notification: Notification) -> QuerySet[InvolvementRequest]:
    return (
        InvolvementRequest.objects.filter(notification=notification)
        .select_related("organisation")
        .order_by("organisation__name", "id")
    )


def requests_for_agency_lead(user: User, board: Board | None) -> list[InvolvementRequest]:
    """The home page: the requests addressed to the person's agency in this board that
    are still open, soonest due first (bounded), with only the columns the page shows."""
    if board is None:
        return []
    return list(
        scope(user, Action.INVOLVEMENT_ANSWER)
        .filter(notification__board=board, notification__status__in=OPEN_FOR_ANSWERS)
        .select_related(None)
        .select_related("notification")
        .only("due_at", "status", "notification__reference")
        .order_by("status", "due_at", "id")[:50]
    )


def return_versions(involvement_request: InvolvementRequest) -> list[InvolvementReturn]:
    """Every version, newest first (a draft, then what was submitted, then replaced ones)."""
    return list(
        InvolvementReturn.objects.filter(request=involvement_request)
        .select_related("submitted_by", "created_by")
        .order_by("-version")
    )


def draft_of(involvement_request: InvolvementRequest) -> InvolvementReturn | None:
    return InvolvementReturn.objects.filter(
        request=involvement_request, state=ReturnState.DRAFT
    ).first()


def submitted_of(involvement_request: InvolvementRequest) -> InvolvementReturn | None:
    return InvolvementReturn.objects.filter(
        request=involvement_request, state=ReturnState.SUBMITTED
    ).first()


def agencies_to_ask(notification: Notification) -> list[Organisation]:
    """The board's partner agencies not waiting on a request for this case: those the
    notifier named first, then the others, by name."""
    waiting = InvolvementRequest.objects.filter(
        notification=notification, status=InvolvementRequestStatus.SENT
    ).values("organisation")
    partners = list(notification.board.partners.exclude(pk__in=waiting).order_by("name"))
    named = set(notification.agencies.values_list("pk", flat=True))
    return [o for o in partners if o.pk in named] + [o for o in partners if o.pk not in named]


@dataclass(frozen=True)
class AgencyAnswer:
    """One agency's answer at a glance, for the Chair: involved or not, and whether it
    came after its due date (or is still awaited past it)."""

    request: InvolvementRequest
    involvement: str  # the return's `Involvement` label; empty while awaited

    @property
    def answered(self) -> bool:
        return self.request.status == InvolvementRequestStatus.ANSWERED

    @property
    def late(self) -> bool:
        until: datetime = self.request.answered_at or timezone.now()
        return until > self.request.due_at


def agencies_answers(notification: Notification) -> list[AgencyAnswer]:
    """Every agency asked about the case (cancelled requests left out), by name, with its
    submitted return's answer: two queries however many agencies were asked."""
    asked = list(
        InvolvementRequest.objects.filter(notification=notification)
        .exclude(status=InvolvementRequestStatus.CANCELLED)
        .select_related("organisation")
        .order_by("organisation__name", "id")
    )
    answers = dict(
        InvolvementReturn.objects.filter(
            request__notification=notification, state=ReturnState.SUBMITTED
        ).values_list("request_id", "involvement")
    )
    labels = dict(Involvement.choices)
    return [AgencyAnswer(r, labels.get(answers.get(r.pk, ""), "")) for r in asked]


def parallel_processes_of(notification: Notification) -> list[ParallelProcess]:
    return list(ParallelProcess.objects.filter(notification=notification).order_by("kind", "id"))
