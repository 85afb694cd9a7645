"""Behind the reverse proxy, throttling and the audit trail use the client's address
from X-Forwarded-For — only the entries the configured proxies added — so one address's
failures cannot lock out everyone else who comes through the same proxy."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client, RequestFactory

from casereviews.accounts.addresses import client_address
from casereviews.accounts.models import SignInAttempt, User
from casereviews.accounts.throttling import ADDRESS_LIMIT
from casereviews.audit.models import AuditEvent
from tests.accounts.conftest import CODE
from tests.factories import PASSWORD
from tests.helpers import enrolled

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LOCKED = "You have tried to sign in too many times. Wait 15 minutes and try again."
PROXY = "127.0.0.1"


def sign_in_through_the_proxy(email: str, password: str, forwarded_for: str) -> Any:
    """A sign-in as the proxy passes it on: from the proxy's address, with the client's
    address appended to X-Forwarded-For."""
    return Client().post(
        "/account/sign-in",
        {"username": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_one_addresss_failures_behind_the_proxy_do_not_lock_out_anyone_else(
    settings, notifier: User
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    enrolled(notifier)
    with time_machine.travel(START, tick=False):
        for n in range(ADDRESS_LIMIT):
            sign_in_through_the_proxy(f"guess{n}@example.org", "wrong", "203.0.113.5")
        # The guesser is locked out, even with a right password…
        locked = sign_in_through_the_proxy(notifier.email, PASSWORD, "203.0.113.5")
        assert LOCKED in locked.text
        # …and cannot get round it by writing an address of their own into the header.
        spoofed = sign_in_through_the_proxy(notifier.email, PASSWORD, "192.0.2.1, 203.0.113.5")
        assert LOCKED in spoofed.text
        # Everyone else coming through the same proxy signs in as usual.
        other = sign_in_through_the_proxy(notifier.email, PASSWORD, "198.51.100.7")
        assert (other.status_code, other["Location"]) == (302, CODE)
    failures = SignInAttempt.objects.filter(succeeded=False)
    assert set(failures.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    accepted = AuditEvent.objects.get(action="auth.password_accepted")
    assert accepted.ip_address == "198.51.100.7"
    throttled = AuditEvent.objects.filter(action="auth.sign_in_throttled")
    assert set(throttled.values_list("ip_address", flat=True)) == {"203.0.113.5"}


def test_without_a_trusted_proxy_the_header_is_not_believed(settings, notifier: User) -> None:
    """Anyone can send X-Forwarded-For: with no proxy configured, the connection's own
    address is counted and recorded, so a made-up header dodges nothing."""
    settings.TRUSTED_PROXY_COUNT = 0
    with time_machine.travel(START, tick=False):
        for n in range(ADDRESS_LIMIT):
            Client().post(
                "/account/sign-in",
                {"username": f"guess{n}@example.org", "password": "wrong"},
                REMOTE_ADDR="192.0.2.7",
                HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}",
            )
        locked = Client().post(
            "/account/sign-in",
            {"username": notifier.email, "password": PASSWORD},
            REMOTE_ADDR="192.0.2.7",
            HTTP_X_FORWARDED_FOR="198.51.100.200",
        )
    assert LOCKED in locked.text
    assert set(SignInAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.7"}
    event = AuditEvent.objects.filter(action="auth.sign_in_failed").first()
    assert event is not None
    assert event.ip_address == "192.0.2.7"


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "192.0.2.7", "198.51.100.1", "192.0.2.7"),
        (1, PROXY, "198.51.100.1", "198.51.100.1"),
        (1, PROXY, "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        (1, PROXY, "not-an-address, 198.51.100.1", "198.51.100.1"),
        # Two proxies: the outer one appended the client, the inner one the outer proxy.
        (2, PROXY, "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        # A request that did not come through the proxy has no header to read.
        (1, "192.0.2.7", None, "192.0.2.7"),
        (1, PROXY, "2001:DB8:0:0::1", "2001:db8::1"),
    ],
)
def test_the_client_is_the_entry_the_trusted_proxies_added(
    settings, proxies: int, remote: str, forwarded: str | None, expected: str
) -> None:
    settings.TRUSTED_PROXY_COUNT = proxies
    headers: dict[str, Any] = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **headers)
    assert client_address(request) == expected
