"""Throttling of sign-in attempts, per account and per address.

Counted in the database (`SignInAttempt`) so that every web server process agrees.
A wrong password and a wrong second-factor code both count against the account.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Max
from django.utils import timezone

from casereviews.accounts.models import SignInAttempt

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
