"""Nobody silently left out (issue 28, 1 and 2): an agency nobody can be told is not
asked, and an agency told a due date is told when it moves."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from casereviews.boards.models import Role
from casereviews.deadlines.calendar import LONDON, add_working_days
from casereviews.deadlines.models import Deadline
from casereviews.decisions.models import InvolvementRequest
from casereviews.involvement.models import LisgMeetingMember
from casereviews.involvement.services.meetings import (
    lisg_agenda_add,
    lisg_meeting_assign,
    lisg_meeting_change,
    lisg_meeting_schedule,
    lisg_pack_issue,
)
from casereviews.involvement.services.requests import involvement_requests_send
from casereviews.outbox.jobs import deliver_outbox
from casereviews.workflow.services import TransitionRefused
from tests.factories import OrganisationFactory, person

pytestmark = pytest.mark.django_db


def test_issue28_1_an_agency_nobody_can_tell_is_refused_not_asked(partners) -> None:
    housing = OrganisationFactory.create(name="Bracknell Forest Housing")
    partners.board.partners.add(housing)
    with pytest.raises(TransitionRefused) as refused:
        involvement_requests_send(
            notification=partners.case,
            organisations=[partners.police, housing],
            by=partners.manager,
        )
    assert refused.value.code == "unreachable"
    assert "Bracknell Forest Housing cannot be told" in refused.value.message
    assert not InvolvementRequest.objects.filter(notification=partners.case).exists()
    assert not Deadline.objects.filter(notification=partners.case).exists()


def test_issue28_2_an_agency_told_a_due_date_is_told_when_the_meeting_moves_it(
    partners, mailbox
) -> None:
    """Asked with 10 working days, then the case goes to a meeting 8 working days away:
    its return is now due 5 working days before the meeting, earlier than the agency was
    told, and the agency is e-mailed the old and the new date (real SMTP)."""
    (asked,) = involvement_requests_send(
        notification=partners.case, organisations=[partners.police], by=partners.manager
    )
    told = asked.due_at
    assert deliver_outbox() == 1
    mailbox.messages.clear()
    meeting_on = add_working_days(timezone.localdate(), 8)
    lisg_meeting_assign(notification=partners.case, meeting_date=meeting_on, by=partners.manager)
    asked.refresh_from_db()
    assert asked.due_at < told
    open_deadline = Deadline.objects.get(subject=f"involvement-request:{asked.pk}", state="open")
    assert open_deadline.due_at == asked.due_at
    assert deliver_outbox() >= 1
    moved = [m for m in mailbox.messages if "the date to answer has changed" in m["Subject"]]
    assert [m["To"] for m in moved] == [partners.police_lead.email]
    body = moved[0].get_payload(decode=True).decode()
    assert f"It was: {told.astimezone(LONDON):%H:%M on %A %-d %B %Y}" in body
    assert f"It is now: {asked.due_at.astimezone(LONDON):%H:%M on %A %-d %B %Y}" in body
    assert "moved earlier" in body
    assert partners.case.reference in moved[0]["Subject"]


def test_a_due_date_that_does_not_change_sends_nothing(partners, mailbox) -> None:
    meeting_on = add_working_days(timezone.localdate(), 20)
    lisg_meeting_assign(notification=partners.case, meeting_date=meeting_on, by=partners.manager)
    involvement_requests_send(
        notification=partners.case, organisations=[partners.police], by=partners.manager
    )
    deliver_outbox()
    assert not [m for m in mailbox.messages if "has changed" in m["Subject"]]


def test_issue28_4_a_member_added_after_the_pack_is_issued_gets_the_invitation_and_pack(
    partners, mailbox
) -> None:
    """The pack went to the first member; a second LISG member added afterwards is told
    of the case on the agenda and of the pack (real SMTP); the first is not told again."""
    first = partners.people[Role.LISG_MEMBER]
    later = person(partners.board, Role.LISG_MEMBER, full_name="Later Member")
    meeting = lisg_meeting_schedule(
        board=partners.board,
        by=partners.manager,
        date=timezone.localdate() + datetime.timedelta(days=7),
        time=datetime.time(14, 0),
        place="Time Square, Bracknell",
        call_details="",
        members=[first, partners.manager],
    )
    lisg_agenda_add(meeting=meeting, notification=partners.case, by=partners.manager)
    lisg_pack_issue(meeting=meeting, by=partners.manager)
    deliver_outbox()
    mailbox.messages.clear()

    lisg_meeting_change(
        meeting=meeting,
        by=partners.manager,
        date=meeting.date,
        time=meeting.time,
        place=meeting.place,
        call_details="",
        members=[first, partners.manager, later],
    )
    deliver_outbox()
    assert sorted((m["To"], m["Subject"]) for m in mailbox.messages) == [
        (later.email, f"Case {partners.case.reference}: on the agenda of the LISG meeting"),
        (later.email, f"LISG meeting on {meeting.date:%-d %B %Y}: the pack is issued"),
    ]
    assert LisgMeetingMember.objects.filter(meeting=meeting, user=later).exists()
