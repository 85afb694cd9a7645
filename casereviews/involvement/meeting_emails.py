"""The e-mails of LISG meetings: the members are told when a case is put on the agenda
and when the pack is issued, a member added later is told of both, and the Business
Manager is told when no member without a conflict is left to recommend. Each is queued in
the transaction of the step, keyed so it is sent exactly once, and carries a reference
and a link, never the child's identity."""

from __future__ import annotations

from collections.abc import Collection

from django.conf import settings
from django.urls import reverse

from casereviews.accounts.models import User
from casereviews.boards.contacts import business_manager_recipients
from casereviews.involvement.models import LisgMeeting, LisgMeetingCase
from casereviews.involvement.recipients import not_conflicted
from casereviews.kit.emails import step_emails
from casereviews.notifications.emails import case_link
from casereviews.notifications.models import Notification


def meeting_link(meeting: LisgMeeting) -> str:
    return settings.SERVICE_URL + reverse("involvement:lisg-meeting", args=[meeting.pk])


def _when(meeting: LisgMeeting) -> str:
    at = f" at {meeting.time:%H:%M}" if meeting.time else ""
    return f"{meeting.date:%A %-d %B %Y}{at}"


def members_to_tell(
    meeting: LisgMeeting,
    *,
    not_conflicted_in: Notification | None = None,
    only: Collection[int] | None = None,
) -> list[User]:
    """The meeting's active members (or those of them in `only`); for a case, those who
    declared no conflict in it (`recipients.not_conflicted`)."""
    people = User.objects.filter(lisg_memberships__meeting=meeting, is_active=True)
    if only is not None:
        people = people.filter(pk__in=only)
    listed = list(people.order_by("email"))
    if not_conflicted_in is not None:
        listed = not_conflicted(not_conflicted_in, listed)
    return listed


def agenda_added_emails(*, on_agenda: LisgMeetingCase, only: Collection[int] | None = None) -> int:
    meeting, case = on_agenda.meeting, on_agenda.notification
    people = members_to_tell(meeting, not_conflicted_in=case, only=only)
    step_emails(
        key=f"lisg-agenda:{on_agenda.pk}:{meeting.pk}",
        people=people,
        subject=f"Case {case.reference}: on the agenda of the LISG meeting",
        lines=[
            f"Case {case.reference} of {meeting.board.name} is on the agenda of the LISG "
            f"meeting on {_when(meeting)}.",
            "",
            "If you have a conflict of interest in this case, declare it on the meeting's page.",
        ],
        links=[("Open the case", case_link(case)), ("Open the meeting", meeting_link(meeting))],
    )
    return len(people)


def member_added_emails(*, meeting: LisgMeeting, added: Collection[int]) -> None:
    """A member added to the meeting is told of each case on its agenda they may see,
    and, once it is issued, of the pack, as the members chosen first were."""
    for on_agenda in meeting.cases.select_related("notification__board", "meeting__board"):
        agenda_added_emails(on_agenda=on_agenda, only=added)
    if meeting.pack_version:
        pack_issued_emails(meeting=meeting, only=added)


def pack_issued_emails(*, meeting: LisgMeeting, only: Collection[int] | None = None) -> int:
    people = members_to_tell(meeting, only=only)
    step_emails(
        key=f"lisg-pack:{meeting.pk}:v{meeting.pack_version}",
        people=people,
        subject=f"LISG meeting on {meeting.date:%-d %B %Y}: the pack is issued",
        lines=[
            f"The pack for the LISG meeting of {meeting.board.name} on {_when(meeting)} is issued."
        ],
        links=[("Read the pack", meeting_link(meeting))],
    )
    return len(people)


def no_member_left_emails(*, meeting: LisgMeeting, notification: Notification) -> int:
    """Every LISG member of the meeting has declared a conflict in the case: nobody can
    recommend until the Business Manager adds a member without one."""
    people = business_manager_recipients(meeting.board)
    step_emails(
        key=f"lisg-no-member-left:{meeting.pk}:{notification.pk}",
        people=people,
        subject=f"Case {notification.reference}: no LISG member left to recommend",
        lines=[
            f"Every LISG member of the meeting on {_when(meeting)} has declared a conflict of "
            f"interest in case {notification.reference}: nobody is left to make the LISG's "
            "recommendation.",
            "",
            "Add a LISG member without a conflict to the meeting, or put the case on another "
            "meeting's agenda.",
        ],
        links=[("Open the meeting", meeting_link(meeting))],
    )
    return len(people)
