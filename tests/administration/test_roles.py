"""Administrators manage people and roles, and never reach case content themselves."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role, RoleGrant
from tests.factories import NotificationFactory, person

pytestmark = pytest.mark.django_db


def test_an_administrator_cannot_give_themselves_a_role_and_so_cannot_read_cases(
    board, administrator, signed_in
) -> None:
    case = NotificationFactory.create(board=board)
    client = signed_in(administrator)
    response = client.post(
        reverse("administration:role-create", args=[administrator.pk]),
        {"board": board.pk, "role": Role.BUSINESS_MANAGER},
    )
    assert response.status_code == 200
    assert "An administrator cannot hold a role in a board" in response.content.decode()
    assert not RoleGrant.objects.filter(user=administrator).exists()
    assert client.get(reverse("notifications:detail", args=[case.reference])).status_code == 404


def test_someone_with_a_role_cannot_be_made_an_administrator(board, administrator, signed_in):
    manager = person(board, Role.BUSINESS_MANAGER)
    response = signed_in(administrator).post(
        reverse("administration:user-update", args=[manager.pk]),
        {
            "full_name": manager.full_name,
            "email": manager.email,
            "organisation": manager.organisation_id,
            "is_administrator": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "An administrator cannot hold a role in a board" in response.content.decode()
    manager.refresh_from_db()
    assert not manager.is_administrator


def test_the_board_sees_who_was_given_and_lost_a_role_in_it(board, administrator, signed_in):
    lead = person(board, Role.NOTIFIER)
    client = signed_in(administrator)
    client.post(
        reverse("administration:role-create", args=[lead.pk]),
        {"board": board.pk, "role": Role.AGENCY_LEAD},
    )
    grant = RoleGrant.objects.get(user=lead, role=Role.AGENCY_LEAD)
    client.post(reverse("administration:role-remove", args=[lead.pk, grant.pk]))
    events = AuditEvent.objects.filter(action__startswith="role_grant.").order_by("sequence")
    assert [(e.action, e.board) for e in events] == [
        ("role_grant.create", board),
        ("role_grant.remove", board),
    ]
