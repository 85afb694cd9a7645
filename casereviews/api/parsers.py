"""The API's JSON parser: every way a body can be unreadable is a 4xx problem document,
never a 500."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import exceptions, parsers, status


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


def body_limit() -> int:
    """Django's own limit on a request body held in memory (DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440)


def too_large_message() -> str:
    return f"The request body must be {body_limit() // 1024:,} KB or smaller"


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, which reads the body as a stream and so skips Django's size
    limit, and lets a deeply nested document's RecursionError through as a 500."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        request = (parser_context or {}).get("request")
        meta = getattr(request, "META", {})
        try:
            length = int(meta.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > body_limit():
            raise BodyTooLarge(too_large_message())
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError("The JSON is nested too deeply to read") from None
