"""Making and revoking API tokens, each audited."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.api.models import ApiToken
from casereviews.audit.services import audit_record

TOKEN_PREFIX = "crn_"  # noqa: S105  (marks the string as one of our tokens, not a secret)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(
    *, user: User, name: str, request: HttpRequest | None = None
) -> tuple[ApiToken, str]:
    """Make a token; returns the row and the token itself, which is never seen again."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        row = ApiToken.objects.create(
            user=user,
            name=name.strip(),
            prefix=token[: len(TOKEN_PREFIX) + 6],
            token_hash=token_hash(token),
            created_at=timezone.now(),
        )
        audit_record(request=request, actor=user, action="api_token.create", obj=row)
    return row, token


def api_token_revoke(*, token: ApiToken, by: User, request: HttpRequest | None = None) -> None:
    """Revoke a token; from now on a request carrying it is refused."""
    with transaction.atomic():
        updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if updated:
            audit_record(request=request, actor=by, action="api_token.revoke", obj=token)
