"""Put a case before the LISG in a test: on the agenda of a meeting of its board whose
members are the LISG members given (rows only: no e-mails, no deadlines moved). A LISG
member sees a case only so (docs/adr/0011-lisg-meetings.md)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.involvement.models import LisgMeeting, LisgMeetingCase, LisgMeetingMember
from casereviews.notifications.models import Notification


def before_the_lisg(
    case: Notification, *members: User, on: datetime.date | None = None
) -> LisgMeeting:
    now = timezone.now()
    meeting, _ = LisgMeeting.objects.get_or_create(
        board=case.board,
        date=on or timezone.localdate(),
        defaults={"created_by": members[0] if members else case.notifier, "created_at": now},
    )
    LisgMeetingCase.objects.update_or_create(
        notification=case,
        defaults={"meeting": meeting, "assigned_by": meeting.created_by, "assigned_at": now},
    )
    for member in members:
        LisgMeetingMember.objects.get_or_create(
            meeting=meeting, user=member, defaults={"added_by": meeting.created_by, "added_at": now}
        )
    return meeting
