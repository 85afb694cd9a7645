"""LISG meetings (Procedure A 4(v)-(vi)): the Business Manager schedules a meeting with
its members, puts the cases ready for consideration on its agenda, issues the meeting
pack, and records attendance and declared conflicts of interest. Each step checks the
permission through the policy, changes its rows in one transaction, writes the case's
timeline where a case is concerned, the audit entry, and queues its e-mails."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Board, Role
from casereviews.involvement.codes import Code
from casereviews.involvement.meeting_emails import (
    agenda_added_emails,
    member_added_emails,
    no_member_left_emails,
    pack_issued_emails,
)
from casereviews.involvement.models import (
    Attendance,
    LisgConflict,
    LisgMeeting,
    LisgMeetingCase,
    LisgMeetingMember,
)
from casereviews.involvement.services.common import status_now
from casereviews.involvement.services.due_dates import (
    returns_due_after_request,
    returns_due_before,
)
from casereviews.kit.refusal import require
from casereviews.notifications.models import Notification, Status
from casereviews.notifications.policy import people_who_see
from casereviews.policy import Action, may
from casereviews.workflow.services import TransitionRefused, timeline_add

# Who may be a member of a board's LISG meeting.
MEMBER_ROLES = (Role.LISG_MEMBER, Role.INDEPENDENT_CHAIR, Role.BUSINESS_MANAGER)


def eligible_members(board: Board) -> list[User]:
    """The board's LISG members, its Independent Chair and its Business Manager."""
    return list(
        User.objects.filter(
            is_active=True, role_grants__board=board, role_grants__role__in=MEMBER_ROLES
        )
        .distinct()
        .order_by("full_name", "email")
    )


def _check_members(board: Board, members: Iterable[User]) -> list[User]:
    chosen = list(members)
    allowed = {person.pk for person in eligible_members(board)}
    if not chosen:
        raise TransitionRefused("Select at least one member", code=Code.NO_MEMBERS)
    if any(person.pk not in allowed for person in chosen):
        raise TransitionRefused(
            "Select members from the board's LISG, its Chair and its Business Manager",
            code=Code.NOT_A_MEMBER,
        )
    return chosen


def _check_date(board: Board, date: datetime.date, meeting: LisgMeeting | None = None) -> None:
    if date < timezone.localdate():
        raise TransitionRefused("The meeting's date must be today or in the future", code=Code.PAST)
    same_day = LisgMeeting.objects.filter(board=board, date=date)
    if meeting is not None:
        same_day = same_day.exclude(pk=meeting.pk)
    if same_day.exists():
        raise TransitionRefused(
            "The board already has a LISG meeting on this date", code=Code.MEETING_THAT_DAY
        )


def lisg_meeting_schedule(
    *,
    board: Board,
    by: User,
    date: datetime.date,
    time: datetime.time | None,
    place: str,
    call_details: str,
    members: Iterable[User],
    request: HttpRequest | None = None,
) -> LisgMeeting:
    """The Business Manager schedules a meeting ahead, with where it is held (a place,
    call details or both) and who is invited."""
    require(
        by, Action.LISG_MEETING_SCHEDULE, board=board, message="You cannot do this for this board"
    )
    place, call_details = place.strip(), call_details.strip()
    if not place and not call_details:
        raise TransitionRefused(
            "Enter where the meeting is held, or how to join the call", code=Code.NO_PLACE
        )
    chosen = _check_members(board, members)
    with transaction.atomic():
        _check_date(board, date)
        now = timezone.now()
        meeting = LisgMeeting.objects.create(
            board=board,
            date=date,
            time=time,
            place=place,
            call_details=call_details,
            created_by=by,
            created_at=now,
        )
        LisgMeetingMember.objects.bulk_create(
            LisgMeetingMember(meeting=meeting, user=person, added_by=by, added_at=now)
            for person in chosen
        )
        audit_record(
            request=request,
            actor=by,
            action="lisg_meeting.schedule",
            obj=meeting,
            detail={"date": date.isoformat(), "members": sorted(p.pk for p in chosen)},
        )
    return meeting


