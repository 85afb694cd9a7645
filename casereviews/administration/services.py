"""Giving and taking away a person's role in a board: permission, change and audit event
in one transaction. The board's Business Manager sees both in its audit trail."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Board, Organisation, OrganisationType, Role, RoleGrant
from casereviews.policy import Action, may

# Administrators manage the service and must never read case content, which any board
# role would let them do (so they cannot grant themselves one either).
ADMINISTRATORS_HOLD_NO_ROLE = (
    "An administrator cannot hold a role in a board, because administrators must not see "
    "cases. Remove the person's roles first, or use a separate account for the role"
)
ALREADY_HELD = "This person already holds this role in this board"


class RoleRefused(Exception):
    """The role cannot be given; `message` says why, in the administrator's words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _administrator(by: User) -> None:
    if not may(by, Action.ADMINISTER):
        raise PermissionDenied


def role_grant(
    *, person: User, board: Board, role: Role, by: User, request: HttpRequest | None = None
) -> RoleGrant:
    """Give `person` the `role` in `board`."""
    with transaction.atomic():
        _administrator(by)
        if User.objects.filter(pk=person.pk, is_administrator=True).exists():
            raise RoleRefused(ADMINISTRATORS_HOLD_NO_ROLE)
        if RoleGrant.objects.filter(user=person, board=board, role=role).exists():
            raise RoleRefused(ALREADY_HELD)
        grant = RoleGrant.objects.create(user=person, board=board, role=role, granted_by=by)
        # Recorded against the board, so its Business Manager sees who gained access.
        audit_record(
            request=request,
            actor=by,
            action="role_grant.create",
            obj=person,
            board=board,
            detail={"board": board.code, "role": role},
        )
    return grant


def role_revoke(*, grant: RoleGrant, by: User, request: HttpRequest | None = None) -> None:
    """Take the role away; recorded against the board, like the grant."""
    with transaction.atomic():
        _administrator(by)
        audit_record(
            request=request,
            actor=by,
            action="role_grant.remove",
            obj=grant.user,
            board=grant.board,
            detail={"board": grant.board.code, "role": grant.role},
        )
        grant.delete()


class AdministratorRefused(Exception):
    """The first administrator cannot be created; `message` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def administrator_create(
    *,
    email: str,
    full_name: str,
    organisation_name: str,
    organisation_type: str = OrganisationType.BOARD_BUSINESS_UNIT,
) -> User:
    """Create an administrator and, if new, their organisation, from the server's command
    line (`manage.py create_administrator`). The person has no password and no second
    factor: they set both themselves through the one-time link they are given."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise AdministratorRefused(f"Someone already uses the email address {email}")
    if organisation_type not in OrganisationType.values:
        raise AdministratorRefused(
            f"The organisation type must be one of: {', '.join(OrganisationType.values)}"
        )
    with transaction.atomic():
        organisation, created = Organisation.objects.get_or_create(
            name=organisation_name.strip(), defaults={"type": organisation_type}
        )
        if created:
            audit_record(action="organisation.create", obj=organisation, detail={"by": "command"})
        person = User.objects.create_user(
            email,
            None,  # unusable: the person sets their own through the link
            full_name=full_name.strip(),
            organisation=organisation,
            is_administrator=True,
        )
        audit_record(
            action="user.create",
            obj=person,
            detail={"administrator": True, "by": "command"},
        )
    return person
