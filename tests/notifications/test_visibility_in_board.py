"""The board-by-board form of the notification visibility rule, which the lists use so
that an index can serve them, answers exactly what the policy's scope answers."""

from __future__ import annotations

import pytest
from django.utils import timezone

from casereviews.boards.models import Role, RoleGrant
from casereviews.involvement.models import LisgConflict
from casereviews.notifications.models import Notification, Status
from casereviews.notifications.policy import viewable_in_board
from casereviews.policy import Action, scope
from tests.factories import NotificationFactory, OrganisationFactory, person
from tests.lisg import before_the_lisg

pytestmark = pytest.mark.django_db

ROLE_SETS = [
    {Role.NOTIFIER},
    {Role.AGENCY_LEAD},
    {Role.BUSINESS_MANAGER},
    {Role.LISG_MEMBER},
    {Role.INDEPENDENT_CHAIR},
    {Role.AGENCY_LEAD, Role.LISG_MEMBER},
    {Role.NOTIFIER, Role.LISG_MEMBER},
    set(),
]


@pytest.mark.parametrize("roles", ROLE_SETS, ids=lambda r: "+".join(sorted(r)) or "none")
def test_the_board_form_of_the_rule_matches_the_scope(board, other_board, police, roles):
    health = OrganisationFactory.create(name="Health")
    someone = person(board, Role.NOTIFIER, organisation=police)
    viewer = person(other_board, Role.BUSINESS_MANAGER, organisation=police)
    for role in roles:
        RoleGrant.objects.create(user=viewer, board=board, role=role)
    for status in (Status.DRAFT, Status.SUBMITTED, Status.UNDER_CONSIDERATION, Status.CLOSED):
        for notifier in (someone, viewer):
            NotificationFactory.create(board=board, status=status, notifier=notifier)
            NotificationFactory.create(board=other_board, status=status, notifier=notifier)
        NotificationFactory.create(
            board=board, status=status, notifier=person(board, Role.NOTIFIER, organisation=health)
        )
    # The viewer is invited to a LISG meeting with three of the board's cases on its
    # agenda (one closed, one they declared a conflict in): a LISG member sees the open
    # ones but the conflicted one (ADR 0011).
    on_agenda = list(
        Notification.objects.filter(board=board, notifier=someone).exclude(status=Status.DRAFT)
    )
    for case in on_agenda:
        meeting = before_the_lisg(case, viewer)
    LisgConflict.objects.create(
        meeting=meeting,
        member=viewer,
        notification=on_agenda[0],
        interest="A relative",
        declared_by=viewer,
        declared_at=timezone.now(),
    )
    for here in (board, other_board):
        expected = set(scope(viewer, Action.NOTIFICATION_VIEW).filter(board=here))
        assert set(viewable_in_board(viewer, here)) == expected
        assert expected  # every arrangement above lets the viewer see something


def test_a_lisg_member_sees_the_open_cases_of_their_meetings_but_a_conflicted_one(board) -> None:
    member = person(board, Role.LISG_MEMBER)
    shown, closed, conflicted, _on_no_agenda = (
        NotificationFactory.create(board=board, status=status)
        for status in (
            Status.SCR_COMMISSIONED,
            Status.CLOSED,
            Status.UNDER_CONSIDERATION,
            Status.UNDER_CONSIDERATION,
        )
    )
    for case in (shown, closed, conflicted):
        meeting = before_the_lisg(case, member)
    LisgConflict.objects.create(
        meeting=meeting,
        member=member,
        notification=conflicted,
        interest="A relative",
        declared_by=member,
        declared_at=timezone.now(),
    )
    assert set(scope(member, Action.NOTIFICATION_VIEW)) == {shown}
    assert set(viewable_in_board(member, board)) == {shown}