def lisg_meeting_change(
    *,
    meeting: LisgMeeting,
    by: User,
    date: datetime.date,
    time: datetime.time | None,
    place: str,
    call_details: str,
    members: Iterable[User],
    request: HttpRequest | None = None,
) -> LisgMeeting:
    """Change the meeting's details or members. A new date moves the return deadlines of
    the cases on its agenda; a member removed keeps the conflicts they declared."""
    require(by, Action.LISG_MEETING_MANAGE, meeting)
    place, call_details = place.strip(), call_details.strip()
    if not place and not call_details:
        raise TransitionRefused(
            "Enter where the meeting is held, or how to join the call", code=Code.NO_PLACE
        )
    chosen = _check_members(meeting.board, members)
    with transaction.atomic():
        moved = date != meeting.date
        if moved:
            _check_date(meeting.board, date, meeting)
        now = timezone.now()
        LisgMeeting.objects.filter(pk=meeting.pk).update(
            date=date, time=time, place=place, call_details=call_details
        )
        meeting.refresh_from_db()
        kept = {person.pk for person in chosen}
        LisgMeetingMember.objects.filter(meeting=meeting).exclude(user__in=kept).delete()
        present = set(
            LisgMeetingMember.objects.filter(meeting=meeting).values_list("user", flat=True)
        )
        added = [person.pk for person in chosen if person.pk not in present]
        LisgMeetingMember.objects.bulk_create(
            LisgMeetingMember(meeting=meeting, user_id=pk, added_by=by, added_at=now)
            for pk in added
        )
        if added:
            member_added_emails(meeting=meeting, added=added)
        if moved:
            for on_agenda in meeting.cases.select_related("notification__board"):
                returns_due_before(on_agenda.notification, meeting, now)
        audit_record(
            request=request,
            actor=by,
            action="lisg_meeting.change",
            obj=meeting,
            detail={"date": date.isoformat(), "members": sorted(kept)},
        )
    return meeting


def _put_on_agenda(
    meeting: LisgMeeting,
    notification: Notification,
    by: User,
    request: HttpRequest | None,
) -> LisgMeetingCase:
    now = timezone.now()
    on_agenda, _ = LisgMeetingCase.objects.update_or_create(
        notification=notification,
        defaults={"meeting": meeting, "assigned_by": by, "assigned_at": now},
    )
    returns_due_before(notification, meeting, now)
    timeline_add(
        notification=notification,
        kind="involvement.lisg_meeting_assigned",
        text=f"To be considered at the {meeting}",
        by=by,
    )
    audit_record(
        request=request,
        actor=by,
        action="involvement.lisg_meeting_assigned",
        obj=notification,
        detail={"meeting": meeting.pk, "date": meeting.date.isoformat()},
    )
    agenda_added_emails(on_agenda=on_agenda)
    return on_agenda


def lisg_meeting_assign(
    *,
    notification: Notification,
    meeting_date: datetime.date,
    by: User,
    request: HttpRequest | None = None,
) -> LisgMeeting:
    """From the case page: the case goes to the LISG meeting on `meeting_date` (made,
    without members yet, if the board has none that day). The returns still awaited are
    now due before it: their deadlines move."""
    require(by, Action.LISG_MEETING_ASSIGN, notification)
    if status_now(notification) != Status.UNDER_CONSIDERATION:
        raise TransitionRefused(
            "You can only choose the LISG meeting while the case is under consideration",
            code=Code.WRONG_STATE,
        )
    with transaction.atomic():
        meeting, _ = LisgMeeting.objects.get_or_create(
            board=notification.board,
            date=meeting_date,
            defaults={"created_by": by, "created_at": timezone.now()},
        )
        _put_on_agenda(meeting, notification, by, request)
    return meeting


