"""The e-mails of LISG meetings: the members are told when a case is put on the agenda
and when the pack is issued. Each is queued in the transaction of the step, keyed so it
is sent exactly once, and carries a reference and a link, never the child's identity."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from casereviews.accounts.models import User
from casereviews.involvement.models import LisgMeeting, LisgMeetingCase
from casereviews.kit.emails import step_emails
from casereviews.notifications.emails import case_link


def meeting_link(meeting: LisgMeeting) -> str:
    return settings.SERVICE_URL + reverse("involvement:lisg-meeting", args=[meeting.pk])


def _when(meeting: LisgMeeting) -> str:
    at = f" at {meeting.time:%H:%M}" if meeting.time else ""
    return f"{meeting.date:%A %-d %B %Y}{at}"


def members_to_tell(meeting: LisgMeeting, *, not_conflicted_in: int | None = None) -> list[User]:
    """The meeting's active members; for a case, those who declared no conflict in it."""
    people = User.objects.filter(lisg_memberships__meeting=meeting, is_active=True)
    if not_conflicted_in is not None:
        people = people.exclude(lisg_conflicts__notification=not_conflicted_in)
    return list(people.order_by("email"))


def agenda_added_emails(*, on_agenda: LisgMeetingCase) -> int:
    meeting, case = on_agenda.meeting, on_agenda.notification
    people = members_to_tell(meeting, not_conflicted_in=case.pk)
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


def pack_issued_emails(*, meeting: LisgMeeting) -> int:
    people = members_to_tell(meeting)
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
