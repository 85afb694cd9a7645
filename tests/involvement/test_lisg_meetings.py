"""LISG meetings (Procedure A 4(v)-(vi)): the Business Manager schedules a meeting with
its members, puts the cases ready for consideration on its agenda and issues the pack;
the members see the cases of their meetings' agendas while the cases are open, and a
member who declared a conflict of interest in a case, or a member of another meeting,
finds it "not found" on every page and through the API (docs/adr/0011-lisg-meetings.md)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.api.services import api_token_create
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board, Role
from casereviews.decisions.models import LisgRecommendation
from casereviews.decisions.services import lisg_recommendation_record
from casereviews.involvement.models import (
    LisgConflict,
    LisgMeeting,
    LisgMeetingCase,
    LisgMeetingMember,
)
from casereviews.involvement.services.meetings import (
    lisg_agenda_add,
    lisg_conflict_declare,
    lisg_meeting_schedule,
    lisg_pack_issue,
)
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.services import TransitionRefused
from tests.decisions.cases import MUST_FACTS, assessed
from tests.factories import NotificationFactory, person
from tests.helpers import Mailbox, body_of, delivered_once, sign_in
from tests.involvement.conftest import CHILD, PARENT, Partners
from tests.involvement.helpers import asked
from tests.lisg import before_the_lisg
from tests.prepared_files.helpers import fetch_prepared

pytestmark = pytest.mark.django_db
# What must never leave the service: the child's and the parent's identity.
SECRETS = (CHILD, "Hollins", PARENT, "Larch Avenue", "2025")

NEXT_WEEK = timezone.localdate() + datetime.timedelta(days=7)


@dataclass
class Lisg:
    partners: Partners
    meeting: LisgMeeting
    member: User  # a member of the meeting
    conflicted: User  # a member of the meeting who declares a conflict in the case
    elsewhere: User  # a LISG member of another meeting of the board

    @property
    def case(self) -> Notification:
        return self.partners.case


@pytest.fixture
def lisg(partners: Partners) -> Lisg:
    board, manager = partners.board, partners.manager
    assessed(partners.case, MUST_FACTS, manager)
    asked(partners.case, partners.police, manager)
    member = partners.people[Role.LISG_MEMBER]
    conflicted = person(board, Role.LISG_MEMBER, full_name="Conflicted Member")
    elsewhere = person(board, Role.LISG_MEMBER, full_name="Other Meeting Member")
    meeting = lisg_meeting_schedule(
        board=board,
        by=manager,
        date=NEXT_WEEK,
        time=datetime.time(14, 0),
        place="Time Square, Bracknell",
        call_details="",
        members=[member, conflicted, manager],
    )
    lisg_meeting_schedule(
        board=board,
        by=manager,
        date=NEXT_WEEK + datetime.timedelta(days=7),
        time=None,
        place="",
        call_details="Teams link in the calendar invitation",
        members=[elsewhere],
    )
    lisg_agenda_add(meeting=meeting, notification=partners.case, by=manager)
    lisg_pack_issue(meeting=meeting, by=manager)
    return Lisg(partners, meeting, member, conflicted, elsewhere)


def _pages(lisg: Lisg) -> dict[str, str]:
    m, ref = lisg.meeting.pk, lisg.case.reference
    return {
        "case": reverse("notifications:detail", args=[ref]),
        "pack section": reverse("involvement:lisg-pack-case", args=[m, ref]),
        "pack section PDF": reverse("involvement:lisg-pack-case-pdf", args=[m, ref]),
        "chronology": reverse("involvement:chronology", args=[ref]),
        "parallel processes": reverse("involvement:parallel", args=[ref]),
    }


def _api(user: User, lisg: Lisg) -> int:
    token = api_token_create(user=user, name="Case management system")[1]
    url = reverse("api:notification", args=[lisg.case.reference])
    return Client().get(url, headers={"Authorization": f"Bearer {token}"}).status_code


def _statuses(user: User, lisg: Lisg) -> dict[str, int]:
    client = sign_in(Client(), user)
    found = {name: fetch_prepared(client, url).status_code for name, url in _pages(lisg).items()}
    found["API"] = _api(user, lisg)
    return found


def _scheduled(
    board: Board, by: User, members: list[User], place: str, on: datetime.date = NEXT_WEEK
) -> LisgMeeting:
    """A meeting of the board's LISG scheduled through the service, at `place` with no
    time or call details."""
    return lisg_meeting_schedule(
        board=board, by=by, date=on, time=None, place=place, call_details="", members=members
    )


def test_a_member_of_the_meeting_reads_the_case_and_its_pack(lisg: Lisg) -> None:
    assert set(_statuses(lisg.member, lisg).values()) == {200}
    client = sign_in(Client(), lisg.member)
    pack = fetch_prepared(client, reverse("involvement:lisg-pack-pdf", args=[lisg.meeting.pk]))
    assert pack.status_code == 200
    assert pack["Content-Type"] == "application/pdf"
    section = client.get(_pages(lisg)["pack section"]).content.decode()
    # The pack holds the notification, the engine's answer with its sources, the agencies.
    assert CHILD in section
    assert "A Serious Case Review must be commissioned" in section
    assert "Source:" in section
    assert "Thames Valley Police" in section
    reads = AuditEvent.objects.filter(
        actor=lisg.member, action="lisg_meeting.pack_read", object_id=str(lisg.case.pk)
    )
    assert reads.count() == 2  # each of the two reads above


def test_a_conflicted_member_finds_the_case_not_found_everywhere(lisg: Lisg) -> None:
    lisg_conflict_declare(
        meeting=lisg.meeting,
        member=lisg.conflicted,
        notification=lisg.case,
        interest="Neighbour of the family",
        by=lisg.conflicted,
    )
    assert set(_statuses(lisg.conflicted, lisg).values()) == {404}
    client = sign_in(Client(), lisg.conflicted)
    meeting_page = client.get(reverse("involvement:lisg-meeting", args=[lisg.meeting.pk]))
    assert meeting_page.status_code == 200
    reference = str(lisg.case.reference)
    assert reference not in meeting_page.content.decode().split("Conflicts of")[0]
    pack = client.get(reverse("involvement:lisg-pack", args=[lisg.meeting.pk]))
    assert reference not in pack.content.decode()
    # The other members still see it.
    assert set(_statuses(lisg.member, lisg).values()) == {200}


def test_a_member_of_another_meeting_finds_the_case_and_the_meeting_not_found(
    lisg: Lisg,
) -> None:
    assert set(_statuses(lisg.elsewhere, lisg).values()) == {404}
    client = sign_in(Client(), lisg.elsewhere)
    for name in ("involvement:lisg-meeting", "involvement:lisg-pack", "involvement:lisg-pack-pdf"):
        assert client.get(reverse(name, args=[lisg.meeting.pk])).status_code == 404


def test_a_lisg_member_on_no_meeting_sees_no_case(lisg: Lisg) -> None:
    loner = person(lisg.partners.board, Role.LISG_MEMBER)
    assert set(_statuses(loner, lisg).values()) == {404}


def test_members_keep_sight_after_the_chair_decides_while_the_case_is_open(
    lisg: Lisg,
) -> None:
    Notification.objects.filter(pk=lisg.case.pk).update(status=Status.SCR_COMMISSIONED)
    client = sign_in(Client(), lisg.member)
    assert client.get(_pages(lisg)["case"]).status_code == 200
    assert _api(lisg.member, lisg) == 200
    Notification.objects.filter(pk=lisg.case.pk).update(status=Status.CLOSED)
    assert client.get(_pages(lisg)["case"]).status_code == 404


def test_the_pack_is_closed_to_members_until_issued(partners: Partners) -> None:
    member = partners.people[Role.LISG_MEMBER]
    meeting = _scheduled(partners.board, partners.manager, [member], "Room 2")
    lisg_agenda_add(meeting=meeting, notification=partners.case, by=partners.manager)
    client = sign_in(Client(), member)
    assert client.get(reverse("involvement:lisg-pack", args=[meeting.pk])).status_code == 404
    manager = sign_in(Client(), partners.manager)
    assert manager.get(reverse("involvement:lisg-pack", args=[meeting.pk])).status_code == 200
    manager.post(reverse("involvement:lisg-pack-issue", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.pack_issued_by == partners.manager
    assert meeting.pack_version == 1
    assert client.get(reverse("involvement:lisg-pack", args=[meeting.pk])).status_code == 200
    assert AuditEvent.objects.filter(action="lisg_meeting.pack_issue").count() == 1


def _agenda_post(client: Client, meeting: LisgMeeting, case: Notification) -> str:
    response = client.post(
        reverse("involvement:lisg-agenda", args=[meeting.pk]), {"reference": case.reference}
    )
    return response.content.decode() if response.status_code != 302 else ""


def test_the_agenda_takes_only_cases_ready_for_the_lisg(partners: Partners, other_board) -> None:
    board, manager = partners.board, partners.manager
    first = _scheduled(board, manager, [manager], "Room 1")
    second = _scheduled(
        board, manager, [manager], "Room 1", on=NEXT_WEEK + datetime.timedelta(days=1)
    )
    submitted = NotificationFactory.create(board=board, status=Status.SUBMITTED)
    elsewhere = NotificationFactory.create(board=other_board, status=Status.UNDER_CONSIDERATION)
    client = sign_in(Client(), manager)
    page = client.get(reverse("involvement:lisg-agenda", args=[first.pk])).content.decode()
    assert str(partners.case.reference) in page
    assert str(submitted.reference) not in page
    assert "No agencies asked yet" in page

    assert "not ready for the LISG" in _agenda_post(client, first, submitted)
    assert "Select a case of this board" in _agenda_post(client, first, elsewhere)
    assert _agenda_post(client, first, partners.case) == ""
    assert "already on the" in _agenda_post(client, second, partners.case)
    assert "already on this agenda" in _agenda_post(client, first, partners.case)
    assert list(LisgMeetingCase.objects.values_list("meeting", "notification")) == [
        (first.pk, partners.case.pk)
    ]


def test_the_agenda_shows_whether_the_agencies_answered(partners: Partners) -> None:
    request = asked(partners.case, partners.police, partners.manager)
    meeting = _scheduled(partners.board, partners.manager, [partners.manager], "Room 1")
    client = sign_in(Client(), partners.manager)
    agenda_url = reverse("involvement:lisg-agenda", args=[meeting.pk])
    assert "Waiting for answers" in client.get(agenda_url).content.decode()
    request.status = "answered"
    request.save()
    assert "All answered" in client.get(agenda_url).content.decode()


def test_the_members_are_told_once_of_the_agenda_and_of_the_pack(
    partners: Partners, mailbox: Mailbox
) -> None:
    member = partners.people[Role.LISG_MEMBER]
    chair = partners.people[Role.INDEPENDENT_CHAIR]
    meeting = _scheduled(partners.board, partners.manager, [member, chair], "Room 1")
    lisg_agenda_add(meeting=meeting, notification=partners.case, by=partners.manager)
    sent = delivered_once(mailbox, *SECRETS)
    assert sorted(m["To"] for m in sent) == sorted([member.email, chair.email])
    for message in sent:
        assert partners.case.reference in message["Subject"]
        body = body_of(message)
        assert reverse("notifications:detail", args=[partners.case.reference]) in body

    mailbox.messages.clear()
    lisg_pack_issue(meeting=meeting, by=partners.manager)
    sent = delivered_once(mailbox, *SECRETS)
    assert sorted(m["To"] for m in sent) == sorted([member.email, chair.email])
    for message in sent:
        assert "the pack is issued" in message["Subject"]
        body = body_of(message)
        assert reverse("involvement:lisg-meeting", args=[meeting.pk]) in body


def test_a_member_with_a_declared_conflict_is_not_told_of_the_case(
    partners: Partners, mailbox: Mailbox
) -> None:
    member = partners.people[Role.LISG_MEMBER]
    other = person(partners.board, Role.LISG_MEMBER)
    meeting = before_the_lisg(partners.case, member, other, on=NEXT_WEEK)
    LisgConflict.objects.create(
        meeting=meeting,
        member=other,
        notification=partners.case,
        interest="Relative",
        declared_by=other,
        declared_at=timezone.now(),
    )
    LisgMeetingCase.objects.filter(notification=partners.case).delete()
    lisg_agenda_add(meeting=meeting, notification=partners.case, by=partners.manager)
    assert [m["To"] for m in delivered_once(mailbox, *SECRETS)] == [member.email]


def test_a_member_declares_only_their_own_conflict(lisg: Lisg) -> None:
    with pytest.raises(TransitionRefused):
        lisg_conflict_declare(
            meeting=lisg.meeting,
            member=lisg.conflicted,
            notification=lisg.case,
            interest="Neighbour",
            by=lisg.member,
        )
    client = sign_in(Client(), lisg.conflicted)
    url = reverse("involvement:lisg-conflict", args=[lisg.meeting.pk])
    empty = client.post(url, {"member": str(lisg.conflicted.pk), "case": str(lisg.case.pk)})
    assert "Enter the interest declared" in empty.content.decode()
    client.post(
        url,
        {"member": str(lisg.conflicted.pk), "case": str(lisg.case.pk), "interest": "Neighbour"},
    )
    assert LisgConflict.objects.filter(member=lisg.conflicted, declared_by=lisg.conflicted).exists()


def test_the_business_manager_records_attendance_after_the_meeting(partners: Partners) -> None:
    member = partners.people[Role.LISG_MEMBER]
    chair = partners.people[Role.INDEPENDENT_CHAIR]
    meeting = before_the_lisg(partners.case, member, chair)
    client = sign_in(Client(), partners.manager)
    url = reverse("involvement:lisg-attendance", args=[meeting.pk])
    missing = client.post(url, {f"member_{member.pk}": "attended"})
    assert "Select whether" in missing.content.decode()
    client.post(url, {f"member_{member.pk}": "attended", f"member_{chair.pk}": "apologies"})
    attendance = dict(LisgMeetingMember.objects.values_list("user", "attendance"))
    assert attendance == {member.pk: "attended", chair.pk: "apologies"}
    page = client.get(reverse("involvement:lisg-meeting", args=[meeting.pk])).content.decode()
    assert "Sent apologies" in page


def test_scheduling_needs_a_place_or_call_details_and_keeps_what_was_typed(
    partners: Partners,
) -> None:
    client = sign_in(Client(), partners.manager)
    response = client.post(
        reverse("involvement:lisg-meeting-new"),
        {
            "date_day": str(NEXT_WEEK.day),
            "date_month": str(NEXT_WEEK.month),
            "date_year": str(NEXT_WEEK.year),
            "time": "14:00",
            "members": [str(partners.people[Role.LISG_MEMBER].pk)],
        },
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter where the meeting is held, or how to join the call" in page
    assert 'value="14:00"' in page  # nothing typed is lost
    assert f'value="{NEXT_WEEK.year}"' in page
    assert not LisgMeeting.objects.exists()


def _agencies_answered(partners: Partners) -> None:
    request = asked(partners.case, partners.police, partners.manager)
    request.status = "answered"
    request.save()


def test_the_recommendation_is_recorded_at_the_meeting_or_outside_it_with_a_reason(
    partners: Partners,
) -> None:
    member = partners.people[Role.LISG_MEMBER]
    _agencies_answered(partners)
    meeting = before_the_lisg(partners.case, member, on=NEXT_WEEK)
    common: dict[str, Any] = {
        "notification": partners.case,
        "by": member,
        "expected_version": partners.case.version,
        "review_type": "scr",
        "methodology": "silp",
        "rationale": "Regulation 5(2) is met",
    }
    with pytest.raises(TransitionRefused, match="has not taken place yet"):
        lisg_recommendation_record(**common, meeting=meeting)
    with pytest.raises(TransitionRefused, match="outside a meeting"):
        lisg_recommendation_record(**common, meeting_date=timezone.localdate())
    lisg_recommendation_record(
        **common,
        meeting_date=timezone.localdate(),
        outside_meeting_reason="Virtual decision: the meeting is a week away, the case urgent",
    )
    recommendation = LisgRecommendation.objects.get()
    assert recommendation.meeting is None
    assert "Virtual decision" in recommendation.outside_meeting_reason

    chair = sign_in(Client(), partners.people[Role.INDEPENDENT_CHAIR])
    page = chair.get(reverse("decisions:chair-decision", args=[partners.case.reference]))
    assert "Outside a meeting" in page.content.decode()
    assert "Virtual decision" in page.content.decode()


def test_the_recommendation_page_offers_the_meeting_and_links_it(partners: Partners) -> None:
    member = partners.people[Role.LISG_MEMBER]
    _agencies_answered(partners)
    meeting = before_the_lisg(partners.case, member)
    client = sign_in(Client(), member)
    url = reverse("decisions:lisg-recommendation", args=[partners.case.reference])
    assert f"At the {meeting}" in client.get(url).content.decode()
    data = {
        "version": partners.case.version,
        "review_type": "scr",
        "methodology": "silp",
        "rationale": "Regulation 5(2) is met",
        "meeting_held": "outside",
    }
    refused = client.post(url, data)
    assert "Enter why the LISG recommends outside a meeting" in refused.content.decode()
    client.post(url, {**data, "meeting_held": "meeting"})
    assert LisgRecommendation.objects.get().meeting == meeting
