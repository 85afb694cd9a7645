"""Every API error is a JSON problem details document (RFC 9457), never a traceback."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

from casereviews.api.parsers import BodyTooLarge, too_large_message
from casereviews.policy import PUBLIC

PROBLEM_CONTENT_TYPE = "application/problem+json"
logger = logging.getLogger(__name__)

TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    413: "Content too large",
    415: "Unsupported media type",
    429: "Too many requests",
    500: "Something went wrong",
}


def problem(status_code: int, detail: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "about:blank",
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
        **extra,
    }


def _detail_text(detail: Any) -> str:
    if isinstance(detail, dict):
        return "; ".join(f"{k}: {_detail_text(v)}" for k, v in detail.items())
    if isinstance(detail, list):
        return "; ".join(_detail_text(v) for v in detail)
    return str(detail)


def field_errors(detail: Any, where: str = "") -> dict[str, list[str]]:
    """A serializer's errors as {"children[3].sex": [messages]}, like the form's."""
    if isinstance(detail, dict):
        found: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = key if key != "non_field_errors" else ""
            found.update(
                field_errors(value, f"{where}.{name}" if where and name else where or name)
            )
        return found
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        found = {}
        for index, item in enumerate(detail):
            found.update(field_errors(item, f"{where}[{index}]"))
        return found
    if isinstance(detail, list):
        return {where or "body": [str(item) for item in detail]} if detail else {}
    return {where or "body": [str(detail)]}


def problem_details_handler(exc: Exception, context: dict[str, Any]) -> Response:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        # Django's limit, met by anything that reads `request.body` before the parser.
        exc = BodyTooLarge(too_large_message())
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError("The request could not be read")
    response = exception_handler(exc, context)
    if response is None:
        # Logged without the request body, which may identify a child.
        logger.exception("API error in %s", type(context.get("view")).__name__)
        set_rollback()
        response = Response(status=status.HTTP_500_INTERNAL_SERVER_ERROR)
        detail = "The service could not answer. Try again later."
    else:
        detail = _detail_text(getattr(exc, "detail", "")) or TITLES.get(response.status_code, "")
    extra: dict[str, Any] = {}
    if isinstance(exc, exceptions.ValidationError):
        extra["errors"] = field_errors(exc.detail)
    response.data = problem(response.status_code, detail, **extra)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


@login_not_required
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any address under /api/v1/ that names no endpoint."""
    return JsonResponse(
        problem(404, "There is no API endpoint at this address"),
        status=404,
        content_type=PROBLEM_CONTENT_TYPE,
    )


# As `PolicyMixin.as_view` marks a view (the URL walk reads it): on the function itself.
vars(not_found)["permission"] = PUBLIC
