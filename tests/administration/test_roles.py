"""Administrators manage people and roles, and never reach case content themselves."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from casereviews.administration.services import RoleRefused, role_grant, role_revoke
from casereviews.audit.models import AuditEvent, Outcome
from casereviews.boards.models import Role, RoleGrant
from tests.factories import NotificationFactory, UserFactory, person

pytestmark = pytest.mark.django_db


def _without_nonces(page: bytes) -> bytes:
    """The page as a person reads it: each response carries its own script nonce, CSRF
    token and refusal reference."""
    page = re.sub(rb'(nonce|value)="[^"]*"', b"", page)
    return re.sub(rb"Reference: [0-9a-f]+", b"", page)


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


def test_someone_not_an_administrator_cannot_tell_whether_a_person_exists(board, signed_in):
    """The permission is checked before the person is looked up: a refused page for a
    real person and for an id nobody has are the same, and both refusals are audited."""
    manager = person(board, Role.BUSINESS_MANAGER)
    client = signed_in(manager)
    real = client.get(reverse("administration:role-create", args=[manager.pk]))
    missing = client.get(reverse("administration:role-create", args=[manager.pk + 999]))
    assert real.status_code == missing.status_code == 403
    assert _without_nonces(real.content) == _without_nonces(missing.content)
    denied = AuditEvent.objects.filter(actor=manager, outcome=Outcome.DENIED)
    assert denied.count() == 2


def test_an_administrator_gets_not_found_for_a_person_who_does_not_exist(administrator, signed_in):
    response = signed_in(administrator).get(
        reverse("administration:role-create", args=[administrator.pk + 999])
    )
    assert response.status_code == 404


def test_giving_and_taking_a_role_are_services_that_only_an_administrator_may_use(
    board, administrator
) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    lead = person(board, Role.NOTIFIER)
    with pytest.raises(PermissionDenied):
        role_grant(person=lead, board=board, role=Role.AGENCY_LEAD, by=manager)
    assert not RoleGrant.objects.filter(user=lead, role=Role.AGENCY_LEAD).exists()
    assert not AuditEvent.objects.filter(action="role_grant.create").exists()

    grant = role_grant(person=lead, board=board, role=Role.AGENCY_LEAD, by=administrator)
    assert grant.granted_by == administrator
    with pytest.raises(PermissionDenied):
        role_revoke(grant=grant, by=manager)
    assert RoleGrant.objects.filter(pk=grant.pk).exists()

    role_revoke(grant=grant, by=administrator)
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    events = AuditEvent.objects.filter(action__startswith="role_grant.").order_by("sequence")
    assert [(e.action, e.actor, e.board) for e in events] == [
        ("role_grant.create", administrator, board),
        ("role_grant.remove", administrator, board),
    ]


def test_the_role_service_refuses_a_role_for_an_administrator_or_one_already_held(
    board, administrator
) -> None:
    other_administrator = UserFactory.create(is_administrator=True)
    with pytest.raises(RoleRefused, match="An administrator cannot hold a role"):
        role_grant(person=other_administrator, board=board, role=Role.NOTIFIER, by=administrator)
    lead = person(board, Role.NOTIFIER)
    with pytest.raises(RoleRefused, match="already holds this role"):
        role_grant(person=lead, board=board, role=Role.NOTIFIER, by=administrator)
    assert RoleGrant.objects.filter(user__in=[lead, other_administrator]).count() == 1
