"""The outbox: an e-mail queued with its action is sent once over real SMTP, kept and
retried later when the server is down, and queued once however often its action repeats."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from casereviews.outbox.channels import SmtpChannel
from casereviews.outbox.jobs import BATCH, _deliver, deliver_outbox, outbox_claim, outbox_waiting
from casereviews.outbox.models import OutboxEmail
from casereviews.outbox.services import Email, outbox_enqueue, outbox_enqueue_all
from tests.helpers import free_port

pytestmark = pytest.mark.django_db


def _queue(key: str = "notification-submitted:1:manager:2") -> OutboxEmail:
    outbox_enqueue(
        key=key,
        to=["business.manager@bf.example.org"],
        subject="BF-2026-0001 was submitted",
        body="Open the notification: http://127.0.0.1:8000/notifications/BF-2026-0001/",
    )
    return OutboxEmail.objects.get(key=key)


def test_the_same_reason_queues_one_email() -> None:
    first = _queue()
    again = _queue()
    assert first.pk == again.pk
    assert OutboxEmail.objects.count() == 1


def test_several_emails_are_queued_in_one_insert_each_reason_once(
    django_assert_num_queries,
) -> None:
    """A key already queued is left as it was; the others are queued, in one statement."""
    first = _queue("notification-submitted:1:v2:manager:2")
    emails = [
        Email(key=key, to=["someone@bf.example.org"], subject="Again", body="Again")
        for key in ("notification-submitted:1:v2:manager:2", "notification-submitted:1:v2:receipt")
    ]
    with django_assert_num_queries(1):
        outbox_enqueue_all(emails)
    outbox_enqueue_all(emails)
    assert list(OutboxEmail.objects.values_list("key", "subject")) == [
        ("notification-submitted:1:v2:manager:2", first.subject),
        ("notification-submitted:1:v2:receipt", "Again"),
    ]


def test_a_queued_email_is_sent_once_over_smtp_and_marked_sent(mailbox) -> None:
    email = _queue()
    assert deliver_outbox() == 1
    assert deliver_outbox() == 0  # nothing is sent twice
    assert [m["Subject"] for m in mailbox.messages] == ["BF-2026-0001 was submitted"]
    assert mailbox.messages[0]["To"] == "business.manager@bf.example.org"
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 1


def test_an_email_the_server_refuses_is_kept_and_tried_again_later(settings, mailbox) -> None:
    working = settings.MAILERS
    # Nothing listens on this port: the connection is refused.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 5},
        }
    }
    email = _queue()
    assert deliver_outbox() == 0
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.last_error
    assert email.next_attempt_at > timezone.now()
    assert deliver_outbox() == 0  # not before its next attempt

    settings.MAILERS = working
    with time_machine.travel(email.next_attempt_at + datetime.timedelta(seconds=1)):
        assert deliver_outbox() == 1
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.last_error == ""
    assert email.attempts == 2
    assert len(mailbox.messages) == 1


def test_a_burst_larger_than_a_batch_goes_in_one_run_over_one_connection(mailbox) -> None:
    """The worker does not stop after one batch: every e-mail waiting is sent in the same
    run, and the SMTP connection is opened once for all of them."""
    outbox_enqueue_all(
        Email(
            key=f"pack-issued:{n}", to=[f"member{n}@bf.example.org"], subject=f"Pack {n}", body=""
        )
        for n in range(3 * BATCH + 7)
    )
    assert deliver_outbox() == 3 * BATCH + 7
    assert len(mailbox.messages) == 3 * BATCH + 7
    assert len(set(mailbox.peers)) == 1
    assert OutboxEmail.objects.filter(sent_at=None).count() == 0


def test_when_the_server_cannot_be_reached_the_run_stops_and_the_batch_waits(settings) -> None:
    """One refused connection says the server is down: the other e-mails are not each
    tried (and timed out) in turn, they wait for their next attempt with the same reason."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 5},
        }
    }
    for n in range(3):
        _queue(f"notification-submitted:{n}:manager:2")
    assert deliver_outbox() == 0
    emails = list(OutboxEmail.objects.all())
    assert {e.last_error.split(":")[0] for e in emails} == {"ConnectionRefusedError"}
    assert all(e.next_attempt_at > timezone.now() and e.attempts == 1 for e in emails)
    assert outbox_waiting() is False


def test_an_email_whose_lease_ran_out_before_its_turn_is_left_to_the_next_claim(
    mailbox,
) -> None:
    """A claim older than its lease may already be another worker's: it is not sent."""
    email = _queue()
    (claimed,) = outbox_claim()
    assert claimed.claimed_until is not None
    with time_machine.travel(claimed.claimed_until + datetime.timedelta(seconds=1)):
        assert _deliver([claimed], SmtpChannel()) == (0, False)
    assert mailbox.messages == []
    email.refresh_from_db()
    assert email.sent_at is None
