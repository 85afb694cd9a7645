"""Nobody can find out from the sign-in or reset pages whether an address has an account."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.contrib.auth.hashers import get_hasher
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casereviews.accounts.models import User
from casereviews.accounts.password_reset import password_resets_answer
from casereviews.outbox.jobs import deliver_outbox
from casereviews.outbox.models import OutboxEmail
from tests.accounts.conftest import actions, give_password
from tests.helpers import Mailbox

pytestmark = pytest.mark.django_db
UNKNOWN = "nobody@agency.example.org"


def _comparable(body: str, typed: str) -> str:
    """The page less what differs on every request (CSRF token, CSP nonce) and the address
    the person typed, which is shown back to them."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    body = re.sub(r'nonce="[^"]+"', "", body)
    return body.replace(typed, "ADDRESS")


def test_sign_in_answers_the_same_for_a_known_and_an_unknown_address(
    notifier: User,
) -> None:
    """Wrong password for a real person, or any password for an unknown address: the same
    status and the same page."""
    known = give_password(Client(), notifier.email, "wrong-password-123")
    unknown = give_password(Client(), UNKNOWN, "wrong-password-123")
    assert known.status_code == unknown.status_code == 200
    assert _comparable(known.text, notifier.email) == _comparable(unknown.text, UNKNOWN)
    assert "Enter a correct email address and password" in known.text


def test_a_disabled_person_gets_the_same_answer_as_a_wrong_password(notifier: User) -> None:
    """ "Can sign in" unticked: even the right password gives the usual message."""
    notifier.is_active = False
    notifier.save()
    disabled = give_password(Client(), notifier.email)
    unknown = give_password(Client(), UNKNOWN)
    assert _comparable(disabled.text, notifier.email) == _comparable(unknown.text, UNKNOWN)


def test_an_unknown_address_still_runs_the_password_hasher(
    notifier: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No timing shortcut: Django's backend hashes a password for an unknown address too."""
    hasher = type(get_hasher())
    calls: list[str] = []
    original = hasher.encode

    def counting(self: Any, password: str, salt: str) -> str:
        calls.append("hash")
        return original(self, password, salt)

    monkeypatch.setattr(hasher, "encode", counting)
    give_password(Client(), UNKNOWN, "any-password-at-all")
    assert calls == ["hash"]
    # And it takes about as long as checking a real person's password.
    started = time.perf_counter()
    give_password(Client(), notifier.email, "wrong-password-123")
    known = time.perf_counter() - started
    started = time.perf_counter()
    give_password(Client(), UNKNOWN, "wrong-password-123")
    unknown = time.perf_counter() - started
    assert unknown > known / 3


def test_password_reset_answers_the_same_for_a_known_and_an_unknown_address(
    notifier: User, mailbox: Mailbox
) -> None:
    """Both are told to check their email; only the real person gets one."""
    known = Client().post("/account/password-reset", {"email": notifier.email}, follow=True)
    unknown = Client().post("/account/password-reset", {"email": UNKNOWN}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [("/account/password-reset/sent", 302)]
    assert _comparable(known.text, notifier.email) == _comparable(unknown.text, UNKNOWN)
    assert password_resets_answer() == 2
    assert deliver_outbox() == 1
    assert [message["To"] for message in mailbox.messages] == [notifier.email]
    assert actions(action="auth.password_reset_requested") == ["auth.password_reset_requested"] * 2


def _statements(queries: list[dict[str, str]]) -> list[str]:
    """The SQL the database was asked, its values apart."""
    return [re.sub(r"'[^']*'|\b\d+\b|\"s\w+\"", "?", query["sql"]) for query in queries]


def test_a_reset_request_does_the_same_work_for_a_known_and_an_unknown_address(
    notifier: User,
) -> None:
    """Not only the same answer: the same statements, in the same order, so that nothing
    the page does takes longer for an address that belongs to someone. The worker looks
    the address up afterwards (`password_resets_answer`)."""
    asked = []
    for email in (notifier.email, UNKNOWN):
        with CaptureQueriesContext(connection) as captured:
            Client().post("/account/password-reset", {"email": email})
        asked.append(_statements(captured.captured_queries))
    assert asked[0] == asked[1]
    assert not any("accounts_user" in statement for statement in asked[0])
    assert OutboxEmail.objects.count() == 0
