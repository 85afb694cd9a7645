"""Reads of LISG meetings for their pages: the board's meetings, the cases ready for an
agenda, a meeting's agenda as the reader may see it, and one case's section of the pack.
Each list is bounded or read a page at a time; a pack section costs the same whatever
the number of cases on the agenda."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Role
from casereviews.decisions.models import InvolvementRequest, InvolvementRequestStatus
from casereviews.decisions.selectors import EngineAnswer, engine_answer
from casereviews.involvement.chronology import ORDER, PAGE_SIZE
from casereviews.involvement.models import (
    ChronologyEntry,
    DisclosureDecision,
    InvolvementReturn,
    LisgConflict,
    LisgMeeting,
    LisgMeetingCase,
    LisgMeetingMember,
    ParallelProcess,
    ReturnState,
)
from casereviews.notifications.models import Notification, Status
from casereviews.notifications.summary import Section, crnf_sections
from casereviews.policy import Action, boards_where, may, scope

UPCOMING_FIRST = ("date", "id")
LATEST_FIRST = ("-date", "-id")
READY_NEWEST_FIRST = ("-submitted_at", "-id")
# The pack shows the start of the merged chronology; the chronology page has all of it.
# The PDF carries more of it than the page, which shows the chronology's first page.
PACK_CHRONOLOGY_LIMIT = 200
PACK_PAGE_CHRONOLOGY = PAGE_SIZE


def meeting_held(now: datetime.datetime | None = None) -> Q:
    """Meetings already held: an earlier day, or earlier today at their time (a meeting
    of today with no time is still to come until the day ends)."""
    local = timezone.localtime(now)
    return Q(date__lt=local.date()) | Q(date=local.date(), time__lt=local.time())


def meetings_of_board(user: User, board: Board) -> QuerySet[LisgMeeting]:
    return (
        scope(user, Action.LISG_MEETING_VIEW)
        .filter(board=board)
        .only("id", "board_id", "date", "time", "place", "pack_issued_at")
    )


def _agencies(queryset: QuerySet[Any], through: str) -> QuerySet[Any]:
    """Whether agencies were asked, and whether any is still awaited."""
    requests = InvolvementRequest.objects.filter(notification=OuterRef(through))
    annotated: QuerySet[Any] = queryset.annotate(
        agencies_asked=Exists(requests),
        agencies_waiting=Exists(requests.filter(status=InvolvementRequestStatus.SENT)),
    )
    return annotated


def ready_for_agenda(board: Board) -> QuerySet[Notification]:
    """Verified cases under consideration on no meeting's agenda (Procedure A 4(v))."""
    ready = Notification.objects.filter(
        board=board, status=Status.UNDER_CONSIDERATION, lisg_meeting_case__isnull=True
    ).only("id", "reference", "submitted_at", "status", "board_id")
    return _agencies(ready, "pk")


def agenda(meeting: LisgMeeting, user: User) -> list[LisgMeetingCase]:
    """The cases on the agenda that the person may see (not a case in which they declared
    a conflict of interest), with whether the agencies have answered. Bounded: an agenda
    is a meeting's business."""
    visible = scope(user, Action.CASE_PAPERS_VIEW).filter(board=meeting.board_id).values("pk")
    rows = (
        LisgMeetingCase.objects.filter(meeting=meeting, notification__in=visible)
        .select_related("notification")
        .only(
            "id",
            "meeting_id",
            "assigned_at",
            "notification__id",
            "notification__reference",
            "notification__status",
        )
        .order_by("assigned_at", "id")
    )
    return list(_agencies(rows, "notification")[:200])


def members(meeting: LisgMeeting) -> list[LisgMeetingMember]:
    return list(
        LisgMeetingMember.objects.filter(meeting=meeting)
        .select_related("user")
        .order_by("user__full_name", "id")[:200]
    )


def conflicts(meeting: LisgMeeting, user: User) -> list[LisgConflict]:
    """Every conflict declared for the meeting (the Business Manager and the Chair); a
    member, their own."""
    declared = LisgConflict.objects.filter(meeting=meeting).select_related("member", "notification")
    board_wide = boards_where(user, Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR)
    if meeting.board_id not in board_wide:
        declared = declared.filter(member=user)
    return list(declared.order_by("declared_at", "id")[:200])


def pack_open_to(meeting: LisgMeeting, user: User) -> bool:
    """The members read the pack once it is issued; the Business Manager as they build it."""
    return meeting.pack_issued_at is not None or may(user, Action.LISG_MEETING_MANAGE, meeting)


@dataclass(frozen=True)
class PackSection:
    """One case's part of the meeting pack (Procedure A 4(v)-(vi))."""

    case: Notification
    sections: list[Section]
    engine: EngineAnswer | None
    requests: list[InvolvementRequest]
    returns: list[InvolvementReturn]
    chronology: list[ChronologyEntry]
    chronology_more: bool
    disclosures: list[DisclosureDecision]
    processes: list[ParallelProcess]


def pack_section(
    case: Notification, *, chronology_limit: int = PACK_CHRONOLOGY_LIMIT
) -> PackSection:
    """One case's part of the pack, with the first `chronology_limit` entries of its
    merged chronology (read on `merged_chronology_order`, one more to know if there are
    others)."""
    entries = list(
        ChronologyEntry.objects.filter(notification=case, current=True)
        .select_related("organisation")
        .order_by(*ORDER)[: chronology_limit + 1]
    )
    return PackSection(
        case=case,
        sections=crnf_sections(case),
        engine=engine_answer(case),
        requests=list(
            InvolvementRequest.objects.filter(notification=case)
            .exclude(status=InvolvementRequestStatus.CANCELLED)
            .select_related("organisation")
            .order_by("organisation__name", "id")
        ),
        returns=list(
            InvolvementReturn.objects.filter(
                request__notification=case, state=ReturnState.SUBMITTED
            )
            .select_related("request__organisation")
            .order_by("request__organisation__name", "id")
        ),
        chronology=entries[:chronology_limit],
        chronology_more=len(entries) > chronology_limit,
        disclosures=list(
            DisclosureDecision.objects.filter(notification=case)
            .select_related("holding_agency")
            .order_by("decided_at", "id")
        ),
        processes=list(ParallelProcess.objects.filter(notification=case).order_by("kind", "id")),
    )
