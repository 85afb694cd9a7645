"""The second-factor gate and the session time limits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.services import (
    LAST_SEEN_AT,
    SIGNED_IN_AT,
    is_verified,
    session_expire,
    totp_device,
)
from casereviews.policy.requests import AuthenticatedRequest

# The only pages a person who has given just their password may reach (besides public
# ones). Everything else sends them to the second factor: deny by default.
SECOND_FACTOR_PAGES = frozenset(
    {
        "accounts:second-factor",
        "accounts:recovery-code",
        "accounts:enrol",
        "accounts:sign-out",
        "accounts:signed-out",
    }
)


def second_factor_url(request: AuthenticatedRequest) -> str:
    """Where a person who has given only their password goes next."""
    if totp_device(request.user) is None:
        return reverse("accounts:enrol")
    return reverse("accounts:second-factor")


class SecondFactorMiddleware:
    """A signed-in person who has not given their second factor reaches only the
    second-factor pages and public pages; anything else redirects to the second factor."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or is_verified(user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in SECOND_FACTOR_PAGES:
            return None
        # Public pages, and the API (which signs people in by token, never by this
        # session), do not depend on the session's second factor.
        if getattr(view_func, "login_required", True) is False:
            return None
        return HttpResponseRedirect(second_factor_url(cast(AuthenticatedRequest, request)))


class SessionExpiryMiddleware:
    """Signs a person out after 30 minutes idle or 12 hours in all
    (`settings.SESSION_IDLE_TIMEOUT`, `settings.SESSION_COOKIE_AGE`). Idle time counts
    from their last click to within a minute, so a person may be signed out up to a
    minute early, never late."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            # A session made without signing in through the pages (a test's
            # force_login) starts counting now.
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, now)
            last_seen_at = request.session.get(LAST_SEEN_AT, now)
            reason = None
            if now - signed_in_at >= settings.SESSION_COOKIE_AGE:
                reason = "limit"
            elif now - last_seen_at >= settings.SESSION_IDLE_TIMEOUT.total_seconds():
                reason = "idle"
            if reason is not None:
                session_expire(request=request, reason=reason)
                return HttpResponseRedirect(
                    f"{reverse('accounts:signed-out')}?{urlencode({'reason': reason})}"
                )
            # Written at most once a minute: each write is a commit, and the idle limit
            # need not be kept to the second (`settings.SESSION_ACTIVITY_RESOLUTION`).
            if now - last_seen_at >= settings.SESSION_ACTIVITY_RESOLUTION.total_seconds():
                request.session[LAST_SEEN_AT] = now
        return self.get_response(request)
