"""Writing the audit trail. Call `audit_record` inside the transaction of the action it
records, so that the action fails if its event cannot be written."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from casereviews.audit.models import AuditEvent, Outcome
from casereviews.policy import board_roles


def _client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    action: str,
    request: HttpRequest | None = None,
    actor: Any = None,
    obj: models.Model | None = None,
    outcome: str = Outcome.SUCCESS,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. `actor` defaults to the request's user."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    board = getattr(obj, "board", None) if obj is not None else None
    roles = ""
    if actor is not None:
        grants = board_roles(actor)
        held = (
            grants.get(board.pk, frozenset())
            if board is not None
            else frozenset().union(*grants.values())
        )
        roles = ",".join(sorted(held | ({"administrator"} if actor.is_administrator else set())))
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor=actor,
        actor_email=getattr(actor, "email", ""),
        actor_organisation=str(getattr(actor, "organisation", "") or ""),
        actor_roles=roles,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=str(obj)[:80] if obj is not None else "",
        board=board,
        outcome=outcome,
        request_id=getattr(request, "request_id", "") if request is not None else "",
        ip_address=_client_address(request),
        detail=detail or {},
    )