def lisg_agenda_add(
    *,
    meeting: LisgMeeting,
    notification: Notification,
    by: User,
    request: HttpRequest | None = None,
) -> LisgMeetingCase:
    """Put a case ready for consideration on the agenda: verified and under
    consideration, of the meeting's board, and on no other meeting's agenda. The
    meeting's members are told."""
    require(by, Action.LISG_MEETING_MANAGE, meeting)
    require(by, Action.LISG_MEETING_ASSIGN, notification)
    if notification.board_id != meeting.board_id:
        raise TransitionRefused("The case is not a case of this board", code=Code.OTHER_BOARD)
    with transaction.atomic():
        if status_now(notification) != Status.UNDER_CONSIDERATION:
            raise TransitionRefused(
                f"{notification.reference} is not ready for the LISG: only a verified case "
                "under consideration can go on the agenda",
                code=Code.NOT_READY,
            )
        if meeting.date < timezone.localdate():
            raise TransitionRefused(
                "The meeting has taken place: put the case on a later meeting's agenda",
                code=Code.MEETING_PAST,
            )
        elsewhere = (
            LisgMeetingCase.objects.select_for_update()
            .filter(notification=notification)
            .select_related("meeting")
            .first()
        )
        if elsewhere is not None:
            where = "this" if elsewhere.meeting_id == meeting.pk else f"the {elsewhere.meeting}'s"
            raise TransitionRefused(
                f"{notification.reference} is already on {where} agenda", code=Code.ON_AN_AGENDA
            )
        return _put_on_agenda(meeting, notification, by, request)


def lisg_agenda_remove(
    *,
    meeting: LisgMeeting,
    notification: Notification,
    by: User,
    request: HttpRequest | None = None,
) -> None:
    """Take a case off the agenda before the LISG recommends; the answers still awaited
    are due their working days after the request again."""
    require(by, Action.LISG_MEETING_MANAGE, meeting)
    with transaction.atomic():
        removed, _ = LisgMeetingCase.objects.filter(
            meeting=meeting, notification=notification
        ).delete()
        if not removed:
            raise TransitionRefused(
                f"{notification.reference} is not on this meeting's agenda", code=Code.NOT_ON_AGENDA
            )
        if status_now(notification) != Status.UNDER_CONSIDERATION:
            raise TransitionRefused(
                "The LISG has recommended on this case: it stays on the agenda it was "
                "considered at",
                code=Code.CONSIDERED,
            )
        now = timezone.now()
        returns_due_after_request(notification, now)
        timeline_add(
            notification=notification,
            kind="involvement.lisg_meeting_removed",
            text=f"Taken off the agenda of the {meeting}",
            by=by,
        )
        audit_record(
            request=request,
            actor=by,
            action="lisg_meeting.agenda_remove",
            obj=notification,
            detail={"meeting": meeting.pk},
        )


def lisg_pack_issue(
    *, meeting: LisgMeeting, by: User, request: HttpRequest | None = None
) -> LisgMeeting:
    """Issue the meeting pack to the members (again, as a new version, after the agenda
    changed); each member is told once of each version."""
    require(by, Action.LISG_MEETING_MANAGE, meeting)
    with transaction.atomic():
        locked = LisgMeeting.objects.select_for_update().get(pk=meeting.pk)
        agenda = list(locked.cases.select_related("notification"))
        if not agenda:
            raise TransitionRefused(
                "Put at least one case on the agenda before issuing the pack", code=Code.NO_CASES
            )
        locked.pack_version += 1
        locked.pack_issued_by = by
        locked.pack_issued_at = timezone.now()
        locked.save(update_fields=["pack_version", "pack_issued_by", "pack_issued_at"])
        for on_agenda in agenda:
            timeline_add(
                notification=on_agenda.notification,
                kind="involvement.lisg_pack_issued",
                text=f"In the pack issued for the {locked}",
                by=by,
            )
        audit_record(
            request=request,
            actor=by,
            action="lisg_meeting.pack_issue",
            obj=locked,
            detail={
                "version": locked.pack_version,
                "cases": [on_agenda.notification_id for on_agenda in agenda],
            },
        )
        pack_issued_emails(meeting=locked)
    return locked


