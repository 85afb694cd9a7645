"""A LISG meeting for `make run`: next week's meeting of the Bracknell Forest LISG, with
a verified case whose agencies were asked on its agenda and its pack issued, so the
Business Manager, the LISG member and the Chair each find it under "LISG meetings"."""

from __future__ import annotations

import copy
import datetime

from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.assessments.models import Outcome
from casereviews.assessments.services import notification_verification_record
from casereviews.demo.notifications import DEMO_NOTIFICATIONS, demo_submit
from casereviews.involvement.models import LisgMeetingCase
from casereviews.involvement.recipients import unreachable
from casereviews.involvement.services.meetings import (
    lisg_agenda_add,
    lisg_meeting_schedule,
    lisg_pack_issue,
)
from casereviews.involvement.services.requests import involvement_requests_send
from casereviews.notifications.models import Status


def _the_case() -> tuple[str, dict[str, object]]:
    """The demo's Bracknell Forest death, notified again as a case of its own."""
    email, demo = DEMO_NOTIFICATIONS[-1]
    case = copy.deepcopy(demo)
    case["client_reference"] = "demo-lisg-0001"
    case["children"][0]["full_name"] = "Demo Child Ivy"
    return email, case


def load_demo_lisg_meeting() -> None:
    manager = User.objects.get(email="business.manager@demo.example.org")
    member = User.objects.get(email="lisg.member@demo.example.org")
    second = User.objects.get(email="lisg.member2@demo.example.org")
    chair = User.objects.get(email="chair@demo.example.org")
    email, demo = _the_case()
    case = demo_submit(email, demo)
    if LisgMeetingCase.objects.filter(notification=case).exists():
        return  # loaded before
    if case.status == Status.SUBMITTED:
        notification_verification_record(
            notification=case,
            outcome=Outcome.VERIFIED_SCR,
            by=manager,
            expected_version=case.version,
        )
        case.refresh_from_db()
    # Only the agencies that can be told are asked: the others stay named on the page.
    partners = list(case.board.partners.all())
    cannot = unreachable(partners, case.board)
    involvement_requests_send(
        notification=case, organisations=[o for o in partners if o not in cannot], by=manager
    )
    meeting = lisg_meeting_schedule(
        board=case.board,
        by=manager,
        date=timezone.localdate() + datetime.timedelta(days=7),
        time=datetime.time(14, 0),
        place="Time Square, Market Street, Bracknell",
        call_details="Microsoft Teams: the link is in the calendar invitation",
        members=[member, second, chair, manager],
    )
    lisg_agenda_add(meeting=meeting, notification=case, by=manager)
    lisg_pack_issue(meeting=meeting, by=manager)
