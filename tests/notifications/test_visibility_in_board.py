"""The board-by-board form of the notification visibility rule, which the lists use so
that an index can serve them, answers exactly what the policy's scope answers."""

from __future__ import annotations

import pytest

from casereviews.boards.models import Role, RoleGrant
from casereviews.notifications.models import Status
from casereviews.notifications.policy import viewable_in_board
from casereviews.policy import Action, scope
from tests.factories import NotificationFactory, OrganisationFactory, person

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
    for here in (board, other_board):
        expected = set(scope(viewer, Action.NOTIFICATION_VIEW).filter(board=here))
        assert set(viewable_in_board(viewer, here)) == expected
        assert expected  # every arrangement above lets the viewer see something
