"""Every request gets an id, echoed in `X-Request-Id`, carried by every log line written
while it is served and by its audit events; and is counted by page and status
(docs/adr/0025-health-metrics-and-logs.md)."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import cast

from django.http import HttpRequest, HttpResponse

from casereviews.monitoring.logs import current_request_id, well_formed_request_id
from casereviews.monitoring.metrics import REQUESTS
from casereviews.policy.requests import AuthenticatedRequest

logger = logging.getLogger("casereviews.request")


def view_name(request: HttpRequest) -> str:
    """The page's URL name: never the path, which may name a case."""
    match = request.resolver_match
    return match.view_name if match is not None and match.view_name else "unmatched"


class RequestIdMiddleware:
    """First in the stack, so that everything after it logs with the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = well_formed_request_id(request.headers.get("X-Request-ID", ""))
        request_id = incoming or uuid.uuid4().hex
        cast(AuthenticatedRequest, request).request_id = request_id
        token = current_request_id.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            view = view_name(request)
            REQUESTS.labels(view, request.method or "", str(response.status_code)).inc()
            logger.info(
                "%s %s %d",
                request.method,
                view,
                response.status_code,
                extra={
                    "view": view,
                    "method": request.method,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            response["X-Request-Id"] = request_id
            return response
        finally:
            current_request_id.reset(token)
