"""Repeated failures lock an account, or an address, for 15 minutes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from casereviews.accounts.models import SignInAttempt, User
from casereviews.accounts.throttling import ACCOUNT_LIMIT, ADDRESS_LIMIT
from casereviews.audit.models import AuditEvent
from tests.accounts.conftest import CODE, actions, give_password
from tests.helpers import current_code, enrolled

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LOCKED = "You have tried to sign in too many times. Wait 15 minutes and try again."


def test_five_wrong_passwords_lock_the_account_even_with_the_right_one(
    client: Client, notifier: User
) -> None:
    """After 5 failures the right password is refused too, with the lock message and no
    session; 15 minutes later it works."""
    enrolled(notifier)
    with time_machine.travel(START, tick=False):
        for _ in range(ACCOUNT_LIMIT):
            response = give_password(client, notifier.email, "not-the-password")
            assert "Enter a correct email address and password" in response.text
        response = give_password(client, notifier.email)
        assert response.status_code == 200
        assert LOCKED in response.text
        assert "_auth_user_id" not in client.session
    assert SignInAttempt.objects.filter(email=notifier.email, succeeded=False).count() == 5
    assert actions(actor=notifier) == ["auth.sign_in_failed"] * 5 + ["auth.sign_in_throttled"]
    throttled = AuditEvent.objects.get(action="auth.sign_in_throttled")
    assert (throttled.outcome, throttled.detail) == (
        "denied",
        {"stage": "password", "email": notifier.email},
    )
    failed = AuditEvent.objects.filter(action="auth.sign_in_failed").first()
    assert failed is not None
    assert failed.detail == {"stage": "password", "email": notifier.email}
    assert "not-the-password" not in str(failed.detail)

    with time_machine.travel(START + timedelta(minutes=15, seconds=1), tick=False):
        response = give_password(client, notifier.email)
        assert (response.status_code, response["Location"]) == (302, CODE)


def test_the_account_lock_holds_from_another_address(client: Client, notifier: User) -> None:
    """Changing address does not get round the account lock."""
    with time_machine.travel(START, tick=False):
        for n in range(ACCOUNT_LIMIT):
            client.post(
                "/account/sign-in",
                {"username": notifier.email, "password": "wrong"},
                REMOTE_ADDR=f"10.0.0.{n + 1}",
            )
        response = client.post(
            "/account/sign-in",
            {"username": notifier.email, "password": "correct-horse-battery-staple-1"},
            REMOTE_ADDR="10.9.9.9",
        )
    assert LOCKED in response.text


def test_four_failures_then_success_clears_the_count(client: Client, notifier: User) -> None:
    """A complete sign-in starts the count again, so an occasional typo never locks anyone."""
    device = enrolled(notifier)
    with time_machine.travel(START, tick=False):
        for _ in range(ACCOUNT_LIMIT - 1):
            give_password(client, notifier.email, "typo")
        give_password(client, notifier.email)
        assert client.post(CODE, {"code": current_code(device)})["Location"] == "/"
        client.post("/account/sign-out")
        for _ in range(ACCOUNT_LIMIT - 1):
            give_password(client, notifier.email, "typo")
        assert give_password(client, notifier.email)["Location"] == CODE


def test_many_failures_from_one_address_lock_that_address(client: Client, notifier: User) -> None:
    """Guessing across many accounts from one address locks the address, for everyone
    there, for 15 minutes; other addresses are unaffected."""
    enrolled(notifier)
    with time_machine.travel(START, tick=False):
        for n in range(ADDRESS_LIMIT):
            client.post(
                "/account/sign-in",
                {"username": f"guess{n}@example.org", "password": "wrong"},
                REMOTE_ADDR="192.0.2.7",
            )
        locked = client.post(
            "/account/sign-in",
            {"username": notifier.email, "password": "correct-horse-battery-staple-1"},
            REMOTE_ADDR="192.0.2.7",
        )
        assert LOCKED in locked.text
        elsewhere = Client().post(
            "/account/sign-in",
            {"username": notifier.email, "password": "correct-horse-battery-staple-1"},
            REMOTE_ADDR="198.51.100.1",
        )
        assert elsewhere["Location"] == CODE
    # Failed attempts at unknown addresses are recorded without the address tried.
    unknown = AuditEvent.objects.filter(action="auth.sign_in_failed").first()
    assert unknown is not None
    assert (unknown.actor, unknown.detail) == (None, {"stage": "password"})
    assert AuditEvent.objects.get(action="auth.sign_in_throttled").outcome == "denied"
    with time_machine.travel(START + timedelta(minutes=16), tick=False):
        again = client.post(
            "/account/sign-in",
            {"username": notifier.email, "password": "correct-horse-battery-staple-1"},
            REMOTE_ADDR="192.0.2.7",
        )
        assert again["Location"] == CODE


def test_wrong_codes_count_towards_the_account_lock(client: Client, notifier: User) -> None:
    """Guessing the 6-digit code is throttled like guessing the password: after 5 wrong
    codes even the right code is refused, until 15 minutes have passed."""
    device = enrolled(notifier)
    with time_machine.travel(START, tick=False) as traveller:
        give_password(client, notifier.email)
        for _ in range(ACCOUNT_LIMIT):
            client.post(CODE, {"code": "000000"})
            traveller.shift(timedelta(seconds=20))
        response = client.post(CODE, {"code": current_code(device)})
        assert LOCKED in response.text
        assert client.get("/")["Location"] == CODE
        throttled = AuditEvent.objects.get(action="auth.sign_in_throttled")
        assert throttled.detail == {"stage": "second_factor", "email": notifier.email}
        traveller.shift(timedelta(minutes=15))
        # The session has been idle too long by now; sign in again.
        give_password(client, notifier.email)
        assert client.post(CODE, {"code": current_code(device)})["Location"] == "/"
    assert actions(action="auth.second_factor_failed") == ["auth.second_factor_failed"] * 5
