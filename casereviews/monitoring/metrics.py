"""Metrics in Prometheus' text format, for the protected `/metrics` endpoint
(docs/adr/0025-health-metrics-and-logs.md).

- Requests, by page (the URL's name, never its path, which may hold a case's reference),
  method and status: a counter each process keeps. Under gunicorn with several workers
  set `PROMETHEUS_MULTIPROC_DIR`: each worker then writes its counts to a file there and
  a scrape adds them up (prometheus-client's multiprocess mode; `gunicorn.conf.py` clears
  the folder at start and drops a dead worker's live values).
- Everything else is read from the database and the checkpoints at each scrape, so every
  machine answers the same: e-mails waiting and failing and the oldest one's wait,
  overdue deadlines by rule, the newest worker heartbeat's age, the newest checkpoint's
  age and how long the oldest event not yet checkpointed has waited.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.monitoring import checks
from casereviews.outbox.models import OutboxEmail

# Registered in no registry of its own: each scrape builds one (below).
REQUESTS = Counter(
    "casereviews_http_requests",
    "Requests answered, by page (URL name), method and status.",
    ["view", "method", "status"],
    registry=None,
)


def _seconds(value: float | None) -> float:
    # Never happened (no heartbeat, no checkpoint): infinitely long ago, so an alert on
    # "older than" fires.
    return math.inf if value is None else value


class ServiceCollector(Collector):
    """The figures read afresh at each scrape."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        waiting = OutboxEmail.objects.filter(sent_at=None).aggregate(
            unsent=Count("id"), failing=Count("id", filter=~Q(last_error=""))
        )
        yield GaugeMetricFamily(
            "casereviews_outbox_unsent_emails",
            "E-mails queued and not yet sent.",
            value=waiting["unsent"],
        )
        yield GaugeMetricFamily(
            "casereviews_outbox_failing_emails",
            "E-mails not yet sent whose last attempt failed.",
            value=waiting["failing"],
        )
        yield GaugeMetricFamily(
            "casereviews_outbox_oldest_unsent_age_seconds",
            "How long the oldest e-mail not yet sent has waited.",
            value=checks.oldest_unsent_email_age(),
        )
        overdue = GaugeMetricFamily(
            "casereviews_deadlines_overdue",
            "Open deadlines past their due moment, by rule.",
            labels=["rule"],
        )
        by_rule = (
            Deadline.objects.filter(state=DeadlineState.OPEN, due_at__lt=timezone.now())
            .values_list("rule_code")
            .annotate(count=Count("id"))
            .order_by("rule_code")
        )
        for rule, count in by_rule:
            overdue.add_metric([rule], count)
        yield overdue
        yield GaugeMetricFamily(
            "casereviews_worker_heartbeat_age_seconds",
            "Seconds since any worker last finished a cycle.",
            value=_seconds(checks.worker_heartbeat_age()),
        )
        yield GaugeMetricFamily(
            "casereviews_audit_checkpoint_age_seconds",
            "Seconds since the newest checkpoint of the audit trail was written.",
            value=_seconds(checks.checkpoint_age()),
        )
        yield GaugeMetricFamily(
            "casereviews_audit_unanchored_age_seconds",
            "Seconds the oldest audit event not covered by a checkpoint has waited.",
            value=checks.unanchored_age(),
        )


def metrics_text() -> bytes:
    """Every metric, in Prometheus' text format."""
    registry = CollectorRegistry()
    if settings.PROMETHEUS_MULTIPROC_DIR:
        MultiProcessCollector(registry, path=settings.PROMETHEUS_MULTIPROC_DIR)  # type: ignore[no-untyped-call]
    else:
        registry.register(REQUESTS)
    registry.register(ServiceCollector())
    return generate_latest(registry)
