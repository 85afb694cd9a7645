"""Password e-mails go through the outbox: "Forgotten your password?" answers the same
whether the address is known and whatever the mail server is doing, the set-up e-mail
is never sent from the web process, and reset requests are throttled per address typed
and per client, with the same answer."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone

from casereviews.accounts.models import PasswordResetRequest, User
from casereviews.accounts.password_reset import password_resets_answer
from casereviews.accounts.throttling import RESET_ACCOUNT_LIMIT, RESET_ADDRESS_LIMIT
from casereviews.outbox.jobs import deliver_outbox
from casereviews.outbox.models import OutboxEmail
from tests.accounts.conftest import actions, give_password
from tests.factories import UserFactory
from tests.helpers import Mailbox, SignIn, body_of, enrolled, free_port

pytestmark = pytest.mark.django_db
UNKNOWN = "nobody@agency.example.org"
SENT_PAGE = "/account/password-reset/sent"


@pytest.fixture
def mail_server_down(mailbox: Mailbox, settings) -> dict[str, object]:
    """The real SMTP server is there, but the service is pointed at a port where nothing
    answers; the test brings it back by restoring the returned settings."""
    working: dict[str, object] = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 5},
        }
    }
    return working


def _without_tokens(body: str) -> str:
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return re.sub(r'nonce="[^"]+"', "", body)


def _reset_link(body: str) -> str:
    match = re.search(re.escape(settings.SERVICE_URL) + r"(/account/password-reset/\S+)", body)
    assert match is not None, body
    return match.group(1)


def test_with_the_mail_server_down_a_reset_answers_as_for_an_unknown_address_and_is_sent_later(
    notifier: User, mailbox: Mailbox, mail_server_down: dict[str, object], settings
) -> None:
    known = Client().post("/account/password-reset", {"email": notifier.email}, follow=True)
    unknown = Client().post("/account/password-reset", {"email": UNKNOWN}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [(SENT_PAGE, 302)]
    assert _without_tokens(known.text) == _without_tokens(unknown.text)
    # The page only recorded the requests: the worker answers them.
    assert OutboxEmail.objects.count() == 0
    assert password_resets_answer() == 2
    queued = OutboxEmail.objects.get()
    assert (queued.to, queued.sent_at) == ([notifier.email], None)
    assert actions(action="auth.password_reset_requested") == ["auth.password_reset_requested"] * 2

    # The worker tries while the server is down, and keeps the e-mail…
    assert deliver_outbox() == 0
    queued.refresh_from_db()
    assert queued.last_error
    # …and sends it once the server is back.
    settings.MAILERS = mail_server_down
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert deliver_outbox() == 1
    (message,) = mailbox.messages
    assert message["To"] == notifier.email
    body = body_of(message)
    form = Client().get(_reset_link(body))
    assert form["Location"].endswith("/set-password")


def test_the_set_up_email_is_queued_not_sent_by_the_page(
    administrator: User, signed_in: SignIn, mailbox: Mailbox, mail_server_down: dict[str, object]
) -> None:
    admin = signed_in(administrator)
    newcomer = UserFactory.create(email="new.person@agency.example.org")
    response = admin.post(f"/administration/people/{newcomer.pk}/set-up-email")
    assert response["Location"] == f"/administration/people/{newcomer.pk}"
    queued = OutboxEmail.objects.get()
    assert queued.to == [newcomer.email]
    assert queued.subject == "Set up your account for Case review notifications"
    assert actions(action="auth.password_setup_sent") == ["auth.password_setup_sent"]
    assert mailbox.messages == []


def test_reset_emails_to_one_address_are_throttled_with_the_same_answer(
    notifier: User, mailbox: Mailbox
) -> None:
    """Eight requests send three e-mails; every request gets the same page."""
    answers = [
        Client().post(
            "/account/password-reset",
            {"email": notifier.email.upper()},
            REMOTE_ADDR=f"192.0.2.{n + 1}",
        )
        for n in range(8)
    ]
    assert {(a.status_code, a["Location"]) for a in answers} == {(302, SENT_PAGE)}
    assert password_resets_answer() == 8
    assert deliver_outbox() == RESET_ACCOUNT_LIMIT
    assert [m["To"] for m in mailbox.messages] == [notifier.email] * RESET_ACCOUNT_LIMIT
    assert actions(actor=notifier) == ["auth.password_reset_requested"] * RESET_ACCOUNT_LIMIT + [
        "auth.password_reset_throttled"
    ] * (8 - RESET_ACCOUNT_LIMIT)
    assert PasswordResetRequest.objects.count() == 8
    # An hour later the person can ask again.
    with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=1)):
        Client().post("/account/password-reset", {"email": notifier.email})
        assert password_resets_answer() == 1
        assert deliver_outbox() == 1


def test_reset_requests_from_one_client_are_throttled_whatever_address_is_typed(
    notifier: User, mailbox: Mailbox
) -> None:
    for n in range(RESET_ADDRESS_LIMIT):
        Client().post(
            "/account/password-reset", {"email": f"guess{n}@example.org"}, REMOTE_ADDR="192.0.2.7"
        )
    throttled = Client().post(
        "/account/password-reset", {"email": notifier.email}, REMOTE_ADDR="192.0.2.7"
    )
    elsewhere = Client().post(
        "/account/password-reset", {"email": notifier.email}, REMOTE_ADDR="198.51.100.1"
    )
    assert throttled["Location"] == elsewhere["Location"] == SENT_PAGE
    password_resets_answer()
    assert deliver_outbox() == 1
    assert [m["To"] for m in mailbox.messages] == [notifier.email]
    assert actions(actor=notifier) == [
        "auth.password_reset_throttled",
        "auth.password_reset_requested",
    ]


def test_a_throttled_reset_does_not_stop_the_person_signing_in(
    notifier: User, mailbox: Mailbox
) -> None:
    """Reset requests count apart from sign-in failures."""
    enrolled(notifier)
    for _ in range(RESET_ACCOUNT_LIMIT + 5):
        Client().post("/account/password-reset", {"email": notifier.email})
    assert give_password(Client(), notifier.email)["Location"] == "/account/sign-in/code"
