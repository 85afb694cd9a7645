"""Health endpoints a hosting team can watch: public, telling nothing but which check
fails (docs/adr/0025-health-metrics-and-logs.md)."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.audit.services import audit_record
from casereviews.outbox.models import OutboxEmail
from casereviews.worker.models import Heartbeat
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db
CHECKS = ["database", "migrations", "worker", "outbox", "audit_checkpoint"]


def ready(client: Client) -> tuple[int, dict[str, Any]]:
    response = client.get(reverse("monitoring:ready"))
    return response.status_code, json.loads(response.content)


def beat(seconds_ago: float) -> None:
    Heartbeat.objects.update_or_create(
        worker="web-1:42",
        defaults={"beat_at": timezone.now() - datetime.timedelta(seconds=seconds_ago)},
    )


def test_ready_when_every_check_passes(client) -> None:
    beat(5)
    assert ready(client) == (200, {"status": "ok", "checks": dict.fromkeys(CHECKS, "ok")})


def test_readiness_fails_when_the_workers_heartbeat_is_old(client, settings) -> None:
    settings.HEALTH_WORKER_MAX_AGE_SECONDS = 300
    beat(301)
    status, body = ready(client)
    assert status == 503
    assert body == {
        "status": "failing",
        "checks": {**dict.fromkeys(CHECKS, "ok"), "worker": "failing"},
    }


def test_readiness_fails_without_any_worker(client) -> None:
    status, body = ready(client)
    assert (status, body["checks"]["worker"]) == (503, "failing")


def test_readiness_fails_when_an_email_has_waited_too_long(client, settings) -> None:
    beat(5)
    settings.HEALTH_OUTBOX_MAX_AGE_SECONDS = 3600
    email = OutboxEmail.objects.create(
        key="k", to=["a@example.org"], subject="s", body="b", next_attempt_at=timezone.now()
    )
    assert ready(client)[0] == 200
    OutboxEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    status, body = ready(client)
    assert (status, body["checks"]["outbox"]) == (503, "failing")


def test_readiness_fails_when_events_wait_too_long_for_a_checkpoint(client, settings) -> None:
    """Events no checkpoint covers could be cut from the trail unseen (ADR 0003)."""
    beat(5)
    settings.HEALTH_CHECKPOINT_MAX_AGE_SECONDS = 900
    event = audit_record(action="notification.read")
    assert ready(client)[0] == 200
    with time_machine.travel(event.at + datetime.timedelta(seconds=901), tick=False):
        status, body = ready(client)
    assert (status, body["checks"]["audit_checkpoint"]) == (503, "failing")


@pytest.mark.parametrize("name", ["monitoring:live", "monitoring:ready"])
def test_the_health_endpoints_answer_anyone_and_tell_nothing_else(
    name, client, business_manager
) -> None:
    """No sign-in, second factor or board; no cookie; nothing but the status and the
    checks' names (no version, count, age or host)."""
    beat(5)
    for who in (client, Client()):
        response = who.get(reverse(name))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response["Cache-Control"] == "no-store"
        assert not response.cookies
        body = json.loads(response.content)
        assert set(body) <= {"status", "checks"}
        assert set(body.get("checks", {}).values()) <= {"ok"}
        assert set(body.get("checks", {})) <= set(CHECKS)
    # A person who has given only their password reaches them too.
    client.force_login(business_manager)
    assert client.get(reverse(name)).status_code == 200
    assert sign_in(Client(), business_manager).get(reverse(name)).status_code == 200
