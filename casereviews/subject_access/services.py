"""Writes and audited reads of subject access requests (docs/adr/0035): permission check
→ atomic change → audit entry. The person's name is never written to the audit trail,
only a keyed fingerprint of it, so a later disposal leaves the trail untouched
(docs/adr/0034)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Board
from casereviews.learning.selectors import name_key
from casereviews.policy import Action, may
from casereviews.subject_access import deadline
from casereviews.subject_access.models import SubjectAccessRelease, SubjectAccessRequest
from casereviews.subject_access.search import Found, person_search

NAME_SALT = "casereviews.subject_access.name"


def name_fingerprint(name: str) -> str:
    """A keyed hash of the name: whoever holds the service's secret can tell whether a
    given name was searched; a reader of the trail learns nothing of it."""
    return salted_hmac(NAME_SALT, name_key(name), algorithm="sha256").hexdigest()


def _check(by: User, board: Board) -> None:
    if not may(by, Action.SUBJECT_ACCESS, board=board):
        raise PermissionDenied


class TooLate(Exception):
    """The extension was not decided within the first month."""


def sar_create(
    *,
    board: Board,
    full_name: str,
    received_on: datetime.date,
    by: User,
    request: HttpRequest | None = None,
) -> SubjectAccessRequest:
    _check(by, board)
    with transaction.atomic():
        sar = SubjectAccessRequest.objects.create(
            board=board,
            full_name=full_name,
            received_on=received_on,
            created_by=by,
            created_at=timezone.now(),
        )
        audit_record(
            request=request,
            actor=by,
            action="subject_access.received",
            obj=sar,
            detail={"name": name_fingerprint(full_name), "received_on": received_on.isoformat()},
        )
    return sar


def sar_extend(
    *,
    sar: SubjectAccessRequest,
    reason: str,
    by: User,
    request: HttpRequest | None = None,
    today: datetime.date | None = None,
) -> SubjectAccessRequest:
    """Extend by two further months: only within the first month (Article 12(3))."""
    _check(by, sar.board)
    today = today or timezone.localdate()
    if today > deadline.due_on(sar.received_on):
        raise TooLate
    with transaction.atomic():
        SubjectAccessRequest.objects.filter(pk=sar.pk).update(
            extended_on=today, extension_reason=reason
        )
        sar.refresh_from_db()
        audit_record(request=request, actor=by, action="subject_access.extended", obj=sar)
    return sar


def sar_search(
    *, sar: SubjectAccessRequest, by: User, request: HttpRequest | None = None, export: str = ""
) -> list[Found]:
    """Everything about the person, read and audited (an export as such)."""
    _check(by, sar.board)
    found = person_search(sar.board, sar.full_name)
    cases = sorted({item.case for item in found if item.case})
    audit_record(
        request=request,
        actor=by,
        action=f"subject_access.exported.{export}" if export else "subject_access.searched",
        obj=sar,
        detail={"name": name_fingerprint(sar.full_name), "found": len(found), "cases": cases},
    )
    return found


def sar_release_record(
    *,
    sar: SubjectAccessRequest,
    items: list[str],
    redactions: str,
    released_on: datetime.date,
    by: User,
    request: HttpRequest | None = None,
) -> SubjectAccessRelease:
    _check(by, sar.board)
    with transaction.atomic():
        release = SubjectAccessRelease.objects.create(
            request=sar,
            items=sorted(items),
            redactions=redactions,
            released_on=released_on,
            released_by=by,
            recorded_at=timezone.now(),
        )
        audit_record(
            request=request,
            actor=by,
            action="subject_access.released",
            obj=sar,
            detail={"release": release.pk, "items": len(items), "redacted": bool(redactions)},
        )
    return release
