"""`Authorization: Bearer <token>` with a person's API token.

This is the API's only authentication: a browser session is not accepted, so a page
cannot be made to call the API with someone's cookies (and CSRF does not arise)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from casereviews.api.models import ApiToken
from casereviews.api.services import token_hash
from casereviews.audit.models import Outcome
from casereviews.audit.services import audit_record

KEYWORD = "Bearer"
LAST_USED_EVERY = timedelta(minutes=1)
REFUSED = "The API token is not valid, has been revoked, or its user is disabled"


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Give the token as: Authorization: Bearer <token>"
            )
        try:
            token = parts[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(REFUSED) from None
        row = (
            # The person's organisation with them: a notification they make names it.
            ApiToken.objects.select_related("user__organisation")
            .filter(token_hash=token_hash(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if row is None:
            # A failed sign-in by token is recorded like any other (DESIGN.md section 6).
            audit_record(
                request=request._request, action="api_token.refused", outcome=Outcome.FAILED
            )
            raise exceptions.AuthenticationFailed(REFUSED)
        now = timezone.now()
        # The tokens page shows the day a token was last used: writing it at most once a
        # minute spares every API call a write to the same row (a local standard).
        if row.last_used_at is None or now - row.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        return row.user, row

    def authenticate_header(self, request: Request) -> str:
        return f'{KEYWORD} realm="api"'
