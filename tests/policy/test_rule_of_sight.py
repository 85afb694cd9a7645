"""One rule of who sees a case, for every page of a case (DESIGN.md section 6;
docs/adr/0027-one-rule-of-sight.md).

A LISG member sees a case only while it is before a meeting they belong to and they have
declared no conflict of interest in it. The tests here are generated from the policy's
registry and from the URL list, so a scope or a URL added later is held to the rule
without anyone remembering to add it:

- every scope over a case or a case's records is built from the rule of sight
  (`casereviews.notifications.policy.case_scope`), never from a board role alone;
- every URL that names a case, its records or its documents (pages, PDFs, CSV and XLSX
  exports, the API), requested by GET and by POST, answers a conflicted member, a member
  of another meeting and a member of no meeting exactly as it answers for a case that
  does not exist.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.db.models import ForeignKey, Model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.api.services import api_token_create
from casereviews.boards.models import Role
from casereviews.communications import services as communications
from casereviews.communications.models import Communication
from casereviews.involvement.models import LisgConflict, LisgMeeting, LisgMeetingCase
from casereviews.notifications.models import Notification, Status
from casereviews.notifications.policy import RULED
from casereviews.policy import Action, may, scope
from casereviews.policy.core import registered_scopes
from casereviews.reviews.models import ReviewAction
from casereviews.workflow.services import TransitionRefused, may_make
from casereviews.workflow.tables import TABLES
from tests.factories import NotificationFactory, person
from tests.helpers import sign_in
from tests.lisg import before_the_lisg
from tests.policy.test_url_walk import EXAMPLES, World, build_world
from tests.policy.url_walk import Example, Route, routes, token_only

pytestmark = pytest.mark.django_db

# Scopes over records that name a case but are not the case's own: each with the reason.
NOT_A_CASES_RECORD: dict[Action, str] = {
    Action.LESSONS_VIEW: "the board's lessons library holds a closed review's learning, "
    "published to the board's partners, not the case's papers",
    Action.LESSONS_RECORD: "the same library, kept by the Business Manager",
    Action.RETENTION_MANAGE: "a legal hold is the board's instruction to preserve records, "
    "placed on a case, a child or the whole board by its Business Manager, who sees every "
    "case of the board; it shows the case's reference only",
}

# The three LISG members who must not see a case, and the one who does (the witness
# that the comparison below can tell a case from a missing one).
BLIND = ("conflicted", "of_another_meeting", "of_no_meeting")


def _names_a_case(model: type[Model]) -> bool:
    return model is Notification or any(
        isinstance(field, ForeignKey) and field.related_model is Notification
        for field in model._meta.concrete_fields
    )


def _written_by_hand(
    registry: dict[Action, tuple[type[Model], Any]], ruled: set[Action]
) -> list[str]:
    return sorted(
        str(action)
        for action, (model, _) in registry.items()
        if _names_a_case(model) and action not in ruled and action not in NOT_A_CASES_RECORD
    )


def test_every_scope_over_a_case_is_built_from_the_rule_of_sight():
    """A scope registered for a case or a record of one must come from `case_scope`: a
    scope written by hand from the board's roles is how a conflicted member once read a
    case's communications."""
    assert _written_by_hand(registered_scopes(), RULED) == []


def test_a_scope_written_by_hand_over_a_cases_records_would_be_found():
    """The guard above reads every model that names a case, the records of one too: a
    scope over communications or actions registered by hand fails it."""
    registry: dict[Action, tuple[type[Model], Any]] = dict(registered_scopes())
    registry[Action.COMMUNICATION_AGREE] = (Communication, None)
    registry[Action.ACTION_VIEW] = (ReviewAction, None)
    by_hand = RULED - {Action.COMMUNICATION_AGREE, Action.ACTION_VIEW}
    assert _written_by_hand(registry, by_hand) == ["action_view", "communication_agree"]
    assert _names_a_case(Notification)
    assert not _names_a_case(LisgMeeting)


@pytest.fixture
def world(board, other_board) -> World:
    return build_world(board, other_board)


@pytest.fixture
def members(world: World) -> dict[str, User]:
    """LISG members of the world's board: one who will declare a conflict in each case a
    URL names, one of a meeting with another case, one of no meeting."""
    found = {name: person(world.board, Role.LISG_MEMBER) for name in BLIND}
    another = NotificationFactory.create(
        board=world.board, notifier=world.case.notifier, status=Status.UNDER_CONSIDERATION
    )
    later = timezone.localdate() + datetime.timedelta(days=30)
    before_the_lisg(another, found["of_another_meeting"], on=later)
    return found


def _case_of(example: Example) -> Notification | None:
    obj = example.obj
    if isinstance(obj, Notification):
        return obj
    case = getattr(obj, "notification", None)
    if isinstance(case, Notification):
        return case
    if "reference" in example.kwargs:
        return Notification.objects.filter(reference=example.kwargs["reference"]).first()
    return None


def _conflicted_in(case: Notification, member: User, world: World) -> None:
    """Put the case before a meeting of its board, with `member` in that meeting and a
    conflict of interest declared by them in the case."""
    placed = LisgMeetingCase.objects.filter(notification=case).select_related("meeting").first()
    if placed is None:
        meeting = before_the_lisg(case, on=timezone.localdate() + datetime.timedelta(days=31))
    else:
        meeting = placed.meeting
    meeting.members.get_or_create(
        user=member,
        defaults={"added_by": world.people["business_manager"], "added_at": case.created_at},
    )
    LisgConflict.objects.get_or_create(
        member=member,
        notification=case,
        defaults={
            "meeting": meeting,
            "interest": "A relative works in the school",
            "declared_by": member,
            "declared_at": timezone.now(),
        },
    )


