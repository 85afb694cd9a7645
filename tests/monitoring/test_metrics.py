"""Metrics in Prometheus' format, only for the bearer of METRICS_TOKEN, off without it
(docs/adr/0025-health-metrics-and-logs.md)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from casereviews.deadlines.models import Deadline
from casereviews.outbox.models import OutboxEmail
from casereviews.worker.models import Heartbeat
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db
TOKEN = "a-long-random-metrics-token-0123456789"


@pytest.fixture
def token(settings) -> str:
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def scrape(client, **headers: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get(reverse("monitoring:metrics"), **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def test_metrics_are_off_without_a_token(client, settings) -> None:
    settings.METRICS_TOKEN = ""
    response = client.get(reverse("monitoring:metrics"), HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "authorization", [None, "", "Bearer ", f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", TOKEN]
)
def test_metrics_are_refused_without_the_token(client, token, authorization) -> None:
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}
    response = client.get(reverse("monitoring:metrics"), **headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"casereviews_" not in response.content


def test_requests_are_counted_by_page_never_by_path(
    client, token, signed_in, business_manager, board, notifier
) -> None:
    case = NotificationFactory.create(board=board, notifier=notifier)
    manager = signed_in(business_manager)
    path = reverse("notifications:detail", args=[case.reference])
    before = scrape(client, HTTP_AUTHORIZATION=f"Bearer {token}")
    key = (
        "casereviews_http_requests_total",
        (("method", "GET"), ("status", "200"), ("view", "notifications:detail")),
    )
    manager.get(path)
    manager.get(path)
    response = client.get(reverse("monitoring:metrics"), HTTP_AUTHORIZATION=f"Bearer {token}")
    after = scrape(client, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert after[key] - before.get(key, 0) == 2
    assert case.reference not in response.content.decode()


@time_machine.travel("2026-12-07 12:00:00Z", tick=False)
def test_the_service_figures(client, token, board, notifier) -> None:
    now = timezone.now()
    case = NotificationFactory.create(board=board, notifier=notifier)
    for rule, due in (("decision_due", -3), ("decision_due", -1), ("agency_return", 2)):
        Deadline.objects.create(
            notification=case,
            board=board,
            rule_code=rule,
            subject=str(due),
            started_at=now,
            due_at=now + datetime.timedelta(days=due),
            responsible_role="business_manager",
        )
    OutboxEmail.objects.create(
        key="a", to=["a@example.org"], subject="s", body="b", next_attempt_at=now
    )
    OutboxEmail.objects.create(
        key="b",
        to=["b@example.org"],
        subject="s",
        body="b",
        next_attempt_at=now,
        last_error="SMTPServerDisconnected: gone",
    )
    Heartbeat.objects.create(worker="w:1", beat_at=now - datetime.timedelta(seconds=30))
    got = scrape(client, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert got[("casereviews_deadlines_overdue", (("rule", "decision_due"),))] == 2
    assert ("casereviews_deadlines_overdue", (("rule", "agency_return"),)) not in got
    assert got[("casereviews_outbox_unsent_emails", ())] == 2
    assert got[("casereviews_outbox_failing_emails", ())] == 1
    assert got[("casereviews_worker_heartbeat_age_seconds", ())] == 30
    assert got[("casereviews_audit_checkpoint_age_seconds", ())] == float("inf")