def lisg_attendance_record(
    *,
    meeting: LisgMeeting,
    by: User,
    attendance: dict[int, str],
    request: HttpRequest | None = None,
) -> None:
    """Record, after the meeting has started, who attended and who sent apologies."""
    require(by, Action.LISG_MEETING_MANAGE, meeting)
    if meeting.date > timezone.localdate():
        raise TransitionRefused(
            "Attendance can be recorded from the day of the meeting", code=Code.MEETING_FUTURE
        )
    if any(value not in Attendance.values for value in attendance.values()):
        raise TransitionRefused("Select whether each member attended", code=Code.ATTENDANCE)
    with transaction.atomic():
        for membership in LisgMeetingMember.objects.filter(
            meeting=meeting, user__in=list(attendance)
        ):
            membership.attendance = attendance[membership.user_id]
            membership.save(update_fields=["attendance"])
        audit_record(
            request=request,
            actor=by,
            action="lisg_meeting.attendance",
            obj=meeting,
            detail={"attendance": {str(k): v for k, v in sorted(attendance.items())}},
        )


def lisg_conflict_declare(
    *,
    meeting: LisgMeeting,
    member: User,
    notification: Notification,
    interest: str,
    by: User,
    request: HttpRequest | None = None,
) -> LisgConflict:
    """A member declares a conflict of interest in a case on the agenda (the Business
    Manager records it for them, or they declare their own). From then on they do not see
    the case, nor are told of it; when no LISG member of the meeting without a conflict
    remains, the Business Manager is told."""
    require(by, Action.LISG_CONFLICT_DECLARE, meeting)
    if by.pk != member.pk and not may(by, Action.LISG_MEETING_MANAGE, meeting):
        raise TransitionRefused("You can only declare your own conflict", code=Code.NOT_PERMITTED)
    interest = interest.strip()
    if not interest:
        raise TransitionRefused("Enter the interest declared", code=Code.INTEREST_REQUIRED)
    if not LisgMeetingMember.objects.filter(meeting=meeting, user=member).exists():
        raise TransitionRefused("Select a member of this meeting", code=Code.NOT_A_MEMBER)
    if not LisgMeetingCase.objects.filter(meeting=meeting, notification=notification).exists():
        raise TransitionRefused("Select a case on this meeting's agenda", code=Code.NOT_ON_AGENDA)
    with transaction.atomic():
        if LisgConflict.objects.filter(member=member, notification=notification).exists():
            raise TransitionRefused(
                "This conflict of interest is already recorded", code=Code.ALREADY_DECLARED
            )
        conflict = LisgConflict.objects.create(
            meeting=meeting,
            member=member,
            notification=notification,
            interest=interest,
            declared_by=by,
            declared_at=timezone.now(),
        )
        timeline_add(
            notification=notification,
            kind="involvement.lisg_conflict",
            text=f"{member.full_name} declared a conflict of interest and no longer sees the case",
            by=by,
        )
        audit_record(
            request=request,
            actor=by,
            action="lisg_meeting.conflict_declare",
            obj=notification,
            detail={"meeting": meeting.pk, "member": member.pk},
        )
        if not people_who_see(notification, Role.LISG_MEMBER).exists():
            # Nobody is left to recommend: the Business Manager is warned.
            timeline_add(
                notification=notification,
                kind="involvement.lisg_no_member_left",
                text="No LISG member without a conflict of interest remains to recommend",
                by=by,
            )
            no_member_left_emails(meeting=meeting, notification=notification)
    return conflict