def _missing(example: Example) -> dict[str, Any]:
    """The same URL for a case that does not exist: its reference, or else the ids of
    the records it names, replaced."""
    kwargs = dict(example.kwargs)
    if "reference" in kwargs:
        kwargs["reference"] = "BF-1999-0000"
        return kwargs
    return {
        key: 2_000_000_000 if isinstance(value, int) else value for key, value in kwargs.items()
    }


# What differs between any two answers: the script nonce, the form's token, and the
# reference each error page gives for the service desk.
_VARYING = re.compile(r'(nonce|value|content)="[^"]*"|Reference: [0-9a-f]{32}')


def _answer(client: Client, method: str, url: str, headers: dict[str, str]) -> tuple[int, str]:
    response = getattr(client, method)(url, headers=headers)
    body = "" if response.streaming else response.content.decode(errors="replace")
    return response.status_code, _VARYING.sub("", body)


def _case_routes(world: World) -> list[tuple[Route, Example, Notification]]:
    found = []
    for route in routes():
        make = EXAMPLES.get(route.name)
        if make is None:
            continue
        example = make(world)
        case = _case_of(example)
        if case is not None:
            found.append((route, example, case))
    return found


def test_every_url_of_a_case_answers_a_member_who_may_not_see_it_as_a_missing_case(world, members):
    """Pages, PDFs, exports and the API: a conflicted member, a member of another meeting
    and a member of no meeting are answered for a case they may not see exactly as for a
    case that does not exist, whether they read (GET) or act (POST)."""
    case_routes = _case_routes(world)
    assert len(case_routes) > 60, "the walk's examples name the cases of the URLs"
    for _, _, case in case_routes:
        _conflicted_in(case, members["conflicted"], world)
    tokens = {
        name: api_token_create(user=user, name="Case management system")[1]
        for name, user in members.items()
    }
    problems = []
    for name in BLIND:
        client = sign_in(Client(), members[name])
        for route, example, case in case_routes:
            assert not may(members[name], Action.NOTIFICATION_VIEW, case)
            headers = {"Authorization": f"Bearer {tokens[name]}"} if token_only(route) else {}
            url = reverse(route.name, kwargs=example.kwargs)
            missing = reverse(route.name, kwargs=_missing(example))
            for method in ("get", "post"):
                seen = _answer(client, method, url, headers)
                expected = _answer(client, method, missing, headers)
                if seen != expected:
                    problems.append(
                        f"{name}: {method.upper()} {route.name} answered {seen[0]}, "
                        f"a missing case {expected[0]}"
                    )
    assert problems == [], "\n".join(problems)


def test_the_member_of_the_meeting_with_the_case_sees_it(world, members):
    """The witness: the comparison above tells a case from a missing one, since the
    member of the case's own meeting, not conflicted, is answered differently."""
    client = sign_in(Client(), world.people["lisg_member"])
    for name in ("notifications:detail", "communications:log", "involvement:chronology"):
        example = EXAMPLES[name](world)
        seen = _answer(client, "get", reverse(name, kwargs=example.kwargs), {})
        missing = _answer(client, "get", reverse(name, kwargs=_missing(example)), {})
        assert seen[0] == 200
        assert missing[0] == 404


def test_only_a_member_of_the_meeting_with_the_case_records_the_lisgs_agreement(
    world, members, mailbox
):
    """Agreement to a communication with the family or the press is the LISG's, recorded
    by a member of the meeting that has the case who is not conflicted in it."""
    _conflicted_in(world.case, members["conflicted"], world)
    drafted = world.drafted
    assert drafted is not None
    for name in BLIND:
        with pytest.raises(TransitionRefused):
            communications.communication_agree(communication=drafted, by=members[name])
        drafted.refresh_from_db()
        assert drafted.state == "drafted"
    assert not scope(members["conflicted"], Action.COMMUNICATION_AGREE).exists()
    communications.communication_agree(communication=drafted, by=world.people["lisg_member"])
    drafted.refresh_from_db()
    assert drafted.state == "agreed"


def test_a_lisg_member_who_sees_a_case_as_its_agencys_lead_does_not_recommend_on_it(
    world,
):
    """Holding the LISG role in the board is not sight of a case: a person who sees the
    case through another role (their agency notified it) is not offered, and may not
    make, the LISG's recommendation unless the case is before their meeting."""
    lead = world.people["agency_lead"]
    lead.role_grants.create(board=world.board, role=Role.LISG_MEMBER)
    lead = User.objects.get(pk=lead.pk)
    case = world.case
    assert may(lead, Action.NOTIFICATION_VIEW, case)
    recommend = TABLES[case.framework]["lisg_recommend"]
    assert not may_make(lead, recommend, case)
    assert not may(lead, Action.LISG_RECOMMEND, case)
    LisgMeeting.objects.get(pk=world.meeting.pk).members.create(
        user=lead, added_by=world.people["business_manager"], added_at=case.created_at
    )
    lead = User.objects.get(pk=lead.pk)
    assert may_make(lead, recommend, case)
