"""Throttling of sign-in attempts and of password reset requests, per account and per
address.

Counted in the database (`SignInAttempt`) so that every web server process agrees.
A wrong password and a wrong second-factor code both count against the account.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Max
from django.utils import timezone

from casereviews.accounts.models import PasswordResetRequest, SignInAttempt

WINDOW = timedelta(minutes=15)
# Failures within WINDOW that lock an account (whatever address they came from).
ACCOUNT_LIMIT = 5
# Failures within WINDOW that lock an address (whatever account was tried). Higher than
# the account limit: a whole NHS trust or council can reach us from one address.
ADDRESS_LIMIT = 20
LOCKED_MESSAGE = "You have tried to sign in too many times. Wait 15 minutes and try again."


def sign_in_locked(*, email: str, ip_address: str | None) -> bool:
    """Whether sign-in is refused for this account or this address for now."""
    since = timezone.now() - WINDOW
    failures = SignInAttempt.objects.filter(at__gte=since, succeeded=False)
    # A complete sign-in clears the account's earlier failures.
    last_success = SignInAttempt.objects.filter(email=email, succeeded=True).aggregate(
        at=Max("at")
    )["at"]
    account_since = max(since, last_success) if last_success else since
    if failures.filter(email=email, at__gt=account_since).count() >= ACCOUNT_LIMIT:
        return True
    return bool(ip_address and failures.filter(ip_address=ip_address).count() >= ADDRESS_LIMIT)


def sign_in_attempt_record(
    *, email: str, ip_address: str | None, stage: str, succeeded: bool
) -> SignInAttempt:
    return SignInAttempt.objects.create(
        at=timezone.now(), email=email, ip_address=ip_address, stage=stage, succeeded=succeeded
    )


# Password reset e-mails (local standard, like the sign-in limits): at most 3 an hour to
# one address typed, and 10 requests an hour from one client address, whatever was typed.
RESET_WINDOW = timedelta(hours=1)
RESET_ACCOUNT_LIMIT = 3
RESET_ADDRESS_LIMIT = 10


def password_reset_allowed(*, email: str, ip_address: str | None) -> PasswordResetRequest:
    """Record a reset request, with whether an e-mail may be sent for it. Every request
    counts, answered or not, so a stream of them stays throttled."""
    now = timezone.now()
    recent = PasswordResetRequest.objects.filter(at__gte=now - RESET_WINDOW)
    allowed = recent.filter(email=email).count() < RESET_ACCOUNT_LIMIT and not (
        ip_address and recent.filter(ip_address=ip_address).count() >= RESET_ADDRESS_LIMIT
    )
    return PasswordResetRequest.objects.create(
        at=now, email=email, ip_address=ip_address, allowed=allowed
    )
