"""GOV.UK Notify as the outbox's channel (`OUTBOX_CHANNEL=notify`): the real
notifications-python-client against a local server that answers as Notify's API documents
and verifies each request's JWT with the key's service id and secret. An accepted e-mail
is marked sent; a 400 refuses it for good (kept, counted, not retried); 403, 429 and 500
keep it, and the rest of the run, for a later attempt; the personalisation carries the
subject and the body only, never a child's identity."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.config import ConfigError, Env
from casereviews.outbox.jobs import deliver_outbox
from casereviews.outbox.models import OutboxEmail
from casereviews.outbox.services import Email, outbox_enqueue_all
from tests.helpers import sign_in
from tests.notifications.helpers import CHILD_NAME, fill_in, send
from tests.outbox.notify_server import API_KEY, SERVICE_ID, TEMPLATE_ID, FakeNotify, fake_notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def notify(settings) -> Iterator[FakeNotify]:
    with fake_notify() as server:
        settings.OUTBOX_CHANNEL = "notify"
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_TEMPLATE_ID = TEMPLATE_ID
        settings.NOTIFY_BASE_URL = server.url
        yield server


def _queue(count: int) -> list[OutboxEmail]:
    outbox_enqueue_all(
        Email(
            key=f"notification-submitted:{n}:manager:2",
            to=[f"manager{n}@bf.example.org"],
            subject=f"BF-2026-{n:04d} was submitted",
            body=f"Open the notification: http://127.0.0.1:8000/notifications/BF-2026-{n:04d}/",
        )
        for n in range(1, count + 1)
    )
    return list(OutboxEmail.objects.order_by("id"))


def test_each_email_goes_to_notify_once_with_a_verified_token_and_is_marked_sent(notify) -> None:
    queued = _queue(3)
    assert deliver_outbox() == 3
    assert deliver_outbox() == 0
    assert [request["verified"] for request in notify.received] == [True] * 3
    first = notify.received[0]["body"]
    assert first == {
        "email_address": "manager1@bf.example.org",
        "template_id": TEMPLATE_ID,
        "personalisation": {
            "subject": "BF-2026-0001 was submitted",
            "body": "Open the notification: http://127.0.0.1:8000/notifications/BF-2026-0001/",
        },
        "reference": f"outbox-{queued[0].pk}",
    }
    assert OutboxEmail.objects.filter(sent_at=None).count() == 0


def test_an_email_notify_refuses_for_good_is_kept_marked_failed_and_counted(
    notify, administrator
) -> None:
    (email,) = _queue(1)
    notify.answer = 400
    assert deliver_outbox() == 0
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.failed_at is not None
    assert email.last_error.startswith("GOV.UK Notify answered 400: BadRequestError")
    # Not tried again, even long after.
    notify.answer = 201
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert deliver_outbox() == 0
    assert len(notify.received) == 1
    page = sign_in(Client(), administrator).get(reverse("worker:operations")).content.decode()
    assert 'not retried</dt><dd class="govuk-summary-list__value">1' in page
    assert 'Waiting to be sent</dt><dd class="govuk-summary-list__value">0' in page


@pytest.mark.parametrize("status", [429, 500])
def test_when_notify_is_busy_or_failing_the_run_stops_and_every_email_is_tried_later(
    notify, status
) -> None:
    queued = _queue(3)
    notify.answer = status
    assert deliver_outbox() == 0
    # The first answer stops the run: the others wait too instead of being tried one by one.
    assert len(notify.received) == 1
    for email in OutboxEmail.objects.all():
        assert email.sent_at is None
        assert email.failed_at is None
        assert email.last_error.startswith(f"GOV.UK Notify answered {status}")
        assert email.next_attempt_at > timezone.now()
    notify.answer = 201
    latest = max(e.next_attempt_at for e in OutboxEmail.objects.all())
    with time_machine.travel(latest + datetime.timedelta(seconds=1)):
        assert deliver_outbox() == len(queued)
    assert OutboxEmail.objects.filter(sent_at=None).count() == 0


def test_a_key_notify_does_not_recognise_is_retried_not_given_up(notify, settings) -> None:
    """Notify answers 403 to a token signed with another secret: the key is wrong, not the
    e-mail, so it waits for the key to be put right."""
    (email,) = _queue(1)
    settings.NOTIFY_API_KEY = f"case-reviews-{SERVICE_ID}-00000000-0000-4000-8000-000000000000"
    assert deliver_outbox() == 0
    assert notify.received[0]["verified"] is False
    email.refresh_from_db()
    assert (email.sent_at, email.failed_at) == (None, None)
    assert email.last_error == (
        "GOV.UK Notify answered 403: AuthError Invalid token: signature, api token not found"
    )
    settings.NOTIFY_API_KEY = API_KEY
    with time_machine.travel(email.next_attempt_at + datetime.timedelta(seconds=1)):
        assert deliver_outbox() == 1


def test_the_emails_of_a_submission_reach_notify_without_the_childs_identity(
    notify, signed_in, notifier, business_manager
) -> None:
    client = signed_in(notifier)
    send(client, fill_in(client))
    assert deliver_outbox() == 2
    assert {r["body"]["email_address"] for r in notify.received} == {
        notifier.email,
        business_manager.email,
    }
    for request in notify.received:
        assert set(request["body"]["personalisation"]) == {"subject", "body"}
        sent = json.dumps(request["body"])
        assert "BF-2026-0001" in sent
        for identity in (CHILD_NAME, "Kacey", "Hollins", "2015", "9 April", "Larch Avenue"):
            assert identity not in sent


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"OUTBOX_CHANNEL": "pigeon"}, "OUTBOX_CHANNEL must be one of smtp, notify"),
        ({"OUTBOX_CHANNEL": "notify"}, "NOTIFY_API_KEY must be set when e-mail goes through"),
        ({"NOTIFY_API_KEY": "not-a-key"}, "NOTIFY_API_KEY must be a GOV.UK Notify API key"),
    ],
)
def test_a_channel_or_key_that_cannot_work_stops_start_up_naming_the_variable(
    environ, message
) -> None:
    with pytest.raises(ConfigError, match=message):
        _channel_settings(Env({"DJANGO_ENV": "test", **environ}))


def _channel_settings(env: Env) -> tuple[str, str]:
    """The channel and the key, read as casereviews/settings.py reads them."""
    channel = env.choice("OUTBOX_CHANNEL", ("smtp", "notify"), "smtp")
    return channel, env.notify_api_key("NOTIFY_API_KEY", required=channel == "notify")


def test_smtp_stays_the_default_channel() -> None:
    assert _channel_settings(Env({})) == ("smtp", "")
    notify = Env({"OUTBOX_CHANNEL": "Notify", "NOTIFY_API_KEY": API_KEY})
    assert _channel_settings(notify) == ("notify", API_KEY)
