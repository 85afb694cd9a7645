"""Liveness, readiness and metrics for a hosting team (docs/adr/0025-health-metrics-and-logs.md).

All three are public pages in the policy's terms (no sign-in, no second factor, no
board): the health endpoints say only "ok" or which checks fail, by name; the metrics
endpoint is off unless `METRICS_TOKEN` is set, and then answers only a request bearing
that token.
"""

from __future__ import annotations

import hmac
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, JsonResponse
from django.views import View

from casereviews.monitoring.checks import readiness
from casereviews.monitoring.metrics import metrics_text
from casereviews.policy import PUBLIC
from casereviews.policy.views import PolicyMixin


def _not_kept(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


class LiveView(PolicyMixin, View):
    """The process answers. Nothing else is checked, so a load balancer that drops a
    machine on a failed check never drops every machine for a fault they share."""

    permission = PUBLIC

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _not_kept(JsonResponse({"status": "ok"}))


class ReadyView(PolicyMixin, View):
    """The database answers, its migrations are applied, a worker has beaten lately,
    e-mail is getting out and the audit trail is checkpointed: 200, or 503 naming the
    checks that fail."""

    permission = PUBLIC

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        results = readiness()
        ok = all(results.values())
        body = {
            "status": "ok" if ok else "failing",
            "checks": {name: "ok" if passed else "failing" for name, passed in results.items()},
        }
        return _not_kept(JsonResponse(body, status=200 if ok else 503))


class MetricsView(PolicyMixin, View):
    permission = PUBLIC

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = settings.METRICS_TOKEN
        if not token:
            # Off: as if there were no such page (not a refusal to audit).
            return _not_kept(HttpResponseNotFound("Not found\n", content_type="text/plain"))
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            response = HttpResponse("Unauthorised\n", status=401, content_type="text/plain")
            response["WWW-Authenticate"] = 'Bearer realm="metrics"'
            return _not_kept(response)
        return _not_kept(
            HttpResponse(metrics_text(), content_type="text/plain; version=0.0.4; charset=utf-8")
        )
