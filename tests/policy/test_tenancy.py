"""A person sees and acts only in the boards where they hold a role; an administrator
manages people but opens no case."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from tests.factories import NotificationFactory, person

pytestmark = pytest.mark.django_db


def page_without_per_response_tokens(response) -> str:
    """The page less what differs on every response (request id, CSP nonce, CSRF token)."""
    page = response.content.decode().replace(response["X-Request-Id"], "")
    return re.sub(r'(nonce|value)="[^"]*"', "", page)


def test_a_business_manager_cannot_see_a_case_of_a_board_they_hold_no_role_in(
    board, other_board, signed_in
) -> None:
    elsewhere = NotificationFactory.create(board=other_board)
    manager = person(board, Role.BUSINESS_MANAGER)
    client = signed_in(manager)
    response = client.get(reverse("notifications:detail", args=[elsewhere.reference]))
    assert response.status_code == 404
    assert elsewhere.reference not in client.get(reverse("notifications:board")).content.decode()


def test_a_case_that_may_not_be_seen_answers_like_one_that_does_not_exist(
    board, other_board, signed_in
) -> None:
    elsewhere = NotificationFactory.create(board=other_board)
    client = signed_in(person(board, Role.BUSINESS_MANAGER))
    hidden = client.get(reverse("notifications:detail", args=[elsewhere.reference]))
    missing = client.get(reverse("notifications:detail", args=["BF-1999-9999"]))
    assert hidden.status_code == missing.status_code == 404
    assert page_without_per_response_tokens(hidden) == page_without_per_response_tokens(missing)


def test_the_business_manager_of_the_board_sees_the_case_and_the_read_is_audited(
    board, business_manager, signed_in
) -> None:
    case = NotificationFactory.create(board=board)
    response = signed_in(business_manager).get(
        reverse("notifications:detail", args=[case.reference])
    )
    assert response.status_code == 200
    assert case.reference in response.content.decode()
    event = AuditEvent.objects.get(action="notification.read")
    assert (event.actor, event.object_id, event.board) == (business_manager, str(case.pk), board)


def test_a_person_in_two_boards_switches_between_them(board, other_board, signed_in) -> None:
    lead = person(board, Role.BUSINESS_MANAGER)
    from casereviews.boards.models import RoleGrant

    RoleGrant.objects.create(user=lead, board=other_board, role=Role.BUSINESS_MANAGER)
    client = signed_in(lead)
    home = client.get(reverse("frontend:home")).content.decode()
    assert 'id="board-switcher"' in home
    client.post(reverse("frontend:switch-board"), {"board": other_board.pk})
    assert other_board.name in client.get(reverse("frontend:home")).content.decode()


def test_switching_to_a_board_without_a_role_changes_nothing(board, other_board, signed_in) -> None:
    client = signed_in(person(board, Role.NOTIFIER))
    client.post(reverse("frontend:switch-board"), {"board": other_board.pk})
    page = client.get(reverse("frontend:home")).content.decode()
    assert board.name in page
    assert other_board.name not in page


def test_an_administrator_gets_not_found_on_every_case_url(board, administrator, signed_in) -> None:
    case = NotificationFactory.create(board=board)
    client = signed_in(administrator)
    assert client.get(reverse("notifications:detail", args=[case.reference])).status_code == 404
    assert client.get(reverse("notifications:board")).status_code == 403
    assert case.reference not in client.get(reverse("notifications:mine")).content.decode()


def test_only_administrators_reach_administration(
    board, administrator, business_manager, signed_in
) -> None:
    assert signed_in(business_manager).get(reverse("administration:users")).status_code == 403
    assert signed_in(administrator).get(reverse("administration:users")).status_code == 200
